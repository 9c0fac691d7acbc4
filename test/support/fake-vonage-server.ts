// The shared setup of test/serve-*.test.ts: createFakeVonageServer with the test account, a loopback
// app recording every webhook, both closed by closeServers after each test (and whatever else a test
// pushes on `closers`), and the SMS request body the tests send.
import {
  createFakeVonageServer,
  type FakeVonageServer,
  type FakeVonageServerOptions,
} from 'vonage-webhook-simulator';
import { type RecordingApp, startRecordingApp, toJsonAnswer } from './recording-app.js';

export const API_KEY = 'a1b2c3d4';
export const API_SECRET = 'Secret123';
export const APPLICATION_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab';
export const SIGNATURE_SECRET = 'signature-secret-for-the-serve-test';
export const basic = `Basic ${Buffer.from(`${API_KEY}:${API_SECRET}`).toString('base64')}`;

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

/** A loopback app that records every webhook and answers 200 (an NCCO on /webhooks/answer). */
export async function receiver(): Promise<RecordingApp> {
  const app = await startRecordingApp({
    answer: (request) =>
      request.path === '/webhooks/answer'
        ? toJsonAnswer(200, [{ action: 'talk', text: 'Hi' }])
        : { status: 200 },
  });
  closers.push(() => app.close());
  return app;
}

export const smsBody = (text = 'Hi') =>
  JSON.stringify({ api_key: API_KEY, api_secret: API_SECRET, from: 'AcmeInc', to: '447700900123', text });

export async function json(response: Response): Promise<unknown> {
  return JSON.parse(await response.text()) as unknown;
}
