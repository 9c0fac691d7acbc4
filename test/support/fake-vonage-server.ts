// The shared setup of test/serve-*.test.ts: createFakeVonageServer with the test account, a loopback
// app recording every webhook, both closed by closeServers after each test (and whatever else a test
// pushes on `closers`), and the SMS request body the tests send.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createFakeVonageServer,
  type FakeVonageServer,
  type FakeVonageServerOptions,
} from 'vonage-webhook-simulator';

export const API_KEY = 'a1b2c3d4';
export const API_SECRET = 'Secret123';
export const APPLICATION_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab';
export const SIGNATURE_SECRET = 'signature-secret-for-the-serve-test';
export const basic = `Basic ${Buffer.from(`${API_KEY}:${API_SECRET}`).toString('base64')}`;

export interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A loopback app that records every webhook and answers 200 (an NCCO on /webhooks/answer). */
async function startReceiver(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      received.push({
        method: request.method ?? '',
        path: url.pathname,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      if (url.pathname === '/webhooks/answer') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify([{ action: 'talk', text: 'Hi' }]));
        return;
      }
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

export const closers: (() => Promise<void>)[] = [];

/** Runs every closer a test registered, last first; each serve test file runs it after each test. */
export async function closeServers(): Promise<void> {
  for (const close of closers.splice(0).reverse()) await close();
}

export async function serve(options: FakeVonageServerOptions = {}): Promise<FakeVonageServer> {
  const server = await createFakeVonageServer({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    applicationId: APPLICATION_ID,
    signatureSecret: SIGNATURE_SECRET,
    timeScale: 0,
    ...options,
  });
  closers.push(() => server.close());
  return server;
}

export async function receiver() {
  const app = await startReceiver();
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        app.server.closeAllConnections();
        app.server.close(() => resolve());
      }),
  );
  return app;
}

export const smsBody = (text = 'Hi') =>
  JSON.stringify({ api_key: API_KEY, api_secret: API_SECRET, from: 'AcmeInc', to: '447700900123', text });

export async function json(response: Response): Promise<unknown> {
  return JSON.parse(await response.text()) as unknown;
}
