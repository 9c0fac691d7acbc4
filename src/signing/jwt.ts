import { createHash, createHmac, createSecretKey, hash, type KeyObject, randomUUID } from 'node:crypto';
import { constantTimeEqual } from './constant-time.js';
import type { VerifyResult } from './sms-signature.js';

/** The claims Vonage puts in a signed webhook's JWT (reference signing.md#webhook-jwt), in Vonage's order. */
export interface WebhookJwtClaims {
  iat: number;
  jti: string;
  iss: 'Vonage';
  payload_hash: string;
  api_key: string;
  application_id?: string;
}

/** What {@link signWebhookJwt} needs. */
export interface SignWebhookJwtOptions {
  /** The signature secret of the API key (not the API secret). */
  readonly secret: string;
  readonly apiKey: string;
  readonly applicationId?: string;
  /** Issued-at, unix seconds. Default now. */
  readonly iat?: number;
  /** Token id; Vonage sends a UUID. Default a random UUID. */
  readonly jti?: string;
  /** The hash claim; by default the hex SHA-256 of `body`. Negative tests pass another one. */
  readonly payloadHash?: string;
}

// {"alg":"HS256","typ":"JWT"}, encoded once: the first segment of every token, and of the signed input.
const HS256_HEADER_DOT = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.`;

/** Hex SHA-256 of the exact body bytes (an empty body for a GET), the `payload_hash` claim. */
export function toPayloadHash(body: string | Uint8Array): string {
  // The one-shot hash (Node >= 20.12) skips the Hash object; same digest.
  return typeof body === 'string'
    ? hash('sha256', body, 'hex')
    : createHash('sha256').update(body).digest('hex');
}

// Signing many webhooks with one secret: its HMAC key object is made once (a handful of secrets per run).
const secretKeys = new Map<string, KeyObject>();

function toSecretKey(secret: string): KeyObject | string {
  let key = secretKeys.get(secret);
  if (key === undefined) {
    // An empty secret cannot be a key object; createHmac takes it as a string (as before).
    if (secret === '') return secret;
    if (secretKeys.size >= 64) secretKeys.clear();
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    secretKeys.set(secret, key);
  }
  return key;
}

// The claims after payload_hash, `"api_key":…` and `"application_id":…`, as JSON.stringify writes them,
// per api key and application: the claims are written from this template rather than an object.
let lastTail: { apiKey: string; applicationId: string | undefined; json: string } | undefined;

function claimsTail(apiKey: string, applicationId: string | undefined): string {
  if (lastTail === undefined || lastTail.apiKey !== apiKey || lastTail.applicationId !== applicationId) {
    const appId = applicationId === undefined ? '' : `,"application_id":${JSON.stringify(applicationId)}`;
    // JSON.stringify leaves out an undefined property: so does the template (a caller without types).
    const key = apiKey === undefined ? '' : `,"api_key":${JSON.stringify(apiKey)}`;
    lastTail = { apiKey, applicationId, json: `${key}${appId}}` };
  }
  return lastTail.json;
}

/**
 * The claims as `JSON.stringify` writes a {@link WebhookJwtClaims} object in Vonage's order, byte for
 * byte: `iat` as JSON writes a number (`null` when not finite), strings quoted and escaped by JSON.
 */
function toClaimsJson(iat: number, jti: string, payloadHash: string, tail: string): string {
  const iatJson = Number.isFinite(iat) ? String(iat) : 'null';
  return `{"iat":${iatJson},"jti":${JSON.stringify(jti)},"iss":"Vonage","payload_hash":${JSON.stringify(payloadHash)}${tail}`;
}

/**
 * Signs a webhook body as Vonage does for Voice, Messages, Dispatch, Verify v2 and RTC: an HS256 JWT
 * with `iat`, `jti`, `iss: "Vonage"`, `payload_hash` (SHA-256 of the exact bytes sent), `api_key`
 * and `application_id`, for an `Authorization: Bearer` header. Uses `node:crypto` directly: it is on
 * the load path, and WebCrypto-based JWT libraries are about 20 times slower here. The header
 * segment, the claim template and the HMAC key are made once, the body is hashed once.
 *
 * @see https://developer.vonage.com/messages/concepts/signed-webhooks
 * @example
 * ```ts
 * import { signWebhookJwt } from 'vonage-webhook-simulator';
 * const token = signWebhookJwt('{"status":"delivered"}', { secret: 'my-signature-secret', apiKey: 'a1b2c3d4' });
 * // Pinned claims, for a byte-identical token:
 * const pinned = signWebhookJwt('{"status":"delivered"}', {
 *   secret: 'my-signature-secret', apiKey: 'a1b2c3d4', iat: 1700000000, jti: 'b6c5b0a4-6d7e-4f50-9a0b-0c1d2e3f4a5b',
 * });
 * ```
 */
export function signWebhookJwt(body: string | Uint8Array, options: SignWebhookJwtOptions): string {
  return signJwt(
    body,
    options.secret,
    options.apiKey,
    options.applicationId,
    options.iat ?? Math.floor(Date.now() / 1000),
    options.jti ?? randomUUID(),
    options.payloadHash,
  );
}

/**
 * {@link signWebhookJwt} with its options as arguments, for the request builder: no options object
 * per request. Not part of the public API.
 */
export function signJwt(
  body: string | Uint8Array,
  secret: string,
  apiKey: string,
  applicationId: string | undefined,
  iat: number,
  jti: string,
  payloadHash?: string,
): string {
  const claims = toClaimsJson(
    iat,
    jti,
    payloadHash ?? toPayloadHash(body),
    claimsTail(apiKey, applicationId),
  );
  const unsigned = `${HS256_HEADER_DOT}${Buffer.from(claims).toString('base64url')}`;
  return `${unsigned}.${createHmac('sha256', toSecretKey(secret)).update(unsigned).digest('base64url')}`;
}

/** Options of {@link verifyWebhookJwt}. */
export interface VerifyWebhookJwtOptions {
  readonly secret: string;
  /** The exact body bytes received (empty for a GET). */
  readonly body: string | Uint8Array;
  /** Reject an `iat` older than this (seconds). Default 300. */
  readonly maxAgeSeconds?: number;
  /** Tolerated clock skew for an `iat` in the future (seconds). Default 60. */
  readonly clockSkewSeconds?: number;
  /** The clock, epoch milliseconds. Default `Date.now()`. */
  readonly now?: number;
}

/** The outcome of {@link verifyWebhookJwt}: the claims when valid. */
export type VerifyJwtResult =
  | { readonly valid: true; readonly claims: WebhookJwtClaims }
  | (
      | Extract<VerifyResult, { valid: false }>
      | {
          readonly valid: false;
          readonly reason: 'bad-algorithm' | 'payload-mismatch';
          readonly message: string;
        }
    );

function fail(
  reason: Extract<VerifyJwtResult, { valid: false }>['reason'],
  message: string,
): VerifyJwtResult {
  return { valid: false, reason, message } as VerifyJwtResult;
}

/**
 * Verifies a signed webhook for your own app: the HS256 signature (any other `alg`, `none` included,
 * is rejected), the `payload_hash` against the exact body (the SDK helpers skip this), and the age of
 * `iat`. Comparisons are constant-time.
 *
 * @example
 * ```ts
 * import { verifyWebhookJwt } from 'vonage-webhook-simulator';
 * const token = 'eyJ...';
 * const result = verifyWebhookJwt(token, { secret: 'my-signature-secret', body: '{"status":"delivered"}' });
 * if (!result.valid) console.error(result.reason);
 * ```
 */
export function verifyWebhookJwt(
  token: string | null | undefined,
  options: VerifyWebhookJwtOptions,
): VerifyJwtResult {
  if (token === null || token === undefined || token === '') {
    return fail('missing-signature', 'The request has no "Authorization: Bearer" token.');
  }
  const bearer = token.startsWith('Bearer ') ? token.slice(7) : token;
  const parts = bearer.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part))) {
    return fail('malformed', 'The token is not a compact JWT (three base64url parts).');
  }
  const [encodedHeader = '', encodedClaims = '', signature = ''] = parts;
  let header: { alg?: unknown };
  let claims: Partial<WebhookJwtClaims>;
  try {
    header = JSON.parse(Buffer.from(encodedHeader, 'base64url').toString('utf8')) as { alg?: unknown };
    claims = JSON.parse(
      Buffer.from(encodedClaims, 'base64url').toString('utf8'),
    ) as Partial<WebhookJwtClaims>;
  } catch {
    return fail('malformed', 'The token header or claims are not JSON.');
  }
  if (header.alg !== 'HS256') {
    return fail(
      'bad-algorithm',
      `The token's alg is ${JSON.stringify(header.alg)}; Vonage signs webhooks with HS256 only.`,
    );
  }
  const expected = createHmac('sha256', options.secret)
    .update(`${encodedHeader}.${encodedClaims}`)
    .digest('base64url');
  if (!constantTimeEqual(signature, expected)) {
    return fail('bad-signature', 'The token signature does not match the signature secret.');
  }
  if (
    typeof claims.payload_hash !== 'string' ||
    !constantTimeEqual(claims.payload_hash.toLowerCase(), toPayloadHash(options.body))
  ) {
    return fail(
      'payload-mismatch',
      "The token's payload_hash does not match the SHA-256 of the body: the body was changed.",
    );
  }
  if (typeof claims.iat !== 'number')
    return fail('missing-timestamp', 'The token has no numeric "iat" claim.');
  const nowSeconds = (options.now ?? Date.now()) / 1000;
  const maxAge = options.maxAgeSeconds ?? 300;
  if (nowSeconds - claims.iat > maxAge || claims.iat - nowSeconds > (options.clockSkewSeconds ?? 60)) {
    return fail('stale', `The token's iat is more than ${maxAge} s old or in the future.`);
  }
  return { valid: true, claims: claims as WebhookJwtClaims };
}
