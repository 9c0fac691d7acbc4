// Issue 8 over HTTP: the `/_vws` endpoints for scripted outcomes, waiting for one webhook, strict
// settling and the webhook routes; then a third-party-style CommonJS app started unchanged under the
// preload against the built `vws serve`, its webhooks at its own paths set by the serve flags.
import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeVonageServer, type FakeVonageServer } from 'vonage-webhook-simulator';
import { type IvrApp, startIvrApp } from './support/ivr-app.js';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'vws.js');
const cjsPreload = join(root, 'dist', 'register', 'register.cjs');
const built = existsSync(cjsPreload) && existsSync(join(root, 'dist', 'cli', 'main.js'));

const basic = `Basic ${Buffer.from('a1b2c3d4:Secret123').toString('base64')}`;
let receiver: { url: string; paths: string[]; server: Server };
let server: FakeVonageServer | undefined;

async function startReceiver(): Promise<{ url: string; paths: string[]; server: Server }> {
  const paths: string[] = [];
  const app = createServer((request, response) => {
    request.resume();
    paths.push(request.url ?? '');
    response
      .writeHead(request.url?.startsWith('/missing') ? 404 : request.url?.startsWith('/busy') ? 503 : 200)
      .end();
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(app.address() as AddressInfo).port}`, paths, server: app };
}

async function call(path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server?.url}${path}`, init);
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}

const sendSms = () =>
  call('/sms/json', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: basic },
    body: JSON.stringify({ from: 'Acme', to: '447700900123', text: 'Hi' }),
  });

beforeAll(async () => {
  receiver = await startReceiver();
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  receiver.paths.length = 0;
});

afterAll(async () => {
  await new Promise<void>((resolve) => receiver.server.close(() => resolve()));
});

