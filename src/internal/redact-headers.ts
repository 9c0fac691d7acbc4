// Credentials in header records and names never reach a recording, a log line or a `/_vws` answer
// (docs/decisions/102-credentials-never-printed.md): one rule for the fake, `vws serve` and `vws listen`.

/** What a secret is replaced with; `Authorization` keeps its scheme (`Basic [REDACTED]`). */
export const redactedMarker = '[REDACTED]';

// Parameter and field names whose values are credentials, compared without case, `_` or `-`, so
// `api_secret`, `API_SECRET`, `apiSecret` and `api-secret` are one name. `secret` is the Account
// API's secrets field; `private_key` the Applications API's `keys.private_key`.
const secretNames = new Set(['apisecret', 'secret', 'signaturesecret', 'privatekey']);

// Headers that carry credentials: the first two keep their scheme, cookies are dropped whole.
const schemeHeaders = new Set(['authorization', 'proxy-authorization']);
const opaqueHeaders = new Set(['cookie', 'set-cookie']);
// Other headers named like a credential (`x-api-key`, `x-auth-token`, `x-signature`).
const secretHeaderName = /secret|token|api-?key|signature|password/;

/**
 * Whether a parameter, field or header name holds a credential (`api_secret` in any case or
 * spelling, `secret`, `signature_secret`, `private_key`).
 *
 * @example
 * ```ts
 * isSecretName('API_SECRET'); // true
 * isSecretName('api_key'); // false
 * ```
 */
export function isSecretName(name: string): boolean {
  return secretNames.has(name.toLowerCase().replace(/[_-]/g, ''));
}

/** One header's value with its credential redacted (see {@link redactHeaders}). */
export function redactHeader(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (schemeHeaders.has(lower)) {
    const scheme = /^\s*([A-Za-z][A-Za-z0-9._~+/-]*)\s+\S/.exec(value)?.[1];
    return scheme === undefined ? redactedMarker : `${scheme} ${redactedMarker}`;
  }
  if (opaqueHeaders.has(lower) || isSecretName(lower) || secretHeaderName.test(lower)) return redactedMarker;
  return value;
}

/**
 * A header record with its credentials redacted: `Authorization` and `Proxy-Authorization` keep
 * their scheme (`Basic [REDACTED]`, `Bearer [REDACTED]`), `Cookie`, `Set-Cookie` and headers named
 * like a secret (`api-secret`) become the marker; every other header is kept as is.
 *
 * @example
 * ```ts
 * redactHeaders({ authorization: 'Basic YTpi', 'content-type': 'application/json' });
 * // { authorization: 'Basic [REDACTED]', 'content-type': 'application/json' }
 * ```
 */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const redacted: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) redacted[name] = redactHeader(name, value);
  return redacted;
}

/** {@link redactHeaders} for a list of `[name, value]` pairs (a webhook's request parts). */
export function redactHeaderPairs(
  headers: readonly (readonly [string, string])[],
): (readonly [string, string])[] {
  return headers.map(([name, value]) => [name, redactHeader(name, value)] as const);
}
