import type { dispatchEvents } from '../fixtures/dispatch/dispatch-events.js';
import type { JsonSchema } from './json-schema.js';

/** Payload schemas of this API's events. */
export const dispatchSchemas = {} satisfies Record<keyof typeof dispatchEvents, JsonSchema>;
