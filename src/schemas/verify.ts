import type { verifyEvents } from '../fixtures/verify/verify-events.js';
import type { JsonSchema } from './json-schema.js';

/** Payload schemas of this API's events. */
export const verifySchemas = {} satisfies Record<keyof typeof verifyEvents, JsonSchema>;
