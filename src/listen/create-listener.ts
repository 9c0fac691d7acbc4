import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VwsError } from '../errors.js';
import type { SmsSignatureMethod } from '../signing/sms-signature.js';
import { checkSignature, type SignatureCheck } from './check-signature.js';
import { type DriftItem, findDrift } from './drift.js';
import { redactUserinfo } from './forward.js';
import {
  answer,
  answerForwarded,
  forwardingOf,
  forwardOf,
  oneLineOf,
  refuseForwardToSelf,
  refuseLoop,
} from './forward-step.js';
import type { Identification } from './identify-event.js';
import { parsePayload } from './parse-payload.js';
import {
  BodyTooLargeError,
  DEFAULT_MAX_BODY_BYTES,
  RequestAbortedError,
  readBodyBytes,
} from './read-body.js';
import { openRecorder, type Recorder } from './record.js';

export type { SignatureCheck } from './check-signature.js';
export type { DriftItem, DriftKind } from './drift.js';

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
  /** The status answered: 200 (or the app's, when forwarding; 502 / 504 when it could not be had). */
  readonly responseStatus: number;
  /** What the payload has that the identified event's schema does not know (empty when none). */
  readonly drift: readonly DriftItem[];
  /** With `forwardTo`: where the webhook went and what came back (`status`), or why not (`cause`). */
  readonly forwarded?: {
    readonly url: string;
    readonly status: number;
    readonly durationMs: number;
    readonly cause?: string;
  };
  /** With `recordDir`: the file the webhook was recorded to. */
  readonly recordedTo?: string;
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
  /**
   * Forward each webhook to the app at this base URL (absolute http(s)): the request's path and
   * query are appended (`http://127.0.0.1:3000` + `/webhooks/inbound?x=1`). Forwarded byte for
   * byte, same method and headers but `host` and the hop-by-hop ones, so signatures still verify;
   * the app's answer (status, headers, body) is the listener's answer. Unreachable: 502; past
   * `forwardTimeoutMs`: 504; an answer over `maxBodyBytes`: 502; each reported through `onError`.
   * The listener's own address is refused (a one-line `VwsError`); each forwarded request carries
   * `x-vws-listen-hop` with the listener's random id, and one that comes back with it (a loop
   * through another listener) is answered 508 and reported. Userinfo in the URL is never shown.
   */
  readonly forwardTo?: string | URL;
  /** How long the app has to answer a forwarded webhook, in ms (default 10 000), then 504. */
  readonly forwardTimeoutMs?: number;
  /**
   * Record each webhook to this folder (created if need be, checked writable before listening) as
   * `<sequence>-<event or unknown>.json`: method, path (query values redacted), headers
   * (credentials redacted), the payload with personal data replaced (numbers, names, texts, media
   * URLs, emails; the same value by the same replacement within the listener's life), the event,
   * the verdicts, the status answered and the drift. The raw bytes are not recorded: they hold the
   * personal data. A record that cannot be written is reported through `onError`.
   */
  readonly recordDir?: string;
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
  /** The base URL webhooks are forwarded to, when `forwardTo` was given (its userinfo redacted). */
  readonly forwardTo?: string;
  /** The folder records are written to (absolute), when `recordDir` was given. */
  readonly recordDir?: string;
  readonly port: number;
  /** Resolves when the listener has closed (after `maxRequests`, or `close()`). */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

// What `vws listen` answers to an answer or fallback request: the smallest valid NCCO.
const ANSWER_NCCO = JSON.stringify([{ action: 'talk', text: 'This call is answered by vws listen.' }]);

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
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
  readonly forwardTo: URL | undefined;
  readonly forwardTimeoutMs: number;
  readonly recorder: Recorder | undefined;
  readonly hopId: string;
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

/** The drift of a payload against its identified event; none when it cannot be computed. */
function driftOf(payload: unknown, identification: Identification): ReturnType<typeof findDrift> {
  try {
    return findDrift(payload, identification.shape?.name, identification.shape?.version);
  } catch {
    return { items: [], unknownFields: [] };
  }
}

