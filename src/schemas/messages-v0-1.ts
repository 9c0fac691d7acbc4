import type { JsonSchema } from './json-schema.js';

/** Schemas of the Messages API v0.1 wire shape, keyed `<event>@v0.1`. */
export const messagesV01Schemas: Record<`${string}@v0.1`, JsonSchema> = {};
