import type { AddressInfo } from 'node:net';
import { VwsError } from '../errors.js';
import { createFakeVonage, type FakeVonage, type FakeVonageOptions } from '../fake-vonage/index.js';
import { answerRequest } from './answer-request.js';
import { createAnsweringServer } from './node-http-bridge.js';
import { DEFAULT_SERVER_HOST } from './serve-defaults.js';
import type { ServeLogEntry } from './serve-log.js';
import { startListening } from './start-listening.js';
import { createLoggingDeliver, createNotSentLogger, type ServeLogger } from './webhook-logging.js';

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
  const { port: wantedPort = 0, host = DEFAULT_SERVER_HOST, onLog, ...fakeOptions } = options;
  if (!(Number.isInteger(wantedPort) && wantedPort >= 0 && wantedPort <= 65535)) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Invalid port ${String(wantedPort)}: use 0 to 65535, e.g. 4010.`,
    );
  }
  const now = options.now ?? Date.now;
  const logger: ServeLogger = { log: onLog ?? (() => undefined), at: () => new Date(now()).toISOString() };
  const sender = createLoggingDeliver(fakeOptions, logger);
  const fake = createFakeVonage({ ...fakeOptions, deliver: sender.deliver });
  const context = { ...logger, fake, watchNew: createNotSentLogger(fake, logger) };

  let resolveClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  const server = createAnsweringServer((request) => answerRequest(context, request));
  server.on('close', () => resolveClosed());
  await startListening(server, wantedPort, host, () => void fake.close());
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
        await sender.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}