/** Writes the record; a failure is reported, never thrown (the webhook has its answer either way). */
function writeRecord(
  context: RequestContext,
  sequence: number | undefined,
  input: Parameters<Recorder['write']>[1],
): string | undefined {
  if (context.recorder === undefined || sequence === undefined) return undefined;
  try {
    return context.recorder.write(sequence, input);
  } catch (error) {
    context.report({
      method: input.method,
      path: input.path,
      status: input.status,
      message: `could not record ${input.method} ${input.path} to ${context.recorder.dir}: ${oneLineOf(error)}.`,
    });
    return undefined;
  }
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
  let bytes: Buffer;
  try {
    bytes = await readBodyBytes(request, context.maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      return refuseTooLarge(context, request, response, { method, path }, error);
    if (error instanceof RequestAbortedError) return;
    throw error;
  }
  if (refuseLoop(context, request, response, { method, path })) return;
  const receivedAt = new Date(now()).toISOString();
  const sequence = context.recorder?.next();
  const body = bytes.toString('utf8');
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([key, value]) => [
      key,
      Array.isArray(value) ? value.join(', ') : (value ?? ''),
    ]),
  );
  const { payload, identification } = parsePayload(method, url, headers['content-type'] ?? '', body);
  const signature = checkSignature(options, headers, payload, body, now());
  const drift = driftOf(payload, identification);
  const forwarded = await forwardOf(context, request, bytes, { method, path });
  const name = identification.shape?.name ?? '';
  const answersNcco = name.startsWith('voice.answer') || name.startsWith('voice.fallback');
  const responseStatus = forwarded?.status ?? 200;
  const { confidence } = identification;
  const recordedTo = writeRecord(context, sequence, {
    receivedAt,
    method,
    path,
    headers,
    event: identification.shape?.key ?? null,
    confidence,
    signature: { scheme: signature.scheme, valid: signature.valid ?? null, detail: signature.detail },
    schema: { valid: identification.valid, exact: identification.exact, errors: identification.errors },
    payload,
    status: responseStatus,
    ...(forwarded === undefined ? {} : { forwardedTo: forwarded.url }),
    drift: drift.items,
    unknownFields: drift.unknownFields,
  });
  const webhook: ReceivedWebhook = {
    receivedAt,
    method,
    path,
    headers,
    body,
    payload,
    identification,
    signature,
    responseStatus,
    drift: drift.items,
    ...(forwarded === undefined
      ? {}
      : {
          forwarded: {
            url: forwarded.url,
            status: forwarded.status,
            durationMs: forwarded.durationMs,
            ...(forwarded.ok ? {} : { cause: forwarded.cause }),
          },
        }),
    ...(recordedTo === undefined ? {} : { recordedTo }),
  };
  let result: unknown;
  try {
    result = options.onWebhook(webhook);
  } catch (error) {
    if (forwarded === undefined) {
      const message = `onWebhook threw on ${method} ${path}: ${oneLineOf(error)}; answered 500.`;
      answer(response, 500, { 'content-type': 'text/plain' }, `vws listen: ${message}\n`);
      context.report({ method, path, status: 500, message });
      context.counted();
      return;
    }
    // The app has had the webhook: its answer goes back whatever the hook did.
    context.report({
      method,
      path,
      status: responseStatus,
      message: `onWebhook threw on ${method} ${path}: ${oneLineOf(error)} (the app's answer, ${responseStatus}, was passed on).`,
    });
  }
  if (isThenable(result)) {
    result.then(undefined, (error: unknown) =>
      context.report({
        method,
        path,
        status: responseStatus,
        message: `onWebhook rejected on ${method} ${path}: ${oneLineOf(error)} (the answer, ${responseStatus}, had been sent).`,
      }),
    );
  }
  if (forwarded !== undefined) answerForwarded(response, forwarded);
  else
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
 * With `forwardTo` it stands between Vonage and the app (issue 12): each webhook is forwarded byte
 * for byte to the base URL plus its path and query, and the app's answer is the listener's (502
 * when the app cannot be reached, 504 past `forwardTimeoutMs`). With `recordDir` each webhook is
 * written there with personal data replaced. Each webhook's `drift` lists what its payload has
 * that the identified event's schema does not know (unknown fields, new enum values, other types
 * or formats).
 *
 * @example
 * ```ts
 * import { createListener } from 'vonage-webhook-simulator';
 * const listener = await createListener({ port: 0, onWebhook: (webhook) => console.log(webhook.identification.shape?.name) });
 * await listener.close();
 * // Between Vonage (through your tunnel) and the app, recording what comes:
 * const proxy = await createListener({
 *   port: 4000,
 *   forwardTo: 'http://127.0.0.1:3000',
 *   recordDir: './webhooks',
 *   onWebhook: (webhook) => webhook.drift.forEach((item) => console.log(item.kind, item.path)),
 * });
 * await proxy.close();
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
  const { forwardTo, forwardTimeoutMs } = forwardingOf(options);
  const host = options.host ?? '127.0.0.1';
  refuseForwardToSelf(forwardTo, host, options.port ?? 0);
  const recorder = options.recordDir === undefined ? undefined : openRecorder(options.recordDir);
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
    forwardTo,
    forwardTimeoutMs,
    recorder,
    hopId: randomBytes(8).toString('hex'),
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
  try {
    refuseForwardToSelf(forwardTo, host, port);
  } catch (error) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw error;
  }
  return {
    url: `http://${host}:${port}`,
    port,
    ...(forwardTo === undefined ? {} : { forwardTo: redactUserinfo(forwardTo.href) }),
    ...(recorder === undefined ? {} : { recordDir: recorder.dir }),
    closed,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
