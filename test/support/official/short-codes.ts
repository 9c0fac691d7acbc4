import type { OfficialMapping } from './types.js';

export const shortCodeOfficial: readonly OfficialMapping[] = [];
