/**
 * The SMS API signature methods (Dashboard → API settings → signature method). `md5hash` is a plain
 * MD5 of the string and the secret; the others are HMACs keyed with the signature secret.
 *
 * @see https://developer.vonage.com/getting-started/concepts/signing-messages
 */
export const smsSignatureMethods = ['md5hash', 'md5', 'sha1', 'sha256', 'sha512'] as const;
/** One of {@link smsSignatureMethods}. */
export type SmsSignatureMethod = (typeof smsSignatureMethods)[number];
/** The method an account signs with unless it chose another: `md5hash`, the dashboard default (reference signing.md). */
export const DEFAULT_SMS_SIGNATURE_METHOD: SmsSignatureMethod = 'md5hash';

/** Tells whether a string names an SMS signature method. */
export function isSmsSignatureMethod(value: string): value is SmsSignatureMethod {
  return (smsSignatureMethods as readonly string[]).includes(value);
}
