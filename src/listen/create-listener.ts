import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VwsError } from '../errors.js';
import { verifyWebhookJwt } from '../signing/jwt.js';
import { type SmsSignatureMethod, verifySmsSignature } from '../signing/sms-signature.js';
import { type Identification, identifyEvent } from './identify-event.js';
import { BodyTooLargeError, DEFAULT_MAX_BODY_BYTES, RequestAbortedError, readBody } from './read-body.js';

/** How a received webhook's signature checked out. */
export interface SignatureCheck {
  readonly scheme: 'jwt' | 'sms-signature' | 'none';
  /** `true` valid, `false` invalid, `undefined` present but not checked (no secret given). */
  readonly valid: boolean | undefined;
  readonly detail: string;
}

/** One webhook the listener received, parsed, identified and checked. */
export interface ReceivedWebhook {
  readonly receivedAt: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The raw body as text ('' for a GET). */
  readonly body: string;
  /** The parameters as the app would read them: the JSON body, or the query/form parameters. */
  readonly payload: unknown;
  readonly identification: Identification;
  readonly signature: SignatureCheck;
  readonly responseStatus: number;
}

/** Options of {@link createListener}. */
export interface ListenerOptions {
  readonly port?: number;
  readonly host?: string;
  /** Verify signatures with this secret. */
  readonly signatureSecret?: string;
  /** SMS signature method; by default guessed from the signature's length and case. */
  readonly signatureMethod?: SmsSignatureMethod;
  /** Maximum age of a signature's timestamp / iat in seconds (default 300). */
  readonly maxAgeSeconds?: number;
  /**
   * Called for each webhook, before the answer is sent. If it throws, the listener answers 500 and
   * reports the error through `onError`; a promise it returns that rejects is reported too.
   */
  readonly onWebhook: (webhook: ReceivedWebhook) => void;
  /** Largest body read, in bytes (default 1 MiB); past it the listener answers 413 and reads no further. */
  readonly maxBodyBytes?: number;
  /** Called, with one line, for each request the listener could not take as a webhook (default: stderr). */
  readonly onError?: (problem: ListenerProblem) => void;
  /** Close after this many webhooks (tests, one-shot checks). */
  readonly maxRequests?: number;
  readonly now?: () => number;
}

/** A request the listener answered with an error (413, 500), or whose `onWebhook` rejected. */
export interface ListenerProblem {
  readonly method: string;
  readonly path: string;
  /** The status answered. */
  readonly status: number;
  /** One line: what failed, why, and what was answered. */
  readonly message: string;
}

/** A running listener. */
export interface Listener {
  readonly url: string;
  readonly port: number;
  /** Resolves when the listener has closed (after `maxRequests`, or `close()`). */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

// What `vws listen` answers to an answer or fallback request: the smallest valid NCCO.
const ANSWER_NCCO = JSON.stringify([{ action: 'talk', text: 'This call is answered by vws listen.' }]);

// Voice sends nested objects of GET webhooks as JSON strings (reference voice.md#transport): decode those.
function decodeNested(params: Record<string, string>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === 'null' || /^[[{]/.test(value)) {
      try {
        result[key] = JSON.parse(value);
        continue;
      } catch {
        // Not JSON after all: keep the string.
      }
    }
    result[key] = value;
  }
  return result;
}

function parsePayload(
  method: string,
  url: URL,
  contentType: string,
  body: string,
): { payload: unknown; identification: Identification } {
  if (method !== 'GET' && contentType.startsWith('application/json')) {
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      return {
        payload: body,
        identification: {
          shape: undefined,
          valid: false,
          exact: false,
          errors: ['the body is not valid JSON'],
          alsoMatches: [],
        },
      };
    }
    return { payload, identification: identifyEvent(payload) };
  }
  const params = Object.fromEntries(method === 'GET' ? url.searchParams : new URLSearchParams(body));
  const asStrings = identifyEvent(params);
  if (asStrings.exact) return { payload: params, identification: asStrings };
  const decoded = decodeNested(params);
  const asDecoded = identifyEvent(decoded);
  const rank = (identification: Identification) => (identification.exact ? 2 : identification.valid ? 1 : 0);
  return rank(asDecoded) > rank(asStrings)
    ? { payload: decoded, identification: asDecoded }
    : { payload: params, identification: asStrings };
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

function checkSignature(
  options: ListenerOptions,
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

/** One-line text of any thrown value (its first line: messages never spill onto more lines). */
function oneLineOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? '').slice(0, 500);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Answers once: never writes after the end, never throws (the socket may be gone). */
function answer(
  response: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body?: string,
): void {
  if (response.writableEnded || response.destroyed) return;
  try {
    if (!response.headersSent) response.writeHead(status, headers);
    response.end(body);
  } catch {
    response.destroy();
  }
}

function defaultOnError(problem: ListenerProblem): void {
  process.stderr.write(`vws listen: ${problem.message}\n`);
}

/** The request target as a URL: origin-form ('/x', even '//x') or absolute-form; never throws. */
function toUrl(target: string): URL {
  if (!target.startsWith('/')) {
    try {
      return new URL(target);
    } catch {
      // Neither: read it as a path.
    }
  }
  try {
    return new URL(`http://listener.local${target.startsWith('/') ? '' : '/'}${target}`);
  } catch {
    return new URL('http://listener.local/');
  }
}

interface RequestContext {
  readonly options: ListenerOptions;
  readonly maxBodyBytes: number;
  readonly now: () => number;
  readonly report: (problem: ListenerProblem) => void;
  /** Counts a webhook handed to onWebhook; closes the listener at maxRequests. */
  readonly counted: () => void;
}

function refuseTooLarge(
  context: RequestContext,
  request: IncomingMessage,
  response: ServerResponse,
  where: { method: string; path: string },
  error: BodyTooLargeError,
): void {
  const { method, path } = where;
  const size = error.declared ? `${error.bytes} bytes declared` : `more than ${error.limit} bytes sent`;
  answer(
    response,
    413,
    { 'content-type': 'text/plain', connection: 'close' },
    `vws listen: the body of ${method} ${path} is over the listener's limit of ${error.limit} bytes (${size}); raise it with --max-body or maxBodyBytes.\n`,
  );
  // Stop the rest: the client had its answer; drop the connection soon whatever it still sends.
  response.once('finish', () => {
    setTimeout(() => request.socket.destroy(), 1000).unref();
  });
  context.report({
    method,
    path,
    status: 413,
    message: `refused the body of ${method} ${path}: ${size}, over the limit of ${error.limit} bytes; answered 413 (raise it with --max-body or maxBodyBytes).`,
  });
}

async function handleRequest(
  context: RequestContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const { options, now } = context;
  const method = request.method ?? 'GET';
  const url = toUrl(request.url ?? '/');
  const path = `${url.pathname}${url.search}`;
  let body: string;
  try {
    body = await readBody(request, context.maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      return refuseTooLarge(context, request, response, { method, path }, error);
    if (error instanceof RequestAbortedError) return;
    throw error;
  }
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([key, value]) => [
      key,
      Array.isArray(value) ? value.join(', ') : (value ?? ''),
    ]),
  );
  const { payload, identification } = parsePayload(method, url, headers['content-type'] ?? '', body);
  const signature = checkSignature(options, headers, payload, body, now());
  const name = identification.shape?.name ?? '';
  const answersNcco = name.startsWith('voice.answer') || name.startsWith('voice.fallback');
  const webhook: ReceivedWebhook = {
    receivedAt: new Date(now()).toISOString(),
    method,
    path,
    headers,
    body,
    payload,
    identification,
    signature,
    responseStatus: 200,
  };
  let result: unknown;
  try {
    result = options.onWebhook(webhook);
  } catch (error) {
    const message = `onWebhook threw on ${method} ${path}: ${oneLineOf(error)}; answered 500.`;
    answer(response, 500, { 'content-type': 'text/plain' }, `vws listen: ${message}\n`);
    context.report({ method, path, status: 500, message });
    context.counted();
    return;
  }
  if (isThenable(result)) {
    result.then(undefined, (error: unknown) =>
      context.report({
        method,
        path,
        status: 200,
        message: `onWebhook rejected on ${method} ${path}: ${oneLineOf(error)} (the answer, 200, had been sent).`,
      }),
    );
  }
  answer(
    response,
    200,
    answersNcco ? { 'content-type': 'application/json' } : {},
    answersNcco ? ANSWER_NCCO : undefined,
  );
  context.counted();
}

