// Forwarding (issue 12, decision 112): `vws listen --forward-to` passes each webhook on to the app
// byte for byte (same method, body bytes and headers but `host` and the hop-by-hop ones, so
// signatures still verify) and hands the app's answer back to Vonage.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * The header each listener adds to what it forwards, with its own random id (issue 12): a request
 * that comes back carrying the id has gone round a loop (a listener forwarding to itself, or two
 * forwarding to each other) and is answered 508. A header added changes no signature: the JWT is
 * in `authorization` and its `payload_hash` covers the body; the SMS `sig` covers the parameters.
 */
export const HOP_HEADER = 'x-vws-listen-hop';

/** A URL as it may be shown: its userinfo (`user:password@`) replaced, never printed or recorded. */
export function redactUserinfo(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#\s]*@/i, '$1[REDACTED]@');
}

/** The default time the app has to answer a forwarded webhook before the listener answers 504. */
export const DEFAULT_FORWARD_TIMEOUT_MS = 10_000;

// Hop-by-hop headers (RFC 9110 §7.6.1): they belong to one connection, not to the message.
const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

function isHopByHop(name: string, named: ReadonlySet<string>): boolean {
  const lower = name.toLowerCase();
  return hopByHop.has(lower) || lower.startsWith('proxy-') || named.has(lower);
}

/** The header names a `Connection` header lists: hop-by-hop too. */
function namedByConnection(rawHeaders: readonly string[]): Set<string> {
  const named = new Set<string>();
  for (let index = 0; index < rawHeaders.length; index += 2) {
    if (rawHeaders[index]?.toLowerCase() !== 'connection') continue;
    for (const token of (rawHeaders[index + 1] ?? '').split(',')) named.add(token.trim().toLowerCase());
  }
  return named;
}

/** Raw header pairs (`[name, value, name, value...]`) without hop-by-hop headers, `host` and `content-length`. */
function endToEnd(rawHeaders: readonly string[], drop: readonly string[]): string[] {
  const named = namedByConnection(rawHeaders);
  const kept: string[] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = rawHeaders[index] as string;
    if (isHopByHop(name, named) || drop.includes(name.toLowerCase())) continue;
    kept.push(name, rawHeaders[index + 1] as string);
  }
  return kept;
}

/** The target of a webhook: the base URL's origin and path, then the request's path and query. */
export function toForwardUrl(base: URL, pathAndQuery: string): URL {
  const basePath = base.pathname.replace(/\/+$/, '');
  const path = pathAndQuery.startsWith('/') ? pathAndQuery : `/${pathAndQuery}`;
  return new URL(`${base.origin}${basePath}${path}`);
}

/** A webhook to forward: as received. */
export interface ForwardRequest {
  readonly method: string;
  /** The request target's path and query, as received. */
  readonly pathAndQuery: string;
  /** `IncomingMessage.rawHeaders`: names as sent, in order, repeated headers kept. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
}

/** The app's answer, ready to hand back: hop-by-hop headers gone, body whole. */
export interface ForwardAnswer {
  readonly ok: true;
  readonly url: string;
  readonly status: number;
  /** Raw header pairs without hop-by-hop headers and `content-length` (set again from the body). */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly durationMs: number;
}

/** Why the app's answer could not be had: 502 (unreachable, answer too large) or 504 (too slow). */
export interface ForwardFailure {
  readonly ok: false;
  readonly url: string;
  readonly status: 502 | 504;
  /** One line: the cause. */
  readonly cause: string;
  readonly durationMs: number;
}

/** Options of {@link forwardWebhook}. */
export interface ForwardOptions {
  readonly timeoutMs: number;
  /** Largest answer read, in bytes; past it the answer is dropped and the result is a 502. */
  readonly maxAnswerBytes: number;
  /** This listener's id, sent in {@link HOP_HEADER} after the ids the webhook arrived with. */
  readonly hopId?: string;
}

function causeOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const text = typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
  return (text.split('\n')[0] ?? '').slice(0, 300);
}

function readAnswer(response: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    response.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) {
        response.destroy(new Error(`the answer is over the limit of ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () => resolve(Buffer.concat(chunks)));
    response.on('error', reject);
    response.on('aborted', () => reject(new Error('the app closed the connection mid-answer')));
  });
}

/**
 * Sends a webhook on to `target` as received: same method, same body bytes, same headers (names,
 * order and repeats) but `host` (the target's) and the hop-by-hop ones, `content-length` set from
 * the body, and {@link HOP_HEADER} with `hopId` added. Resolves with the app's answer, or with a
 * failure (never rejects): 502 when the app cannot be reached or its answer is over
 * `maxAnswerBytes`, 504 past `timeoutMs`. The `url` of either has its userinfo redacted.
 */
export function forwardWebhook(
  webhook: ForwardRequest,
  target: URL,
  options: ForwardOptions,
): Promise<ForwardAnswer | ForwardFailure> {
  const started = Date.now();
  const url = redactUserinfo(target.href);
  const headers = ['host', target.host, ...endToEnd(webhook.rawHeaders, ['host', 'content-length'])];
  if (options.hopId !== undefined) headers.push(HOP_HEADER, options.hopId);
  const hadLength = webhook.rawHeaders.some(
    (name, index) => index % 2 === 0 && /^content-length$/i.test(name),
  );
  if (webhook.body.length > 0 || hadLength || !['GET', 'HEAD', 'DELETE'].includes(webhook.method))
    headers.push('content-length', String(webhook.body.length));
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: ForwardAnswer | ForwardFailure) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const fail = (status: 502 | 504, cause: string) =>
      finish({ ok: false, url, status, cause, durationMs: Date.now() - started });
    const outgoing = send(target, { method: webhook.method, headers, agent: false }, (response) => {
      readAnswer(response, options.maxAnswerBytes).then(
        (body) =>
          finish({
            ok: true,
            url,
            status: response.statusCode ?? 502,
            rawHeaders: endToEnd(response.rawHeaders, ['content-length']),
            body,
            durationMs: Date.now() - started,
          }),
        (error: unknown) => fail(502, causeOf(error)),
      );
    });
    const timer = setTimeout(() => {
      fail(504, `no answer within ${options.timeoutMs} ms`);
      outgoing.destroy();
    }, options.timeoutMs);
    outgoing.on('error', (error) => fail(502, causeOf(error)));
    outgoing.end(webhook.body);
  });
}
