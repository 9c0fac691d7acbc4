import type { VwsErrorCode } from '../errors.js';

/**
 * The codes a failed delivery carries: the webhook was answered outside Vonage's success range
 * (`_STATUS`), with a redirect (`_REDIRECT`, never followed), not in time (`_TIMEOUT`), not at all
 * (`_NETWORK`, `_CONNECTION_REFUSED`, `_CONNECTION_RESET`), by a handler that threw (`_HANDLER`), or
 * with an NCCO Vonage would reject (`_NCCO_INVALID`).
 */
export const deliveryErrorCodes = [
  'VWS_ERR_DELIVERY_STATUS',
  'VWS_ERR_DELIVERY_REDIRECT',
  'VWS_ERR_DELIVERY_TIMEOUT',
  'VWS_ERR_DELIVERY_NETWORK',
  'VWS_ERR_DELIVERY_CONNECTION_REFUSED',
  'VWS_ERR_DELIVERY_CONNECTION_RESET',
  'VWS_ERR_DELIVERY_HANDLER',
  'VWS_ERR_DELIVERY_NCCO_INVALID',
] as const satisfies readonly VwsErrorCode[];
/** One of {@link deliveryErrorCodes}. */
export type DeliveryErrorCode = (typeof deliveryErrorCodes)[number];
