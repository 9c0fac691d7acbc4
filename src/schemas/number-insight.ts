import type { numberInsightEvents } from '../fixtures/number-insight/number-insight-events.js';
import type { JsonSchema } from './json-schema.js';

/** Payload schemas of this API's events. */
export const numberInsightSchemas = {} satisfies Record<keyof typeof numberInsightEvents, JsonSchema>;
