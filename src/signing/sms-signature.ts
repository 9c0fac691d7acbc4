import { createHash, createHmac } from 'node:crypto';
import { constantTimeEqual } from './constant-time.js';
import type { SmsSignatureMethod } from './sms-signature-methods.js';

// The method names live apart from the crypto so the CLI can list them without loading node:crypto.
export {
  isSmsSignatureMethod,
  type SmsSignatureMethod,
  smsSignatureMethods,
} from './sms-signature-methods.js';

/**
 * The string Vonage signs (reference signing.md#sms-signature): every parameter but `sig`, sorted by key in byte order,
 * each value with `&` and `=` replaced by `_`, joined as `&key=value`, starting with `&`, not
 * URL-encoded.
 *
 * @example
 * ```ts
 * import { toSmsSignatureBase } from 'vonage-webhook-simulator';
 * toSmsSignatureBase({ to: '1', text: 'a=b' }); // '&text=a_b&to=1'
 * ```
 */
export function toSmsSignatureBase(params: Readonly<Record<string, string>>): string {
  const keys = Object.keys(params)
    .filter((key) => key !== 'sig')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let base = '';
  for (const key of keys) base += `&${key}=${String(params[key]).replace(/[&=]/g, '_')}`;
  return base;
}

/**
 * Computes the `sig` of SMS API parameters: lower-case hex for `md5hash`, upper-case hex for the
 * HMAC methods, as Vonage and its SDKs write them.
 *
 * @example
 * ```ts
 * import { computeSmsSignature } from 'vonage-webhook-simulator';
 * const sig = computeSmsSignature({ msisdn: '447700900001', timestamp: '1700000000' }, 'secret', 'sha256');
 * ```
 */
export function computeSmsSignature(
  params: Readonly<Record<string, string>>,
  secret: string,
  method: SmsSignatureMethod,
): string {
  const base = toSmsSignatureBase(params);
  if (method === 'md5hash')
    return createHash('md5')
      .update(base + secret)
      .digest('hex');
  return createHmac(method, secret).update(base).digest('hex').toUpperCase();
}

/** What {@link signSmsParams} needs. */
export interface SignSmsOptions {
  readonly secret: string;
  readonly method: SmsSignatureMethod;
  /** Unix seconds for `timestamp`; Vonage uses the time it sends. */
  readonly timestamp: number;
  /** The `nonce` value (Vonage sends a UUID). */
  readonly nonce: string;
}

/**
 * Signs SMS API parameters as Vonage does: adds `timestamp` and `nonce`, then `sig` over all of them.
 * Returns a new object; key order is the original order, then `timestamp`, `nonce`, `sig`.
 *
 * @example
 * ```ts
 * import { generate, signSmsParams } from 'vonage-webhook-simulator';
 * const signed = signSmsParams({ ...generate('sms.inbound') }, {
 *   secret: 'my-signature-secret', method: 'sha256', timestamp: 1700000000, nonce: 'a1b2c3d4-0000-4000-8000-000000000000',
 * });
 * ```
 */
export function signSmsParams<T extends Readonly<Record<string, string>>>(
  params: T,
  options: SignSmsOptions,
): T & { timestamp: string; nonce: string; sig: string } {
  const { sig: _previous, ...rest } = params as Record<string, string>;
  const withSalt = { ...rest, timestamp: String(options.timestamp), nonce: options.nonce };
  return { ...withSalt, sig: computeSmsSignature(withSalt, options.secret, options.method) } as T & {
    timestamp: string;
    nonce: string;
    sig: string;
  };
}

/** Options of {@link verifySmsSignature}. */
export interface VerifySmsSignatureOptions {
  readonly secret: string;
  readonly method: SmsSignatureMethod;
  /** Reject a `timestamp` further than this from `now` (seconds). Default 300, as the Java SDK. */
  readonly maxAgeSeconds?: number;
  /** The clock, epoch milliseconds. Default `Date.now()`. */
  readonly now?: number;
}

/** The outcome of a verification, with the reason when it fails. */
export type VerifyResult =
  | { readonly valid: true }
  | {
      readonly valid: false;
      readonly reason: 'missing-signature' | 'bad-signature' | 'missing-timestamp' | 'stale' | 'malformed';
      readonly message: string;
    };

/**
 * Verifies an SMS API webhook's `sig` for your own app: the parameters are the query string or the
 * body (never both merged, as Vonage warns), values as strings. Checks the signature in constant time
 * (case-insensitively, since SDKs differ in case) and that `timestamp` is within `maxAgeSeconds`.
 *
 * @example
 * ```ts
 * import { verifySmsSignature } from 'vonage-webhook-simulator';
 * const result = verifySmsSignature({ msisdn: '1', timestamp: '1700000000', sig: 'ABC' }, {
 *   secret: 'my-signature-secret', method: 'sha256', now: 1700000000000,
 * });
 * if (!result.valid) console.error(result.message);
 * ```
 */
export function verifySmsSignature(
  params: Readonly<Record<string, unknown>>,
  options: VerifySmsSignatureOptions,
): VerifyResult {
  const sig = params.sig;
  if (typeof sig !== 'string' || sig.length === 0) {
    return { valid: false, reason: 'missing-signature', message: 'The request has no "sig" parameter.' };
  }
  const strings: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value !== 'string') {
      return {
        valid: false,
        reason: 'malformed',
        message: `Parameter "${key}" is not a string; SMS API values are strings.`,
      };
    }
    strings[key] = value;
  }
  const expected = computeSmsSignature(strings, options.secret, options.method);
  if (!constantTimeEqual(sig.toLowerCase(), expected.toLowerCase())) {
    return {
      valid: false,
      reason: 'bad-signature',
      message: 'The "sig" does not match the parameters and secret.',
    };
  }
  const timestamp = Number(strings.timestamp);
  if (strings.timestamp === undefined || !Number.isFinite(timestamp)) {
    return {
      valid: false,
      reason: 'missing-timestamp',
      message: 'The request has no numeric "timestamp" parameter.',
    };
  }
  const maxAge = options.maxAgeSeconds ?? 300;
  const now = options.now ?? Date.now();
  if (Math.abs(now / 1000 - timestamp) > maxAge) {
    return { valid: false, reason: 'stale', message: `The "timestamp" is more than ${maxAge} s from now.` };
  }
  return { valid: true };
}
