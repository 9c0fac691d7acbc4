// The shared setup of test/fake-vonage-*.test.ts: a loopback app recording what it receives, a fake
// with the test account's credentials, both closed by closeFakeVonageApps after each test, and the
// requests the tests send through `handle`.
import type { IncomingHttpHeaders } from 'node:http';
import { expect } from 'vitest';
import { createFakeVonage, type FakeVonage, type FakeVonageOptions } from 'vonage-webhook-simulator';
import { startRecordingApp, toJsonAnswer } from './recording-app.js';

export interface Received {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface App {
  readonly url: string;
  readonly received: Received[];
}

const closers: (() => Promise<void>)[] = [];
const fakes: FakeVonage[] = [];

/** A loopback app: answers 200 (an NCCO on /answer), or the status a path maps to. */
export async function startApp(statuses: Record<string, number> = {}): Promise<App> {
  // The fake-vonage tests read `query` as a plain object, so this keeps its own list of that shape.
  const received: Received[] = [];
  const app = await startRecordingApp({
    answer: (request) => {
      const { method, path, headers, body } = request;
      received.push({ method, path, query: Object.fromEntries(request.query), headers, body });
      const status = statuses[request.path] ?? 200;
      if (request.path === '/answer' && status === 200) {
        return toJsonAnswer(200, [{ action: 'talk', text: 'Hello' }]);
      }
      return { status };
    },
  });
  closers.push(() => app.close());
  return { url: app.url, received };
}

export const API_KEY = 'a1b2c3d4';
export const API_SECRET = 'Secret123';
export const SIGNATURE_SECRET = 'signature-secret-for-tests';
export const APPLICATION_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab';

export function fake(options: FakeVonageOptions = {}): FakeVonage {
  const created = createFakeVonage({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    applicationId: APPLICATION_ID,
    signatureSecret: SIGNATURE_SECRET,
    timeScale: 0,
    ...options,
  });
  fakes.push(created);
  return created;
}

/** Closes every fake and loopback app the test started; each file runs it after each test. */
export async function closeFakeVonageApps(): Promise<void> {
  await Promise.all(fakes.splice(0).map((each) => each.close()));
  for (const close of closers.splice(0)) await close();
}

/** An application JWT as the SDKs make one (RS256; the fake reads its claims only). */
export function appJwt(applicationId = APPLICATION_ID): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ application_id: applicationId, iat: 1_700_000_000, jti: 'x' })}.c2ln`;
}

export const basic = `Basic ${Buffer.from(`${API_KEY}:${API_SECRET}`).toString('base64')}`;

export function post(url: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

export async function call(vonage: FakeVonage, request: Request): Promise<{ status: number; body: unknown }> {
  const response = await vonage.handle(request);
  if (response === undefined) throw new Error(`not handled: ${request.url}`);
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}

export const smsSend = (fields: Record<string, unknown>) =>
  post('https://rest.nexmo.com/sms/json', { api_key: API_KEY, api_secret: API_SECRET, ...fields });

export const problemShape = {
  type: expect.any(String),
  title: expect.any(String),
  detail: expect.any(String),
  instance: expect.stringMatching(/^[0-9a-f]{32}$/),
};

/** Sends a plain SMS through the fake and expects Vonage's success answer: the fake still serves after hostile input. */
export async function sendsNormalSms(vonage: FakeVonage): Promise<void> {
  const answer = await call(
    vonage,
    new Request('https://rest.nexmo.com/sms/json', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        api_key: API_KEY,
        api_secret: API_SECRET,
        from: 'Acme',
        to: '447700900123',
        text: 'Hi',
      }),
    }),
  );
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ messages: [{ status: '0' }] });
}
