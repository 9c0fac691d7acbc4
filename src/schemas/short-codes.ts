import type { shortCodeEvents } from '../fixtures/short-codes/short-codes-events.js';
import type { JsonSchema } from './json-schema.js';

/** Payload schemas of this API's events. */
export const shortCodeSchemas = {} satisfies Record<keyof typeof shortCodeEvents, JsonSchema>;
