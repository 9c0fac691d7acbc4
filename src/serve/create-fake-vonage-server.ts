import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSender, type Sender } from '../delivery/create-sender.js';
import { VwsError } from '../errors.js';
import { toDeliverOptions } from '../fake-vonage/create-fake-vonage.js';
import {
  createFakeVonage,
  type DeliverWebhook,
  type FakeVonage,
  type FakeVonageOptions,
  type Lifecycle,
  type RecordedDelivery,
} from '../fake-vonage/index.js';
import { isVonageHost } from '../register/vonage-hosts.js';
import { handleControl, isControlPath } from './control-routes.js';
import { readBody } from './read-body.js';
import {
  type ServeLogEntry,
  toApiLogEntry,
  toNotSentLogEntry,
  toSentLogEntry,
  toUnservedLogEntry,
} from './serve-log.js';
import { toUnservedResponse } from './unserved-host.js';
import { toVonageRequestUrl } from './vonage-request-url.js';

/** Options of {@link createFakeVonageServer}: the fake's, and where and how to serve it. */
export interface FakeVonageServerOptions extends FakeVonageOptions {
  /** Port to listen on; default 0 (any free port; `vws serve` defaults to 4010). */
  readonly port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  readonly host?: string;
  /** Called with each API call answered and each webhook sent or given up (`--log` writes them as NDJSON). */
  readonly onLog?: (entry: ServeLogEntry) => void;
}

/** A running fake Vonage server; see {@link createFakeVonageServer}. */
export interface FakeVonageServer {
  /** The base URL apps point their Vonage base URLs (or `VWS_FAKE_VONAGE_URL`) at. */
  readonly url: string;
  readonly port: number;
  /** The fake behind it: recordings, pushes, `settled()`, `reset()`. */
  readonly fake: FakeVonage;
  /** Resolves when the server has closed. */
  readonly closed: Promise<void>;
  /** Cancels pending webhooks, closes the sender and stops listening. */
  close(): Promise<void>;
}

// Hop-by-hop headers belong to the connection to this server, not to the request the app made.
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

function toHeaders(request: IncomingMessage, host: string): Headers {
  const headers = new Headers();
  const raw = request.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = (raw[index] as string).toLowerCase();
    if (hopByHop.has(name) || name === 'host' || name.startsWith('x-vws-original-')) continue;
    headers.append(name, raw[index + 1] as string);
  }
  headers.set('host', host);
  return headers;
}

function toRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}

async function writeResponse(response: ServerResponse, answer: Response, head: boolean): Promise<void> {
  const body = head ? null : Buffer.from(await answer.arrayBuffer());
  const headers = toRecord(answer.headers);
  if (body !== null) headers['content-length'] = String(body.length);
  response.writeHead(answer.status, headers);
  response.end(body ?? undefined);
}

function problem(status: number, title: string, detail: string): Response {
  return Response.json({ type: 'about:blank', title, detail }, { status });
}

/**
 * Serves the fake Vonage REST API over HTTP, so that an app in any language reaches it by pointing
 * its SDK's base URLs here, or unmodified through the routing preload
 * (`node --import vonage-webhook-simulator/register`, which adds `x-vws-original-host`). Requests
 * without that header are taken for rest.nexmo.com (`/sms/...`) or api.nexmo.com (the rest).
 * Webhooks go to the URLs of each request or to `webhooks` / `webhookBaseUrl`, in real time
 * unless `timeScale` says otherwise. Its own endpoints live under `/_vws` (`GET /_vws/requests`,
 * `GET /_vws/deliveries`, `POST /_vws/inbound/sms|call|message`, `GET /_vws/settled`,
 * `POST /_vws/reset`). This is what `vws serve` runs.
 *
 * @see https://developer.vonage.com/en/api
 * @example
 * ```ts
 * import { createFakeVonageServer } from 'vonage-webhook-simulator';
 * const server = await createFakeVonageServer({
 *   port: 4010,
 *   webhookBaseUrl: 'http://127.0.0.1:3000',
 *   apiKey: 'a1b2c3d4', apiSecret: 'Secret123', signatureSecret: 'signing-secret',
 *   onLog: (entry) => console.log(JSON.stringify(entry)),
 * });
 * console.log(`VWS_FAKE_VONAGE_URL=${server.url}`);
 * await server.close();
 * ```
 */
