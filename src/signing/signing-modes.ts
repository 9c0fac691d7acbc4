/**
 * How a request is signed: `valid`, or one of the deliberately broken variants for negative tests.
 *
 * - `unsigned`: no signature at all (no `sig`, no `Authorization`).
 * - `wrong-secret`: signed with another secret.
 * - `tampered-body`: validly signed, then a value in the payload is changed (for JWT: a valid token
 *   whose `payload_hash` does not match the body).
 * - `stale`: signed an hour ago (`timestamp` / `iat`).
 * - `malformed-token`: a signature that is not one (`sig` not hex; a bearer token that is not a JWT).
 * - `alg-none`: a JWT with `alg: none` and no signature (JWT-signed webhooks only).
 */
export const signingModes = [
  'valid',
  'unsigned',
  'wrong-secret',
  'tampered-body',
  'stale',
  'malformed-token',
  'alg-none',
] as const;
/** One of {@link signingModes}. */
export type SigningMode = (typeof signingModes)[number];

/** The negative modes: every mode but `valid`. */
export const negativeSigningModes = signingModes.filter(
  (mode): mode is Exclude<SigningMode, 'valid'> => mode !== 'valid',
);

/** How old a `stale` signature is: an hour, far past the 5 minutes SDKs allow. */
export const STALE_SECONDS = 3600;
