import type { OfficialMapping } from './types.js';

export const dispatchOfficial: readonly OfficialMapping[] = [];
