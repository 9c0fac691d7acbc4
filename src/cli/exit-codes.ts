import type { VwsErrorCode } from '../errors.js';

/** Exit codes of the CLI: 0 success, 1 a delivery or contract failure, 2 a usage error or bad input. */
export const exitCodes = { success: 0, failure: 1, usage: 2 } as const;

/** The one table from error code to exit code. */
export const exitCodeByError: Readonly<Record<VwsErrorCode, number>> = {
  VWS_ERR_UNKNOWN_EVENT: exitCodes.usage,
  VWS_ERR_INVALID_OPTION: exitCodes.usage,
  VWS_ERR_INVALID_OVERRIDE: exitCodes.usage,
  VWS_ERR_INVALID_JSON: exitCodes.usage,
  VWS_ERR_USAGE: exitCodes.usage,
  VWS_ERR_DELIVERY_STATUS: exitCodes.failure,
  VWS_ERR_DELIVERY_REDIRECT: exitCodes.failure,
  VWS_ERR_DELIVERY_TIMEOUT: exitCodes.failure,
  VWS_ERR_DELIVERY_NETWORK: exitCodes.failure,
  VWS_ERR_DELIVERY_CONNECTION_REFUSED: exitCodes.failure,
  VWS_ERR_DELIVERY_CONNECTION_RESET: exitCodes.failure,
  VWS_ERR_DELIVERY_HANDLER: exitCodes.failure,
  VWS_ERR_DELIVERY_NCCO_INVALID: exitCodes.failure,
  VWS_ERR_VONAGE_HOST_BLOCKED: exitCodes.failure,
  VWS_ERR_SETTLE_TIMEOUT: exitCodes.failure,
  VWS_ERR_SETTLE_FAILED: exitCodes.failure,
};
