import type { voiceEvents } from '../fixtures/voice/voice-events.js';
import type { JsonSchema } from './json-schema.js';

/** Payload schemas of this API's events. */
export const voiceSchemas = {} satisfies Record<keyof typeof voiceEvents, JsonSchema>;

/** Schemas of this API's other wire shapes, keyed `<event>@<version>`. */
export const voiceVersionSchemas: Record<`${string}@${string}`, JsonSchema> = {};
