// How the listener checks a webhook's signature: a JWT in Authorization, or an SMS `sig` parameter
// (moved out of create-listener.ts, issue 12).
import { verifyWebhookJwt } from '../signing/jwt.js';
import { type SmsSignatureMethod, verifySmsSignature } from '../signing/sms-signature.js';

/** How a received webhook's signature checked out. */
export interface SignatureCheck {
  readonly scheme: 'jwt' | 'sms-signature' | 'none';
  /** `true` valid, `false` invalid, `undefined` present but not checked (no secret given). */
  readonly valid: boolean | undefined;
  readonly detail: string;
}

/** What the check needs of the listener's options. */
export interface SignatureOptions {
  readonly signatureSecret?: string;
  readonly signatureMethod?: SmsSignatureMethod;
  readonly maxAgeSeconds?: number;
}

// md5hash signatures are lower-case, HMACs upper-case (reference signing.md#sms-signature); the length gives the hash.
function guessSmsMethods(sig: string): SmsSignatureMethod[] {
  switch (sig.length) {
    case 32:
      return sig === sig.toLowerCase() ? ['md5hash', 'md5'] : ['md5', 'md5hash'];
    case 40:
      return ['sha1'];
    case 64:
      return ['sha256'];
    case 128:
      return ['sha512'];
    default:
      return ['md5hash'];
  }
}

/** Checks the webhook's JWT or SMS signature with the secret, if one is given. */
export function checkSignature(
  options: SignatureOptions,
  headers: Record<string, string>,
  payload: unknown,
  body: string,
  now: number,
): SignatureCheck {
  const authorization = headers.authorization;
  const maxAgeSeconds = options.maxAgeSeconds ?? 300;
  if (authorization?.startsWith('Bearer ')) {
    if (options.signatureSecret === undefined)
      return { scheme: 'jwt', valid: undefined, detail: 'JWT present, not verified (no --signature-secret)' };
    const result = verifyWebhookJwt(authorization, {
      secret: options.signatureSecret,
      body,
      now,
      maxAgeSeconds,
    });
    return result.valid
      ? { scheme: 'jwt', valid: true, detail: 'JWT valid, payload_hash matches' }
      : { scheme: 'jwt', valid: false, detail: result.message };
  }
  const params = payload as Record<string, unknown>;
  if (payload !== null && typeof payload === 'object' && typeof params.sig === 'string') {
    if (options.signatureSecret === undefined)
      return {
        scheme: 'sms-signature',
        valid: undefined,
        detail: 'sig present, not verified (no --signature-secret)',
      };
    const methods =
      options.signatureMethod === undefined ? guessSmsMethods(params.sig) : [options.signatureMethod];
    let last = 'bad signature';
    for (const method of methods) {
      const result = verifySmsSignature(params, {
        secret: options.signatureSecret,
        method,
        now,
        maxAgeSeconds,
      });
      if (result.valid) return { scheme: 'sms-signature', valid: true, detail: `sig valid (${method})` };
      last = result.message;
    }
    return { scheme: 'sms-signature', valid: false, detail: last };
  }
  return { scheme: 'none', valid: undefined, detail: 'unsigned' };
}
