import type { OfficialMapping } from './types.js';

/** Mappings of `<event>@v0.1` shapes to `messages-olympus.v0.yml`. */
export const messagesV01Official: readonly OfficialMapping[] = [];