describe('the /_vws endpoints of issue 8', () => {
  it('scripts outcomes with POST /_vws/outcomes, lists and clears them', async () => {
    server = await createFakeVonageServer({ timeScale: 0, webhooks: { smsDlrUrl: `${receiver.url}/dlr` } });
    const added = await call('/_vws/outcomes', {
      method: 'POST',
      body: JSON.stringify([{ to: '447700900123', outcome: 'expired', scenario: 'sms.send' }]),
    });
    expect(added).toEqual({
      status: 201,
      body: [{ to: '447700900123', outcome: 'expired', scenario: 'sms.send', times: 'once' }],
    });
    // A list with one bad rule adds none of them.
    const refused = await call('/_vws/outcomes', {
      method: 'POST',
      body: JSON.stringify([
        { to: '447700900999', outcome: 'read' },
        { to: '447700900999', outcome: 'blown' },
      ]),
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/Unknown outcome \\"blown\\"/);
    expect((await call('/_vws/outcomes')).body).toHaveLength(1);
    await sendSms();
    const waited = await call('/_vws/wait?event=sms.delivery_receipt&timeoutMs=5000');
    expect(waited.status).toBe(200);
    expect(waited.body).toMatchObject({ event: 'sms.delivery_receipt.expired', state: 'sent' });
    expect((await call('/_vws/outcomes')).body).toEqual([]);
    await call('/_vws/outcomes', {
      method: 'POST',
      body: JSON.stringify({ to: '447700900123', outcome: 'busy' }),
    });
    expect((await call('/_vws/outcomes', { method: 'DELETE' })).status).toBe(204);
    expect((await call('/_vws/outcomes')).body).toEqual([]);
  });

  it('answers /_vws/wait with 400 without an event and 504 when nothing comes', async () => {
    server = await createFakeVonageServer({ timeScale: 0 });
    expect((await call('/_vws/wait')).status).toBe(400);
    const timedOut = await call('/_vws/wait?event=voice.event&timeoutMs=20');
    expect(timedOut.status).toBe(504);
    expect(JSON.stringify(timedOut.body)).toContain('VWS_ERR_SETTLE_TIMEOUT');
  });

  it('answers /_vws/settled?strict=true with 422 naming the webhook the app refused', async () => {
    server = await createFakeVonageServer({
      timeScale: 0,
      webhooks: { smsDlrUrl: `${receiver.url}/missing` },
    });
    await sendSms();
    expect((await call('/_vws/settled?timeoutMs=5000')).status).toBe(200);
    const strict = await call('/_vws/settled?timeoutMs=5000&strict=true');
    expect(strict.status).toBe(422);
    expect(JSON.stringify(strict.body)).toMatch(
      /VWS_ERR_SETTLE_FAILED.*sms\.delivery_receipt\.delivered \(lifecycle #0\): POST .*\/missing answered 404/,
    );
    expect((await call('/_vws/settled?strict=maybe')).status).toBe(400);
  });

  it("with retries 'vonage' (--retries vonage), fetches the fallback answer URL when the answer URL answers 503", async () => {
    server = await createFakeVonageServer({
      timeScale: 0,
      retries: 'vonage',
      webhooks: { answerUrl: `${receiver.url}/busy-answer`, fallbackAnswerUrl: `${receiver.url}/fallback` },
    });
    expect((await call('/_vws/inbound/call', { method: 'POST', body: '{}' })).status).toBe(202);
    await call('/_vws/settled?timeoutMs=10000');
    expect(receiver.paths.filter((path) => path.startsWith('/busy-answer'))).toHaveLength(2);
    expect(receiver.paths.some((path) => path.startsWith('/fallback'))).toBe(true);
  });

  it('shows where each kind of webhook goes at GET /_vws/webhooks', async () => {
    server = await createFakeVonageServer({
      timeScale: 0,
      webhooks: { answerUrl: `${receiver.url}/answer`, smsInboundUrl: `${receiver.url}/sms` },
      smsWebhookFormat: 'GET',
    });
    const { body } = await call('/_vws/webhooks');
    expect(body).toMatchObject({
      answerUrl: { url: `${receiver.url}/answer`, method: 'GET' },
      eventUrl: null,
      smsInboundUrl: { url: `${receiver.url}/sms`, method: 'GET' },
    });
  });
});

describe('a call with a caller over HTTP (issue 9)', () => {
  let ivr: IvrApp;
  beforeAll(async () => {
    ivr = await startIvrApp();
  });
  afterEach(() => {
    ivr.received.length = 0;
  });
  afterAll(async () => {
    await ivr.close();
  });

  const startIvrServer = async (timeScale = 0) => {
    server = await createFakeVonageServer({
      timeScale,
      seed: 4,
      webhooks: { answerUrl: `${ivr.url}/answer`, eventUrl: `${ivr.url}/event` },
    });
  };
  const pushCall = (params: Record<string, unknown>) =>
    call('/_vws/inbound/call', {
      method: 'POST',
      body: JSON.stringify(params),
      signal: AbortSignal.timeout(10_000),
    });

  it('answers POST /_vws/inbound/call with wait: true once the call has ended, with its report and text', async () => {
    await startIvrServer();
    const answered = await pushCall({ from: '447700900003', caller: ['press 1', 'say "bye"'], wait: true });
    expect(answered.status).toBe(200);
    const report = answered.body as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['lifecycle', 'ok', 'failures', 'transcript', 'text']);
    expect(report).toMatchObject({ lifecycle: 0, ok: true, failures: [] });
    expect(report.transcript).toContainEqual(expect.objectContaining({ kind: 'did', step: 'press 1' }));
    expect(report.transcript).toContainEqual(expect.objectContaining({ kind: 'end', leg: 'A' }));
    expect(report.text).toContain('person: press 1');
    expect(report.text).toMatch(/webhook voice\.event\.input\.dtmf POST .*\/menu -> 200 accepted/);
    expect(report.text).toContain('person: say "bye"');
    // The same call, read again.
    const read = await call('/_vws/lifecycles/0/transcript');
    expect(read).toEqual({
      status: 200,
      body: { lifecycle: 0, transcript: report.transcript, text: report.text },
    });
  });

  it('takes the caller as one string, and answers 202 as before without wait', async () => {
    await startIvrServer();
    const started = await pushCall({ caller: 'press 9; hang up' });
    expect(started.status).toBe(202);
    expect(Object.keys(started.body as object)).toEqual(['lifecycle', 'scenario', 'ids']);
    expect(started.body).toMatchObject({ lifecycle: 0, scenario: 'voice.inbound' });
    expect((await call('/_vws/settled?timeoutMs=5000')).status).toBe(200);
  });

  it('reports ok: false with the webhooks the app did not accept', async () => {
    await startIvrServer();
    const answered = await pushCall({ caller: 'press 9', wait: true, timeoutMs: 10_000 });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({
      ok: false,
      failures: [{ kind: 'webhook', event: 'voice.event.input.dtmf', status: 500, outcome: 'rejected' }],
    });
  });

  it.each([
    [{ caller: 'press x' }, /^Invalid caller step "press x": press takes keys/],
    [{ caller: ['hang up', 'press 1'], wait: true }, /^Caller step "press 1" comes after "hang up"/],
    [{ caller: { press: 1 } }, /^Invalid caller script: give steps as a string/],
    [{ wait: 'yes' }, /^Invalid wait "yes": use true/],
    [{ wait: true, timeoutMs: -1 }, /^Invalid timeoutMs -1: use milliseconds from 0 to 7200000/],
    [{ from: 'abc', wait: true }, /^Invalid from "abc": use an E\.164 number/],
  ])('answers 400 with one line for %j', async (params, message) => {
    await startIvrServer();
    const refused = await pushCall(params);
    expect(refused.status).toBe(400);
    const { error } = refused.body as { error: { code: string; message: string } };
    expect(error.code).toBe('VWS_ERR_INVALID_OPTION');
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
    // A bad step starts nothing; a bad number fails the call as it starts, before any webhook.
    expect(ivr.received.filter((request) => request.path === '/answer')).toEqual([]);
  });

  it('answers 504 when the call outlasts timeoutMs, and the transcript so far stays readable', async () => {
    await startIvrServer(1);
    const late = await pushCall({ caller: 'press 1', wait: true, timeoutMs: 50 });
    expect(late).toEqual({
      status: 504,
      body: {
        error: {
          code: 'VWS_ERR_SETTLE_TIMEOUT',
          message:
            'Call #0 did not end within 50 ms (timeoutMs); GET /_vws/lifecycles/0/transcript shows it so far.',
        },
      },
    });
    const sofar = await call('/_vws/lifecycles/0/transcript');
    expect(sofar.status).toBe(200);
    expect(sofar.body).toMatchObject({ lifecycle: 0 });
  });

  it('answers 404 for an unknown lifecycle and 405 for a wrong method on the transcript', async () => {
    await startIvrServer();
    expect(await call('/_vws/lifecycles/3/transcript')).toEqual({
      status: 404,
      body: {
        error: {
          code: 'VWS_ERR_USAGE',
          message: 'No lifecycle #3: none has started yet; GET /_vws/lifecycles lists them.',
        },
      },
    });
    await pushCall({ caller: 'hang up', wait: true });
    const unknown = await call('/_vws/lifecycles/3/transcript');
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(unknown.body)).toContain('No lifecycle #3: the known ones are #0 to #0');
    expect((await call('/_vws/lifecycles/0/transcript', { method: 'POST' })).status).toBe(405);
    // An SMS has no conversation: its transcript is empty.
    await call('/_vws/inbound/sms', { method: 'POST', body: '{}' });
    expect(await call('/_vws/lifecycles/1/transcript')).toEqual({
      status: 200,
      body: { lifecycle: 1, transcript: [], text: '' },
    });
  });
});

