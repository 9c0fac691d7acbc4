import type { StatusRange } from './retry.js';

/**
 * The statuses Vonage counts as delivered, the default `successStatus` of a sender and `--expect`
 * of `vws send`: 200–205 (reference delivery.md).
 */
export const DEFAULT_SUCCESS_RANGE: StatusRange = { min: 200, max: 205 };
