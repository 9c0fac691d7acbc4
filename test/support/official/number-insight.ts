import type { OfficialMapping } from './types.js';

export const numberInsightOfficial: readonly OfficialMapping[] = [];
