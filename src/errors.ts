/**
 * Every error code the toolkit raises. The CLI maps each to an exit code in one table
 * (`src/cli/exit-codes.ts`).
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
] as const;

/** A string-literal union of {@link errorCodes}. */
export type VwsErrorCode = (typeof errorCodes)[number];

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
