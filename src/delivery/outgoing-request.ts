import { VwsError } from '../errors.js';

// The request a sender delivers, normalised once: plain parts with flat headers for undici, and the
// URL split into origin and path (docs/decisions/067-delivery-targets.md).

/** A webhook request as plain data; `toRequestParts` returns one. */
export interface WebhookRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: readonly (readonly [string, string])[];
  /** The exact body, or `null` for none (a GET). */
  readonly body: string | null;
}

/** What `deliver` accepts: a fetch `Request` (`toRequest`) or plain parts (`toRequestParts`, faster). */
export type DeliverInput = Request | WebhookRequest;

/** A request ready to send: the parts plus flat `[name, value, ...]` headers for undici. */
export interface PreparedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly flatHeaders: string[];
  readonly body: string | null;
}

/** A usage error: `VWS_ERR_INVALID_OPTION`. */
export function invalid(message: string): VwsError {
  return new VwsError('VWS_ERR_INVALID_OPTION', message);
}

/** Tells a fetch `Request` from plain parts. */
export function isRequest(value: unknown): value is Request {
  // Plain parts carry a headers array; only otherwise touch the global Request, whose first use loads
  // Node's internal copy of undici (tens of milliseconds of a one-shot `vws send`).
  if (value !== null && typeof value === 'object' && Array.isArray((value as { headers?: unknown }).headers))
    return false;
  return typeof Request !== 'undefined' && value instanceof Request;
}

/** Checks plain parts and flattens their headers for undici; throws `VWS_ERR_INVALID_OPTION` for a malformed request. */
export function prepare(input: WebhookRequest): PreparedRequest {
  if (typeof input.url !== 'string' || typeof input.method !== 'string' || !Array.isArray(input.headers)) {
    throw invalid(
      'Invalid request: pass a fetch Request or { method, url, headers: [name, value][], body } (toRequestParts returns one).',
    );
  }
  const { headers } = input;
  const flatHeaders = new Array<string>(headers.length * 2);
  for (let at = 0; at < headers.length; at += 1) {
    const header = headers[at] as readonly [string, string];
    flatHeaders[2 * at] = header[0];
    flatHeaders[2 * at + 1] = header[1];
  }
  return { method: input.method, url: input.url, headers: input.headers, flatHeaders, body: input.body };
}

async function fromRequest(request: Request): Promise<PreparedRequest> {
  if (request.bodyUsed)
    throw invalid('The Request body was already read: pass a fresh Request (or toRequestParts output).');
  const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.text();
  const headers: [string, string][] = [];
  request.headers.forEach((value, name) => {
    headers.push([name, value]);
  });
  return prepare({ method: request.method, url: request.url, headers, body });
}

// Items of a run are often sent more than once (a benchmark cycles them); their flat headers are kept.
const preparedCache = new WeakMap<WebhookRequest, PreparedRequest>();

/**
 * The prepared form of any accepted input: a `Request` is read (async), plain parts are cached per
 * object unless `once` says the input is sent once (built by a `sendMany` thunk for its turn), where a
 * weak-map entry per request would cost more than it saves.
 */
export function toInput(input: DeliverInput, once = false): PreparedRequest | Promise<PreparedRequest> {
  if (isRequest(input)) return fromRequest(input);
  if (once) return prepare(input);
  let prepared = preparedCache.get(input);
  if (prepared === undefined) {
    prepared = prepare(input);
    preparedCache.set(input, prepared);
  }
  return prepared;
}

/** Parses an absolute http(s) URL or throws `VWS_ERR_INVALID_OPTION`. */
export function parseUrl(value: string | URL): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(
      `Invalid URL ${JSON.stringify(String(value))}: use an absolute http(s) URL such as http://127.0.0.1:3000/webhooks/status.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid(`Invalid URL "${url.href}": Vonage calls http:// or https:// URLs only.`);
  }
  return url;
}

/** A URL split the way undici's `dispatch` takes it. */
export interface DispatchUrl {
  readonly href: string;
  readonly origin: string;
  readonly path: string;
}

// Most deliveries of a run share a handful of URLs; parsing them once keeps URL parsing off the hot path.
const urlCache = new Map<string, DispatchUrl>();

/** The origin and path of a URL, parsed once per distinct URL. */
export function toDispatchUrl(value: string): DispatchUrl {
  const cached = urlCache.get(value);
  if (cached !== undefined) return cached;
  const url = parseUrl(value);
  const parsed = { href: url.href, origin: url.origin, path: `${url.pathname}${url.search}` };
  if (urlCache.size >= 1024) urlCache.clear();
  urlCache.set(value, parsed);
  return parsed;
}

/**
 * The URL a request goes to when a target URL is given: the target's origin and path, and the
 * request's own query (the payload of a GET webhook) after any query the target has
 * (docs/decisions/067-delivery-targets.md).
 */
export function retarget(requestUrl: string, target: string | URL): string {
  const targetUrl = parseUrl(target);
  const queryAt = requestUrl.indexOf('?');
  if (queryAt < 0) return targetUrl.href;
  const query = requestUrl.slice(queryAt + 1);
  targetUrl.search = targetUrl.search === '' ? query : `${targetUrl.search.slice(1)}&${query}`;
  return targetUrl.href;
}

/** A URL for messages: a GET webhook's query is its whole payload, too long to repeat there. */
export function withoutQuery(url: string): string {
  const queryAt = url.indexOf('?');
  return queryAt < 0 ? url : `${url.slice(0, queryAt)}?…`;
}