/** A free port on 127.0.0.1, for an app that must know its URL before the fake starts. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Resolves with the first stdout/stderr text matching `pattern`, or rejects after `ms`. */
function waitForOutput(child: ChildProcess, stream: 'stdout' | 'stderr', pattern: RegExp, ms: number) {
  return new Promise<RegExpExecArray>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} on ${stream} in ${ms} ms: ${text}`)), ms);
    child[stream]?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const found = pattern.exec(text);
      if (found !== null) {
        clearTimeout(timer);
        resolve(found);
      }
    });
  });
}

describe.skipIf(!built)('a third-party app under the preload against vws serve flags (issue 8)', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) child.kill();
  });

  it('gets its SMS receipts at --sms-dlr-url and its sandbox WhatsApp statuses at --status-url', async () => {
    const appPort = await freePort();
    const appUrl = `http://127.0.0.1:${appPort}`;
    const serve = spawn(
      process.execPath,
      [
        bin,
        'serve',
        '--port',
        '0',
        '--seed',
        '8',
        '--time-scale',
        '0',
        '--api-key',
        'a1b2c3d4',
        '--api-secret',
        'Secret123',
        '--sms-dlr-url',
        `${appUrl}/track-dlr`,
        '--status-url',
        `${appUrl}/msg-status`,
      ],
      { cwd: root, env: { ...process.env, NO_COLOR: '1' } },
    );
    children.push(serve);
    const [, fakeUrl] = await waitForOutput(
      serve,
      'stderr',
      /listening on (http:\/\/127\.0\.0\.1:\d+)/,
      10_000,
    );
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const app = spawn(
      process.execPath,
      ['--require', cjsPreload, join(root, 'test/support/apps/stranger-app.cjs')],
      {
        cwd: root,
        env: {
          ...process.env,
          NODE_OPTIONS: '',
          PORT: String(appPort),
          VWS_FAKE_VONAGE_URL: fakeUrl,
          VONAGE_API_KEY: 'a1b2c3d4',
          VONAGE_API_SECRET: 'Secret123',
          VONAGE_APPLICATION_ID: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
          VONAGE_PRIVATE_KEY: privateKey,
        },
      },
    );
    children.push(app);
    await waitForOutput(app, 'stdout', /\{"port":\d+\}/, 10_000);
    const post = async (path: string, input: unknown) => {
      const response = await fetch(`${appUrl}${path}`, { method: 'POST', body: JSON.stringify(input) });
      expect(response.status).toBe(200);
      return (await response.json()) as Record<string, unknown>;
    };
    const sms = await post('/trigger/sms', { to: '447700900123' });
    const whatsapp = await post('/trigger/whatsapp', { to: '447700900123' });
    const settled = await fetch(`${fakeUrl}/_vws/settled?strict=true&timeoutMs=10000`);
    expect(settled.status, await settled.clone().text()).toBe(200);
    const received = (await (await fetch(`${appUrl}/received`)).json()) as {
      path: string;
      body: Record<string, unknown>;
    }[];
    const dlr = received.find((entry) => entry.path === '/track-dlr');
    expect(dlr?.body.messageId).toBe((sms.messages as { messageId: string }[])[0]?.messageId);
    const statuses = received.filter((entry) => entry.path === '/msg-status');
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((entry) => entry.body.message_uuid === whatsapp.messageUUID)).toBe(true);
  });
});
