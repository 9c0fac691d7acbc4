/**
 * Every error code the toolkit raises. Each maps to an exit code in one table, {@link exitCodeByError},
 * beside the union so that a new code cannot be added without its exit code.
 */
export const errorCodes = [
  'VWS_ERR_UNKNOWN_EVENT',
  'VWS_ERR_INVALID_OPTION',
  'VWS_ERR_INVALID_OVERRIDE',
  'VWS_ERR_INVALID_JSON',
  'VWS_ERR_USAGE',
  'VWS_ERR_DELIVERY_STATUS',
  'VWS_ERR_DELIVERY_REDIRECT',
  'VWS_ERR_DELIVERY_TIMEOUT',
  'VWS_ERR_DELIVERY_NETWORK',
  'VWS_ERR_DELIVERY_CONNECTION_REFUSED',
  'VWS_ERR_DELIVERY_CONNECTION_RESET',
  'VWS_ERR_DELIVERY_HANDLER',
  'VWS_ERR_DELIVERY_NCCO_INVALID',
  'VWS_ERR_VONAGE_HOST_BLOCKED',
  'VWS_ERR_SETTLE_TIMEOUT',
  'VWS_ERR_SETTLE_FAILED',
  'VWS_ERR_INTERRUPTED',
] as const;

/** A string-literal union of {@link errorCodes}. */
export type VwsErrorCode = (typeof errorCodes)[number];

/**
 * Exit codes of the CLI: 0 success, 1 a delivery or contract failure, 2 a usage error or bad input,
 * 130 stopped by Ctrl-C (SIGINT) or SIGTERM after reporting what was done, as shells report 128 + SIGINT.
 */
export const exitCodes = { success: 0, failure: 1, usage: 2, interrupted: 130 } as const;

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
  VWS_ERR_INTERRUPTED: exitCodes.interrupted,
};

/**
 * The one base error of the toolkit: a machine-readable `code` and a message that says what failed,
 * why, and how to fix it.
 *
 * @example
 * ```ts
 * import { generate, isVwsError } from 'vonage-webhook-simulator';
 * try {
 *   generate('sms.inbund' as 'sms.inbound');
 * } catch (error) {
 *   if (isVwsError(error)) console.error(error.code, error.message);
 * }
 * ```
 */
export class VwsError extends Error {
  readonly code: VwsErrorCode;

  constructor(code: VwsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'VwsError';
    this.code = code;
  }
}

/**
 * Tells whether a value is a {@link VwsError} (also across copies of the package).
 *
 * @example
 * ```ts
 * import { isVwsError } from 'vonage-webhook-simulator';
 * const known = isVwsError(new Error('x')); // false
 * ```
 */
export function isVwsError(value: unknown): value is VwsError {
  if (value instanceof VwsError) return true;
  if (!(value instanceof Error) || !('code' in value)) return false;
  const { code } = value;
  return typeof code === 'string' && (errorCodes as readonly string[]).includes(code);
}
