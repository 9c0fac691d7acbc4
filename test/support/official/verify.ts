import type { OfficialMapping } from './types.js';

export const verifyOfficial: readonly OfficialMapping[] = [];
