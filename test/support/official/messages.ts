import type { OfficialMapping } from './types.js';

export const messagesOfficial: readonly OfficialMapping[] = [];