export async function createFakeVonageServer(
  options: FakeVonageServerOptions = {},
): Promise<FakeVonageServer> {
  const { port: wantedPort = 0, host = '127.0.0.1', onLog, ...fakeOptions } = options;
  if (!(Number.isInteger(wantedPort) && wantedPort >= 0 && wantedPort <= 65535)) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Invalid port ${String(wantedPort)}: use 0 to 65535, e.g. 4010.`,
    );
  }
  const now = options.now ?? Date.now;
  const at = () => new Date(now()).toISOString();
  const log = onLog ?? (() => undefined);

  // The fake's own sender is replaced by one that also logs each result as it comes (the core has
  // no per-delivery hook); it is built with the options the core would give its own.
  let sender: Sender | undefined;
  const deliverInner: DeliverWebhook =
    fakeOptions.deliver ??
    ((parts, webhook) => {
      sender ??= createSender({
        timeScale: fakeOptions.timeScale ?? 1,
        retries: fakeOptions.retries ?? 'none',
        ...(fakeOptions.signatureSecret ? { signatureSecret: fakeOptions.signatureSecret } : {}),
        ...(fakeOptions.apiKey === undefined ? {} : { apiKey: fakeOptions.apiKey }),
        ...(fakeOptions.applicationId === undefined ? {} : { applicationId: fakeOptions.applicationId }),
      });
      return sender.deliver(parts, undefined, toDeliverOptions(webhook));
    });
  const deliver: DeliverWebhook = async (parts, webhook) => {
    const result = await deliverInner(parts, webhook);
    log(toSentLogEntry(at(), webhook.lifecycle, webhook.event, parts, result));
    return result;
  };
  const fake = createFakeVonage({ ...fakeOptions, deliver });

  // Webhooks that are never handed to `deliver` (no URL, or a request that could not be built) are
  // logged once: those known at scheduling at once, the rest when their lifecycle is done.
  const loggedNotSent = new WeakSet<RecordedDelivery>();
  const logNotSent = (lifecycle: number) => {
    for (const delivery of fake.deliveries) {
      if (delivery.lifecycle !== lifecycle || delivery.state !== 'not_sent') continue;
      if (loggedNotSent.has(delivery)) continue;
      loggedNotSent.add(delivery);
      log(toNotSentLogEntry(at(), delivery));
    }
  };
  const watched = new WeakSet<Lifecycle>();
  const watchNew = () => {
    for (const lifecycle of fake.lifecycles) {
      if (watched.has(lifecycle)) continue;
      watched.add(lifecycle);
      logNotSent(lifecycle.index);
      void lifecycle.done.then(() => {
        // After a reset the index belongs to another lifecycle.
        if (fake.lifecycles.includes(lifecycle)) logNotSent(lifecycle.index);
      });
    }
  };

  async function answer(request: IncomingMessage): Promise<Response> {
    const method = request.method ?? 'GET';
    const target = request.url ?? '/';
    const local = new URL(target, 'http://fake-vonage.local');
    const body = await readBody(request);
    if (body === null) {
      return problem(413, 'Payload Too Large', 'The request body is over 1 MiB; no Vonage API takes one.');
    }
    if (isControlPath(local.pathname)) {
      const control = await handleControl(fake, method, local, body.toString('utf8'));
      watchNew();
      return control;
    }
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const resolved = toVonageRequestUrl(target, header);
    if ('error' in resolved) return problem(400, 'Bad Request', resolved.error);
    const { url } = resolved;
    if (!isVonageHost(url.hostname)) {
      return problem(
        400,
        'Bad Request',
        `x-vws-original-host "${url.host}" is not a Vonage host; vws serve answers Vonage API requests only.`,
      );
    }
    const fetchRequest = new Request(url, {
      method,
      headers: toHeaders(request, url.host),
      ...(method === 'GET' || method === 'HEAD' || body.length === 0 ? {} : { body: Uint8Array.from(body) }),
    });
    const response = await fake.handle(fetchRequest);
    if (response === undefined) {
      const unserved = toUnservedResponse(method, url);
      const request = {
        method,
        url: url.href,
        headers: toRecord(fetchRequest.headers),
        body: body.length === 0 ? null : body.toString('utf8'),
      };
      log(toUnservedLogEntry(at(), request, unserved.status, await unserved.clone().text()));
      return unserved;
    }
    // The trace id is unique per call: it finds this call's record even when calls overlap.
    const traceId = response.headers.get('x-nexmo-trace-id');
    const recorded = fake.requests.findLast(
      (entry) => entry.response.headers['x-nexmo-trace-id'] === traceId,
    );
    if (recorded !== undefined) log(toApiLogEntry(at(), recorded));
    watchNew();
    return response;
  }

  let resolveClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  const server = createServer((request, response) => {
    answer(request)
      .then((result) => writeResponse(response, result, request.method === 'HEAD'))
      .catch((error: unknown) => {
        // A bug here must not hang the app's SDK call: answer 500 and say what broke.
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            error: {
              code: null,
              message: `vws serve failed on ${request.method} ${request.url}: ${error instanceof Error ? error.message : String(error)}`,
            },
          }),
        );
      });
  });
  server.on('close', () => resolveClosed());
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      void fake.close();
      if (error.code === 'EADDRINUSE') {
        reject(
          new VwsError(
            'VWS_ERR_USAGE',
            `Port ${wantedPort} on ${host} is in use: stop what holds it or pick another with --port, e.g. --port ${wantedPort + 1}.`,
          ),
        );
      } else if (error.code === 'EACCES') {
        reject(
          new VwsError(
            'VWS_ERR_USAGE',
            `Port ${wantedPort} on ${host} needs privileges: use a port above 1023, e.g. --port 4010.`,
          ),
        );
      } else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
        reject(
          new VwsError(
            'VWS_ERR_USAGE',
            `Cannot listen on ${host}: it is not an address of this machine; use --host 127.0.0.1.`,
          ),
        );
      } else {
        reject(error);
      }
    });
    server.listen(wantedPort, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    fake,
    closed,
    close() {
      closing ??= (async () => {
        await fake.close();
        await sender?.close({ abort: true });
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}
