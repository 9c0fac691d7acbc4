import type { rtcEvents } from '../fixtures/rtc/rtc-events.js';
import type { JsonSchema } from './json-schema.js';

/** Payload schemas of this API's events. */
export const rtcSchemas = {} satisfies Record<keyof typeof rtcEvents, JsonSchema>;
