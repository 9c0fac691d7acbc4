import type { OfficialMapping } from './types.js';

export const rtcOfficial: readonly OfficialMapping[] = [];
