import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VwsError } from '../errors.js';
import { verifyWebhookJwt } from '../signing/jwt.js';
import { type SmsSignatureMethod, verifySmsSignature } from '../signing/sms-signature.js';
import { type Identification, identifyEvent } from './identify-event.js';

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
  /** Called for each webhook, after the response is sent. */
  readonly onWebhook: (webhook: ReceivedWebhook) => void;
  /** Close after this many webhooks (tests, one-shot checks). */
  readonly maxRequests?: number;
  readonly now?: () => number;
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

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

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

/**
 * Starts a local receiver: each request is parsed as the app would read it, named against the
 * catalog, validated against the event's schema and, with a secret, signature-checked. It always
 * answers 200 (with a minimal valid NCCO for answer and fallback requests).
 *
 * @example
 * ```ts
 * import { createListener } from 'vonage-webhook-simulator';
 * const listener = await createListener({ port: 0, onWebhook: (webhook) => console.log(webhook.identification.shape?.name) });
 * await listener.close();
 * ```
 */
export async function createListener(options: ListenerOptions): Promise<Listener> {
  const now = options.now ?? Date.now;
  let count = 0;
  let resolveClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const body = await readBody(request);
      const url = new URL(request.url ?? '/', 'http://listener.local');
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([key, value]) => [
          key,
          Array.isArray(value) ? value.join(', ') : (value ?? ''),
        ]),
      );
      const method = request.method ?? 'GET';
      const { payload, identification } = parsePayload(method, url, headers['content-type'] ?? '', body);
      const signature = checkSignature(options, headers, payload, body, now());
      const name = identification.shape?.name ?? '';
      const answersNcco = name.startsWith('voice.answer') || name.startsWith('voice.fallback');
      response.writeHead(200, answersNcco ? { 'content-type': 'application/json' } : {});
      response.end(answersNcco ? ANSWER_NCCO : undefined);
      count++;
      options.onWebhook({
        receivedAt: new Date(now()).toISOString(),
        method,
        path: `${url.pathname}${url.search}`,
        headers,
        body,
        payload,
        identification,
        signature,
        responseStatus: 200,
      });
      if (options.maxRequests !== undefined && count >= options.maxRequests) {
        server.close(() => resolveClosed());
        server.closeAllConnections();
      }
    })().catch((error: unknown) => {
      // A bug in the listener must not leave the sender hanging: answer, and say what broke.
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(
        `vws listen failed on this request: ${error instanceof Error ? error.message : String(error)}`,
      );
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
