import type { OfficialMapping } from './types.js';

export const voiceOfficial: readonly OfficialMapping[] = [];
