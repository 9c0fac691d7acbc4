import type { FakeCredential } from '../types.js';

/** Who a request authenticated as, or why it did not. */
export type AuthResult =
  | { readonly ok: true; readonly apiKey?: string; readonly applicationId?: string }
  | { readonly ok: false; readonly reason: 'missing' | 'invalid' };

/** The credential schemes an API accepts in the `Authorization` header. */
export type HeaderScheme = 'basic' | 'jwt';

/** Checks credentials against the accepted ones. */
export interface CredentialCheck {
  /** An `api_key`/`api_secret` pair from the query or body. */
  keySecret(apiKey: string | undefined, apiSecret: string | undefined): AuthResult;
  /** Whether requests signed with `sig` may use this API key (any key when no pair is configured). */
  knowsKey(apiKey: string): boolean;
  /** The `Authorization` header, in one of the schemes the API accepts. */
  header(authorization: string | undefined, schemes: readonly HeaderScheme[]): AuthResult;
}

/** Accepted credentials; empty lists accept any well-formed credential of that kind. */
export interface AcceptedCredentials {
  readonly pairs: readonly { readonly apiKey: string; readonly apiSecret: string }[];
  readonly applicationIds: readonly string[];
}

/** Gathers the accepted credentials from the options. */
export function toAcceptedCredentials(options: {
  readonly apiKey?: string | undefined;
  readonly apiSecret?: string | undefined;
  readonly applicationId?: string | undefined;
  readonly credentials?: readonly FakeCredential[] | undefined;
}): AcceptedCredentials {
  const pairs: { apiKey: string; apiSecret: string }[] = [];
  const applicationIds: string[] = [];
  if (options.apiKey !== undefined && options.apiSecret !== undefined) {
    pairs.push({ apiKey: options.apiKey, apiSecret: options.apiSecret });
  }
  if (options.applicationId !== undefined) applicationIds.push(options.applicationId);
  for (const credential of options.credentials ?? []) {
    if ('applicationId' in credential) applicationIds.push(credential.applicationId);
    else pairs.push({ apiKey: credential.apiKey, apiSecret: credential.apiSecret });
  }
  return { pairs, applicationIds };
}

function decodeSegment(segment: string): unknown {
  if (!/^[A-Za-z0-9_-]+$/.test(segment)) return undefined;
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Whether a JWT header names a signing algorithm: a non-empty `alg` other than `none`. An unsecured
 * JWT (RFC 7519 §6, `alg: none`, no signature) would let anyone act as any application; Vonage's
 * gateway answers it 401, and so does the fake (docs/decisions/102-credentials-never-printed.md).
 */
function isSignedHeader(header: unknown): boolean {
  if (header === null || typeof header !== 'object') return false;
  const alg = (header as { alg?: unknown }).alg;
  return typeof alg === 'string' && alg.trim() !== '' && alg.trim().toLowerCase() !== 'none';
}

/**
 * The `application_id` claim of a well-formed, signed JWT (three base64url parts: a JSON header
 * whose `alg` names an algorithm, not `none` or empty; JSON claims; a non-empty signature), or
 * `null`. The signature itself is not checked: the fake has no public key to check it with.
 *
 * @see https://developer.vonage.com/en/getting-started/concepts/authentication#json-web-tokens
 * @example
 * ```ts
 * toJwtApplicationId('eyJhbGciOiJub25lIn0.eyJhcHBsaWNhdGlvbl9pZCI6ImFwcC0xIn0.'); // null: alg none, no signature
 * ```
 */
export function toJwtApplicationId(token: string): string | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  if (!/^[A-Za-z0-9_-]+$/.test(parts[2] as string)) return null;
  const [header, claims] = parts.map(decodeSegment);
  if (!isSignedHeader(header)) return null;
  if (claims === null || typeof claims !== 'object') return null;
  const applicationId = (claims as { application_id?: unknown }).application_id;
  return typeof applicationId === 'string' && applicationId !== '' ? applicationId : null;
}

/** Whether an `Authorization` header uses a scheme (`basic`, `bearer`), case-insensitively. */
export function hasScheme(authorization: string | undefined, scheme: string): boolean {
  return authorization?.trim().toLowerCase().startsWith(`${scheme} `) ?? false;
}

/**
 * Creates the checker of {@link AcceptedCredentials}; `isKnownApplication` also accepts the
 * applications the account has now (created through the Applications API).
 */
export function createCredentialCheck(
  accepted: AcceptedCredentials,
  isKnownApplication: (applicationId: string) => boolean = () => false,
): CredentialCheck {
  const keySecret = (apiKey: string | undefined, apiSecret: string | undefined): AuthResult => {
    if (apiKey === undefined || apiKey === '' || apiSecret === undefined || apiSecret === '') {
      return { ok: false, reason: 'missing' };
    }
    if (accepted.pairs.length === 0) return { ok: true, apiKey };
    return accepted.pairs.some((pair) => pair.apiKey === apiKey && pair.apiSecret === apiSecret)
      ? { ok: true, apiKey }
      : { ok: false, reason: 'invalid' };
  };
  return {
    keySecret,
    knowsKey: (apiKey) =>
      accepted.pairs.length === 0 || accepted.pairs.some((pair) => pair.apiKey === apiKey),
    header(authorization, schemes) {
      if (authorization === undefined || authorization.trim() === '') return { ok: false, reason: 'missing' };
      const [scheme = '', value = ''] = authorization.trim().split(/\s+/, 2);
      const name = scheme.toLowerCase();
      if (name === 'basic' && schemes.includes('basic')) {
        const decoded = Buffer.from(value, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon < 0) return { ok: false, reason: 'invalid' };
        const result = keySecret(decoded.slice(0, colon), decoded.slice(colon + 1));
        return result.ok ? result : { ok: false, reason: 'invalid' };
      }
      if (name === 'bearer' && schemes.includes('jwt')) {
        const applicationId = toJwtApplicationId(value);
        if (applicationId === null) return { ok: false, reason: 'invalid' };
        if (
          accepted.applicationIds.length > 0 &&
          !accepted.applicationIds.includes(applicationId) &&
          !isKnownApplication(applicationId)
        ) {
          return { ok: false, reason: 'invalid' };
        }
        return { ok: true, applicationId };
      }
      return { ok: false, reason: 'invalid' };
    },
  };
}