/**
 * Starts a local receiver: each request is parsed as the app would read it, named against the
 * catalog, validated against the event's schema and, with a secret, signature-checked. It answers
 * 200 (with a minimal valid NCCO for answer and fallback requests); 413 to a body over
 * `maxBodyBytes` (default 1 MiB), read no further; 500 when `onWebhook` throws. Every such problem
 * is reported through `onError` as one line, and the listener goes on.
 *
 * @example
 * ```ts
 * import { createListener } from 'vonage-webhook-simulator';
 * const listener = await createListener({ port: 0, onWebhook: (webhook) => console.log(webhook.identification.shape?.name) });
 * await listener.close();
 * ```
 */
export async function createListener(options: ListenerOptions): Promise<Listener> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `maxBodyBytes must be a whole number of bytes, 1 or more (got ${String(maxBodyBytes)}), e.g. ${DEFAULT_MAX_BODY_BYTES} (1 MiB, the default).`,
    );
  }
  let count = 0;
  let resolveClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  const onError = options.onError ?? defaultOnError;
  const report = (problem: ListenerProblem) => {
    try {
      onError(problem);
    } catch {
      // A failing reporter must not take the listener down.
    }
  };
  const context: RequestContext = {
    options,
    maxBodyBytes,
    now: options.now ?? Date.now,
    report,
    counted: () => {
      count++;
      if (options.maxRequests !== undefined && count >= options.maxRequests) {
        server.close(() => resolveClosed());
        server.closeAllConnections();
      }
    },
  };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    handleRequest(context, request, response).catch((error: unknown) => {
      // A bug in the listener must not leave the sender hanging, nor take the listener down.
      const method = request.method ?? 'GET';
      const path = request.url ?? '/';
      const message = `vws listen failed on ${method} ${path}: ${oneLineOf(error)}; answered 500.`;
      answer(response, 500, { 'content-type': 'text/plain' }, `${message}\n`);
      report({ method, path, status: 500, message });
    });
  });
  server.on('close', () => resolveClosed());
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new VwsError(
            'VWS_ERR_INVALID_OPTION',
            `Port ${options.port ?? 0} on ${host} is in use: stop what holds it or pick another with --port, e.g. --port ${(options.port ?? 3000) + 1}.`,
          ),
        );
      } else if (error.code === 'EACCES') {
        reject(
          new VwsError(
            'VWS_ERR_INVALID_OPTION',
            `Port ${options.port ?? 0} needs privileges: use a port above 1023, e.g. --port 3000.`,
          ),
        );
      } else if (error.code === 'ENOTFOUND' || error.code === 'EADDRNOTAVAIL' || error.code === 'EAI_AGAIN') {
        reject(
          new VwsError(
            'VWS_ERR_INVALID_OPTION',
            `Cannot listen on ${host} (${error.code}): use an address of this machine, e.g. --host 127.0.0.1.`,
          ),
        );
      } else {
        reject(error);
      }
    });
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    closed,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
