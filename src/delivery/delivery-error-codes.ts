import { errorCodes, type VwsErrorCode } from '../errors.js';

/**
 * The codes a failed delivery carries: the webhook was answered outside Vonage's success range
 * (`_STATUS`), with a redirect (`_REDIRECT`, never followed), not in time (`_TIMEOUT`), not at all
 * (`_NETWORK`, `_CONNECTION_REFUSED`, `_CONNECTION_RESET`), by a handler that threw (`_HANDLER`), or
 * with an NCCO Vonage would reject (`_NCCO_INVALID`). Read from the one list of codes in `errors.ts`.
 */
export const deliveryErrorCodes: readonly DeliveryErrorCode[] = errorCodes.filter(
  (code): code is DeliveryErrorCode => code.startsWith('VWS_ERR_DELIVERY_'),
);

/** One of {@link deliveryErrorCodes}: the error codes of `errors.ts` that name a failed delivery. */
export type DeliveryErrorCode = Extract<VwsErrorCode, `VWS_ERR_DELIVERY_${string}`>;
