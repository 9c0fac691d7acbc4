import { randomUUID } from 'node:crypto';
import { VwsError } from '../errors.js';
import { getEvent, toContentType, toMethod } from '../fixtures/catalog.js';
import type { EventAlias, EventName, SigningOf, WebhookEventMap } from '../fixtures/events.js';
import type { TransportFormat } from '../fixtures/shared/define-event.js';
import { signJwt } from '../signing/jwt.js';
import { type SigningMode, STALE_SECONDS, signingModes } from '../signing/signing-modes.js';
import { isSmsSignatureMethod, type SmsSignatureMethod, signSmsParams } from '../signing/sms-signature.js';
import { DEFAULT_SMS_SIGNATURE_METHOD } from '../signing/sms-signature-methods.js';
import { parseUrl } from './outgoing-request.js';
import { toUserAgent } from './user-agents.js';

/**
 * The payload an event name takes: the event's payload type for a literal event or family name,
 * `unknown` when the name is only known at run time (`string`, or any {@link EventName}), `never`
 * for a literal that names no event (a typo fails to compile rather than at run time).
 */
export type PayloadFor<TName extends string> = string extends TName
  ? unknown
  : EventName extends TName
    ? unknown
    : TName extends EventName | EventAlias
      ? WebhookEventMap[TName]
      : never;

/**
 * A generated webhook: its event name and a payload typed by that name, so that a payload sent
 * under another event's name does not compile (issue 13). With a name known only at run time the
 * payload is `unknown` and checked at run time by the catalog instead.
 *
 * @example
 * ```ts
 * import { generate, type WebhookEvent } from 'vonage-webhook-simulator';
 * const event: WebhookEvent<'sms.inbound'> = { name: 'sms.inbound', payload: generate('sms.inbound') };
 * ```
 */
export interface WebhookEvent<TName extends string = string> {
  readonly name: TName;
  readonly payload: PayloadFor<TName>;
}

/** How {@link toRequest} builds the request, whatever the event. */
export interface RequestBuildOptions {
  /** The receiving endpoint, an absolute http(s) URL. */
  readonly url: string | URL;
  /** Transport: one of the event's formats (catalog `formats`); default the first. */
  readonly format?: TransportFormat;
  /** The account's signature secret; signing happens when it is given (and the event is signed). */
  readonly signatureSecret?: string;
  /** SMS API signature method (default `md5hash`, the dashboard default). JWT webhooks are always HS256. */
  readonly signatureMethod?: SmsSignatureMethod;
  /** API key for the JWT `api_key` claim. */
  readonly apiKey?: string;
  /** Application id for the JWT `application_id` claim. */
  readonly applicationId?: string;
  /** `valid` (default) or a deliberately broken variant for negative tests. */
  readonly signingMode?: SigningMode;
  /** The clock, epoch milliseconds, for `timestamp` / `iat`. Default `Date.now`. */
  readonly now?: () => number;
  /** Source of `nonce` / `jti` values. Default `crypto.randomUUID`. */
  readonly createId?: () => string;
  /** Replaces the User-Agent Vonage sends. */
  readonly userAgent?: string;
  /** Extra headers, set last. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * What a JWT-signed event's options must hold: the `apiKey` for the `api_key` claim whenever a
 * signature goes on the request (a `signatureSecret`, or a signing mode other than `valid` and
 * `unsigned`), as `signJwtRequest` requires at run time.
 */
type JwtSigningOptions =
  | { readonly signingMode: 'unsigned' }
  | { readonly signatureSecret?: undefined; readonly signingMode?: 'valid' }
  | { readonly apiKey: string };

/**
 * How {@link toRequest} builds the request for an event: for an event Vonage signs with a JWT (its
 * catalog `signing` is `jwt`, {@link SigningOf}) `apiKey` is required once signing is asked for; for
 * a name known only at run time (`string`) it is checked at run time as before.
 *
 * @example
 * ```ts
 * import type { ToRequestOptions } from 'vonage-webhook-simulator';
 * const options: ToRequestOptions<'messages.status.read'> = {
 *   url: 'http://127.0.0.1:3000/webhooks/status', signatureSecret: 'secret', apiKey: 'a1b2c3d4',
 * };
 * ```
 */
export type ToRequestOptions<TName extends string = string> = RequestBuildOptions &
  (string extends TName
    ? unknown
    : EventName extends TName
      ? unknown
      : TName extends EventName | EventAlias
        ? 'jwt' extends SigningOf<TName>
          ? JwtSigningOptions
          : unknown
        : unknown);

/**
 * `TName`, not a place to infer it from (TypeScript 5.4's `NoInfer`, written so that the declaration
 * files also compile with TypeScript 5.0 to 5.3, where `NoInfer` does not exist).
 */
type NotInferred<T> = [T][T extends unknown ? 0 : never];

/** The parts of a webhook request as plain data (for `vws request`, curl output and reports). */
export interface RequestParts {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: readonly (readonly [string, string])[];
  /** The exact body bytes as text, or `null` for a GET. */
  readonly body: string | null;
  readonly format: TransportFormat;
  readonly signingMode: SigningMode;
  /** Whether any signature (valid or not) is on the request. */
  readonly signed: boolean;
}

function invalid(message: string): VwsError {
  return new VwsError('VWS_ERR_INVALID_OPTION', message);
}

// The last URL checked: sending many webhooks to one endpoint parses it once.
let lastUrl: { readonly input: string; readonly href: string } | undefined;

function toHref(value: string | URL): string {
  const input = String(value);
  if (lastUrl?.input !== input) lastUrl = { input, href: parseUrl(value).href };
  return lastUrl.href;
}

/** Query and form values: strings as they are, nested objects and arrays as JSON strings (reference voice.md#transport). */
function toParams(payload: unknown): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(payload as Record<string, unknown>)) {
    if (value === undefined) continue;
    params[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return params;
}

/** Changes the first string value in a payload (depth first), keeping its type: a body edited after signing. */
function tamper(value: unknown): unknown {
  let done = false;
  const visit = (node: unknown): unknown => {
    if (done) return node;
    if (typeof node === 'string') {
      done = true;
      return /^\d+$/.test(node) ? String(Number(node.slice(-6) || '0') + 1) : `${node}-tampered`;
    }
    if (Array.isArray(node)) return node.map(visit);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, visit(child)]));
    }
    return node;
  };
  const result = visit(value);
  if (!done) throw invalid('tampered-body needs a payload with at least one string value.');
  return result;
}

