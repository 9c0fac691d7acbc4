import type { messagesEvents } from '../fixtures/messages/messages-events.js';
import type { JsonSchema } from './json-schema.js';

/** Payload schemas of this API's events. */
export const messagesSchemas = {} satisfies Record<keyof typeof messagesEvents, JsonSchema>;