function requireSecret(secret: string | undefined, mode: SigningMode): string {
  if (secret === undefined || secret === '') {
    throw invalid(
      `Signing mode "${mode}" needs a signature secret: pass signatureSecret (or --signature-secret / VONAGE_SIGNATURE_SECRET).`,
    );
  }
  return secret;
}

/**
 * Builds the request Vonage would send for a webhook, as plain parts: method and transport per the
 * event and the account setting, `Content-Type`, `User-Agent` and `Accept` as Vonage sends them, and
 * the signature applied last over the exact bytes sent. Pure but for the injectable clock and ids.
 *
 * @example
 * ```ts
 * import { generate, toRequestParts } from 'vonage-webhook-simulator';
 * const parts = toRequestParts(
 *   { name: 'sms.inbound', payload: generate('sms.inbound') },
 *   { url: 'http://127.0.0.1:3000/webhooks/inbound-sms', format: 'query', signatureSecret: 'secret', signatureMethod: 'sha256' },
 * );
 * ```
 */
export function toRequestParts<TName extends string>(
  event: WebhookEvent<TName>,
  options: ToRequestOptions<NotInferred<TName>>,
): RequestParts {
  const entry = getEvent(event.name);
  const format = options.format ?? entry.formats[0];
  if (!entry.formats.includes(format)) {
    throw invalid(`Vonage does not send ${entry.name} as ${format}: use ${entry.formats.join(' or ')}.`);
  }
  const mode = options.signingMode ?? 'valid';
  if (!(signingModes as readonly string[]).includes(mode)) {
    throw invalid(`Unknown signing mode "${String(mode)}": use one of ${signingModes.join(', ')}.`);
  }
  const href = toHref(options.url);
  const now = (options.now ?? Date.now)();
  const createId = options.createId ?? randomUUID;
  const scheme = entry.signing;
  const wantsSignature = mode !== 'valid' || options.signatureSecret !== undefined;
  if (scheme === 'none' && mode !== 'valid' && mode !== 'unsigned') {
    throw invalid(
      `${entry.name} is not signed by Vonage, so signing mode "${mode}" does not apply: use valid or unsigned.`,
    );
  }
  if (scheme === 'sms-signature' && mode === 'alg-none') {
    throw invalid(
      `Signing mode "alg-none" applies to JWT-signed webhooks; ${entry.name} uses the SMS signature.`,
    );
  }
  const sign = scheme !== 'none' && wantsSignature && mode !== 'unsigned';
  const issuedAt = Math.floor(now / 1000) - (mode === 'stale' ? STALE_SECONDS : 0);
  const signing: Signing = { options, mode, issuedAt, createId };
  const headers: [string, string][] = [
    ['accept', '*/*'],
    ['user-agent', options.userAgent ?? toUserAgent(entry.webhook, format)],
  ];
  let payload: unknown = event.payload;

  if (scheme === 'sms-signature' || format !== 'json') {
    const params = toParams(payload);
    payload = sign && scheme === 'sms-signature' ? signSmsPayload(params, signing) : params;
  }

  let { body, url } = toEncoded(format, payload, href);

  if (sign && scheme === 'jwt') {
    const signed = signJwtRequest({ body, url }, href, signing);
    ({ body, url } = signed);
    headers.push(['authorization', `Bearer ${signed.token}`]);
  }

  setHeaders(headers, format, options.headers);
  return {
    method: toMethod(format),
    url: url?.href ?? href,
    headers,
    body,
    format,
    signingMode: mode,
    signed: sign,
  };
}

/** What signing a request reads: the caller's options, the signing mode, the time and the id source. */
interface Signing {
  readonly options: RequestBuildOptions;
  readonly mode: SigningMode;
  /** `timestamp` / `iat`, in epoch seconds (moved back for `stale`). */
  readonly issuedAt: number;
  readonly createId: () => string;
}

/** A request's body, or for a query-string transport its edited URL. */
interface Encoded {
  readonly body: string | null;
  // Only a query-string transport edits the URL; the others reuse the checked href.
  readonly url: URL | undefined;
}

/** Signs query or form parameters with the SMS signature, broken as the signing mode asks. */
function signSmsPayload(params: Record<string, string>, signing: Signing): Record<string, string> {
  const { options, mode } = signing;
  const method = options.signatureMethod ?? DEFAULT_SMS_SIGNATURE_METHOD;
  if (!isSmsSignatureMethod(method)) {
    throw invalid(`Unknown signature method "${String(method)}": use md5hash, md5, sha1, sha256 or sha512.`);
  }
  const secret = requireSecret(options.signatureSecret, mode);
  let signed: Record<string, string> = signSmsParams(params, {
    secret: mode === 'wrong-secret' ? `${secret}-wrong` : secret,
    method,
    timestamp: signing.issuedAt,
    nonce: signing.createId(),
  });
  if (mode === 'tampered-body')
    signed = { ...(tamper(signed) as Record<string, string>), sig: signed.sig as string };
  if (mode === 'malformed-token') signed = { ...signed, sig: 'not-a-signature' };
  return signed;
}

/** The payload as its transport carries it: a JSON or form body, or query parameters on the URL. */
function toEncoded(format: TransportFormat, payload: unknown, href: string): Encoded {
  if (format === 'json') return { body: JSON.stringify(payload), url: undefined };
  if (format === 'form') {
    return { body: new URLSearchParams(payload as Record<string, string>).toString(), url: undefined };
  }
  const url = new URL(href);
  for (const [key, value] of Object.entries(payload as Record<string, string>)) {
    url.searchParams.append(key, value);
  }
  return { body: null, url };
}

/** Signs a JWT webhook over the exact bytes sent, broken as the signing mode asks; returns the token. */
function signJwtRequest(sent: Encoded, href: string, signing: Signing): Encoded & { readonly token: string } {
  const { options, mode } = signing;
  if (options.apiKey === undefined || options.apiKey === '') {
    throw invalid(
      'Signing a JWT webhook needs the API key for the api_key claim: pass apiKey (or --api-key / VONAGE_API_KEY).',
    );
  }
  const secret = requireSecret(options.signatureSecret, mode);
  let { body, url } = sent;
  // Signed over the exact bytes sent; a GET has no body, so its payload_hash is that of an empty body.
  const signedBody = body ?? '';
  let token = signJwt(
    signedBody,
    mode === 'wrong-secret' ? `${secret}-wrong` : secret,
    options.apiKey,
    options.applicationId,
    signing.issuedAt,
    signing.createId(),
  );
  if (mode === 'malformed-token') token = token.split('.').slice(0, 2).join('.');
  if (mode === 'alg-none') {
    const [, claims] = token.split('.');
    token = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${claims}.`;
  }
  if (mode === 'tampered-body') {
    if (body !== null) body = JSON.stringify(tamper(JSON.parse(body)));
    else {
      url ??= new URL(href);
      const [first] = url.searchParams.keys();
      if (first !== undefined) url.searchParams.set(first, `${url.searchParams.get(first) ?? ''}-tampered`);
    }
  }
  return { body, url, token };
}

/** Adds `Content-Type` for the transport, then the caller's extra headers, each replacing one of the same name. */
function setHeaders(
  headers: [string, string][],
  format: TransportFormat,
  extra: Readonly<Record<string, string>> | undefined,
): void {
  const contentType = toContentType(format);
  if (contentType !== null) headers.push(['content-type', contentType]);
  if (extra === undefined) return;
  for (const [name, value] of Object.entries(extra)) {
    const index = headers.findIndex(([existing]) => existing === name.toLowerCase());
    if (index >= 0) headers.splice(index, 1);
    headers.push([name.toLowerCase(), value]);
  }
}

/**
 * Builds the standard fetch `Request` Vonage would send for a webhook (see {@link toRequestParts}).
 *
 * @example
 * ```ts
 * import { generate, toRequest } from 'vonage-webhook-simulator';
 * const request = toRequest(
 *   { name: 'messages.status.delivered', payload: generate('messages.status.delivered') },
 *   { url: 'http://127.0.0.1:3000/webhooks/status', signatureSecret: 'secret', apiKey: 'a1b2c3d4' },
 * );
 * ```
 */
export function toRequest<TName extends string>(
  event: WebhookEvent<TName>,
  options: ToRequestOptions<NotInferred<TName>>,
): Request {
  const parts = toRequestParts(event, options);
  return new Request(parts.url, {
    method: parts.method,
    headers: parts.headers as [string, string][],
    ...(parts.body === null ? {} : { body: parts.body }),
  });
}
