// `vws serve` and createFakeVonageServer: the fake Vonage over HTTP. In-process tests drive it with
// fetch; the last suite runs the example app as an unmodified process whose Vonage traffic the built
// preload (dist/register/register.js) routes to the server, as a user would.
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createFakeVonageServer,
  type FakeVonageServer,
  type FakeVonageServerOptions,
  isVwsError,
  type ServeLogEntry,
  verifyWebhookJwt,
} from 'vonage-webhook-simulator';
import { toApplicationWebhooks } from 'vonage-webhook-simulator/advanced';
import { runCli } from '../src/cli/run.js';
import type { CliIo } from '../src/cli/shared/io.js';
import { toDefaultVonageHost } from '../src/serve/vonage-request-url.js';

const API_KEY = 'a1b2c3d4';
const API_SECRET = 'Secret123';
const APPLICATION_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab';
const SIGNATURE_SECRET = 'signature-secret-for-the-serve-test';
const basic = `Basic ${Buffer.from(`${API_KEY}:${API_SECRET}`).toString('base64')}`;

interface Received {
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

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function serve(options: FakeVonageServerOptions = {}): Promise<FakeVonageServer> {
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

async function receiver() {
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

const smsBody = (text = 'Hi') =>
  JSON.stringify({ api_key: API_KEY, api_secret: API_SECRET, from: 'AcmeInc', to: '447700900123', text });

async function json(response: Response): Promise<unknown> {
  return JSON.parse(await response.text()) as unknown;
}

describe('createFakeVonageServer', () => {
  it('answers a request for the Vonage host named by x-vws-original-host, as the preload sends it', async () => {
    const server = await serve();
    const response = await fetch(`${server.url}/sms/json`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-vws-original-host': 'rest.nexmo.com',
        'x-vws-original-scheme': 'https',
      },
      body: smsBody(),
    });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ 'message-count': '1', messages: [{ status: '0' }] });
    const [recorded] = server.fake.requests;
    expect(recorded?.url).toBe('https://rest.nexmo.com/sms/json');
    expect(recorded?.headers.host).toBe('rest.nexmo.com');
    expect(Object.keys(recorded?.headers ?? {}).filter((name) => name.startsWith('x-vws-'))).toEqual([]);
  });

  it('takes /sms/... for rest.nexmo.com and other paths for api.nexmo.com when no original host is sent', async () => {
    const server = await serve();
    const sms = await fetch(`${server.url}/sms/json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: smsBody(),
    });
    const message = await fetch(`${server.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basic },
      body: JSON.stringify({
        message_type: 'text',
        channel: 'sms',
        to: '447700900123',
        from: 'Acme',
        text: 'Hi',
      }),
    });
    expect([sms.status, message.status]).toEqual([200, 202]);
    expect(server.fake.requests.map((request) => [request.url, request.api])).toEqual([
      ['https://rest.nexmo.com/sms/json', 'sms'],
      ['https://api.nexmo.com/v1/messages', 'messages'],
    ]);
    expect(toDefaultVonageHost('/sms')).toBe('rest.nexmo.com');
    expect(toDefaultVonageHost('/smsx/json')).toBe('api.nexmo.com');
    expect(toDefaultVonageHost('/account/settings')).toBe('rest.nexmo.com');
    expect(toDefaultVonageHost('/v2/applications')).toBe('api.nexmo.com');
  });

  it('sends webhooks to the usual paths below webhookBaseUrl, signed', async () => {
    const app = await receiver();
    const server = await serve({ webhookBaseUrl: app.url });
    await fetch(`${server.url}/sms/json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: smsBody(),
    });
    const pushed = await fetch(`${server.url}/_vws/inbound/message`, {
      method: 'POST',
      body: JSON.stringify({ channel: 'whatsapp', text: 'Hello?' }),
    });
    expect(pushed.status).toBe(202);
    await server.fake.settled();
    expect(app.received.map((webhook) => webhook.path).sort()).toEqual([
      '/webhooks/delivery-receipt',
      '/webhooks/inbound',
    ]);
    const inbound = app.received.find((webhook) => webhook.path === '/webhooks/inbound');
    expect(
      verifyWebhookJwt(String(inbound?.headers.authorization), {
        secret: SIGNATURE_SECRET,
        body: inbound?.body ?? '',
      }).valid,
    ).toBe(true);
    expect(JSON.parse(inbound?.body ?? '{}')).toMatchObject({ channel: 'whatsapp', text: 'Hello?' });
  });

  it('serves its recordings, pushes, settled and reset under /_vws', async () => {
    const app = await receiver();
    const server = await serve({ webhookBaseUrl: `${app.url}/` });
    await fetch(`${server.url}/_vws/inbound/call`, { method: 'POST', body: '{"from":"447700900556"}' });
    const sms = await fetch(`${server.url}/_vws/inbound/sms`, { method: 'POST', body: '{"text":"STOP"}' });
    expect(await json(sms)).toMatchObject({ lifecycle: 1, scenario: 'sms.inbound' });
    const settled = await fetch(`${server.url}/_vws/settled?timeoutMs=5000`);
    expect(await json(settled)).toMatchObject({ settled: true });

    const deliveries = (await json(await fetch(`${server.url}/_vws/deliveries`))) as {
      event: string;
      state: string;
      result: { status: number; ok: boolean } | null;
    }[];
    expect(deliveries.length).toBeGreaterThan(2);
    expect(deliveries.every((delivery) => delivery.state === 'sent' && delivery.result?.ok === true)).toBe(
      true,
    );
    expect(deliveries.map((delivery) => delivery.event)).toContain('sms.inbound.text');
    expect(await json(await fetch(`${server.url}/_vws/requests`))).toEqual([]);
    const lifecycles = await json(await fetch(`${server.url}/_vws/lifecycles`));
    expect(lifecycles).toMatchObject([{ index: 0, scenario: 'voice.inbound', error: null }, { index: 1 }]);

    expect((await fetch(`${server.url}/_vws/reset`, { method: 'POST' })).status).toBe(204);
    expect(await json(await fetch(`${server.url}/_vws/deliveries`))).toEqual([]);
  });

  it('answers 400 for a body that is not a JSON object, a channel without inbound messages, and 404/405 for unknown endpoints', async () => {
    const server = await serve();
    const post = (path: string, body: string) => fetch(`${server.url}${path}`, { method: 'POST', body });
    const notJson = await post('/_vws/inbound/sms', 'text=STOP');
    expect(notJson.status).toBe(400);
    expect(await json(notJson)).toMatchObject({ error: { code: 'VWS_ERR_INVALID_JSON' } });
    const badChannel = await post('/_vws/inbound/message', '{"channel":"pigeon"}');
    expect(badChannel.status).toBe(400);
    expect(await json(badChannel)).toMatchObject({ error: { message: expect.stringMatching(/pigeon/) } });
    const unknown = await fetch(`${server.url}/_vws/nothing`);
    expect(unknown.status).toBe(404);
    expect(await json(unknown)).toMatchObject({
      error: { message: expect.stringMatching(/GET \/_vws\/requests/) },
    });
    const wrongMethod = await fetch(`${server.url}/_vws/reset`);
    expect([wrongMethod.status, wrongMethod.headers.get('allow')]).toEqual([405, 'POST']);
  });

  it('answers 404 for a Vonage host it does not fake and 400 for an original host that is not Vonage', async () => {
    const server = await serve();
    const video = await fetch(`${server.url}/v2/project/abc`, {
      headers: { 'x-vws-original-host': 'video.api.vonage.com' },
    });
    expect(video.status).toBe(404);
    expect(await json(video)).toMatchObject({
      detail: expect.stringMatching(/does not fake video\.api\.vonage\.com/),
    });
    const other = await fetch(`${server.url}/sms/json`, {
      headers: { 'x-vws-original-host': 'example.com' },
    });
    expect(other.status).toBe(400);
    const injected = await fetch(`${server.url}/sms/json`, {
      headers: { 'x-vws-original-host': 'rest.nexmo.com@evil' },
    });
    expect(injected.status).toBe(400);
    expect(server.fake.requests).toEqual([]);
  });

  it('logs each API call in and each webhook out, and a webhook without a URL as not sent', async () => {
    const app = await receiver();
    const entries: ServeLogEntry[] = [];
    const server = await serve({
      webhooks: { smsDeliveryReceipt: `${app.url}/dlr` },
      onLog: (entry) => entries.push(entry),
    });
    await fetch(`${server.url}/sms/json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: smsBody(),
    });
    await fetch(`${server.url}/_vws/inbound/sms`, { method: 'POST', body: '{}' });
    await server.fake.settled();
    // The API call is logged as it is answered; its receipt and the push's not-sent webhook race.
    const [first, ...rest] = entries;
    expect(first).toMatchObject({
      direction: 'in',
      url: 'https://rest.nexmo.com/sms/json',
      status: 200,
      lifecycle: 0,
    });
    expect(
      rest.map((entry) => (entry.direction === 'out' ? `${entry.event} #${entry.lifecycle}` : 'in')).sort(),
    ).toEqual(['sms.delivery_receipt.delivered #0', 'sms.inbound.text #1']);
    const notSent = entries.find((entry) => entry.direction === 'out' && entry.state === 'not_sent');
    expect(notSent).toMatchObject({ event: 'sms.inbound.text', reason: expect.stringMatching(/smsInbound/) });
    const sent = entries.find((entry) => entry.direction === 'out' && entry.state === 'sent');
    expect(sent).toMatchObject({ url: `${app.url}/dlr`, result: { status: 200, ok: true } });
  });

  it('throws a usage error naming --port when the port is in use', async () => {
    const first = await serve();
    const error = await createFakeVonageServer({ port: first.port }).catch((caught: unknown) => caught);
    expect(isVwsError(error) && error.code).toBe('VWS_ERR_USAGE');
    expect((error as Error).message).toMatch(
      new RegExp(`^Port ${first.port} on 127\\.0\\.0\\.1 is in use: .*--port`),
    );
  });
});

describe('toApplicationWebhooks', () => {
  it('puts every application webhook on its usual path below the base URL, keeping a base path', () => {
    expect(toApplicationWebhooks('http://127.0.0.1:3000/app/')).toEqual({
      answerUrl: 'http://127.0.0.1:3000/app/webhooks/answer',
      eventUrl: 'http://127.0.0.1:3000/app/webhooks/event',
      fallbackAnswerUrl: 'http://127.0.0.1:3000/app/webhooks/fallback',
      inboundUrl: 'http://127.0.0.1:3000/app/webhooks/inbound',
      statusUrl: 'http://127.0.0.1:3000/app/webhooks/status',
      verifyStatusUrl: 'http://127.0.0.1:3000/app/webhooks/verify',
      rtcEventUrl: 'http://127.0.0.1:3000/app/webhooks/rtc/event',
      smsInboundUrl: 'http://127.0.0.1:3000/app/webhooks/inbound-sms',
      smsDlrUrl: 'http://127.0.0.1:3000/app/webhooks/delivery-receipt',
    });
  });

  it('rejects a base URL that is not http(s) or has a query', () => {
    expect(() => toApplicationWebhooks('ftp://127.0.0.1')).toThrow(/Invalid webhook base URL/);
    expect(() => toApplicationWebhooks('http://127.0.0.1:3000/?x=1')).toThrow(/without query/);
    expect(() => toApplicationWebhooks('127.0.0.1:3000')).toThrow(/absolute http\(s\) URL/);
  });
});

/** Runs `vws serve` in-process; resolves once it listens, with a way to stop it. */
async function startCli(args: readonly string[]) {
  let stdout = '';
  let stderr = '';
  let interrupt: () => void = () => undefined;
  let announce: (url: string) => void = () => undefined;
  const listening = new Promise<string>((resolve) => {
    announce = resolve;
  });
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: {
      write: (text: string) => {
        stderr += text;
        const url = /listening on (http:\/\/\S+)/.exec(stderr)?.[1];
        if (url !== undefined) announce(url);
      },
    },
    env: { VONAGE_SIGNATURE_SECRET: SIGNATURE_SECRET },
    now: () => Date.now(),
    randomSeed: () => 777,
    readFile: async () => '',
    onInterrupt: (handler) => {
      interrupt = handler;
    },
  };
  const exit = runCli(['serve', ...args], io, { version: '0.0.0-test' });
  const url = await Promise.race([listening, exit.then((code) => `exited ${code}: ${stderr}`)]);
  return {
    url,
    output: () => ({ stdout, stderr }),
    stop: async () => {
      interrupt();
      return exit;
    },
  };
}

describe('vws serve', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vws-serve-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves until interrupted, printing each call and webhook and writing --log as NDJSON', async () => {
    const app = await receiver();
    const logFile = join(dir, 'serve.ndjson');
    const cli = await startCli([
      '--port',
      '0',
      '--time-scale',
      '0',
      '--webhook-base-url',
      app.url,
      '--api-key',
      API_KEY,
      '--api-secret',
      API_SECRET,
      '--seed',
      '5',
      '--log',
      logFile,
    ]);
    expect(cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${cli.url}/sms/json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: smsBody(),
    });
    expect(response.status).toBe(200);
    await fetch(`${cli.url}/_vws/settled`);
    expect(await cli.stop()).toBe(0);

    const { stdout, stderr } = cli.output();
    expect(stderr).toMatch(/seed 5, time scale 0, signing webhooks/);
    expect(stdout).toMatch(/^→ POST https:\/\/rest\.nexmo\.com\/sms\/json 200 lifecycle #0$/m);
    expect(stdout).toMatch(
      /^← #0 sms\.delivery_receipt\.delivered POST http:\/\/127\.0\.0\.1:\d+\/webhooks\/delivery-receipt 200 /m,
    );
    const lines = readFileSync(logFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ServeLogEntry);
    expect(lines.map((line) => line.direction)).toEqual(['in', 'out']);
    expect(app.received.map((webhook) => webhook.path)).toEqual(['/webhooks/delivery-receipt']);
  });

  it('exits 2 with one line when the port is in use', async () => {
    const first = await serve();
    const cli = await startCli(['--port', String(first.port)]);
    expect(cli.url).toBe(
      `exited 2: vws: Port ${first.port} on 127.0.0.1 is in use: stop what holds it or pick another with --port, e.g. --port ${first.port + 1}.\n`,
    );
  });

  it('exits 2 for a negative --time-scale and an unwritable --log', async () => {
    const scale = await startCli(['--time-scale', '-1']);
    expect(scale.url).toMatch(/^exited 2: vws: option '--time-scale <x>' argument '-1' is invalid/);
    const log = await startCli(['--port', '0', '--log', join(dir, 'missing', 'x.ndjson')]);
    expect(log.url).toMatch(/^exited 2: vws: Cannot write --log .*: its folder does not exist/);
  });
});

// ---- an unmodified app process, routed by the built preload ----

const root = join(import.meta.dirname, '..');
const preload = join(root, 'dist', 'register', 'register.js');

// Loaded first in the app process: should routing fail, Vonage names resolve to loopback, so nothing
// can leave this machine (the test then fails on a refused connection).
const loopbackDns = `
const dns = require('node:dns');
dns.lookup = (host, options, callback) => {
  const done = typeof options === 'function' ? options : callback;
  if (options && typeof options === 'object' && options.all) done(null, [{ address: '127.0.0.1', family: 4 }]);
  else done(null, '127.0.0.1', 4);
};
`;

/** A port free a moment ago: the app must know its own port before the server is told its base URL. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe.skipIf(!existsSync(preload))(
  'vws serve with an unmodified app (node --import dist/register/register.js)',
  () => {
    it('answers the official SDK in the example app and delivers signed webhooks to it', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'vws-serve-app-'));
      writeFileSync(join(dir, 'loopback-dns.cjs'), loopbackDns);
      const { privateKey } = generateKeyPairSync('rsa', {
        modulusLength: 2048,
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
        publicKeyEncoding: { type: 'spki', format: 'pem' },
      });
      const appPort = await freePort();
      const appUrl = `http://127.0.0.1:${appPort}`;
      const server = await serve({ webhookBaseUrl: appUrl, smsSignatureMethod: 'sha256' });
      const child = spawn(
        process.execPath,
        [
          '--require',
          join(dir, 'loopback-dns.cjs'),
          '--import',
          pathToFileURL(preload).href,
          join(root, 'examples', 'app', 'server.js'),
        ],
        {
          cwd: root,
          env: {
            ...process.env,
            NODE_OPTIONS: '',
            VWS_FAKE_VONAGE_URL: server.url,
            PORT: String(appPort),
            VONAGE_API_KEY: API_KEY,
            VONAGE_API_SECRET: API_SECRET,
            VONAGE_APPLICATION_ID: APPLICATION_ID,
            VONAGE_PRIVATE_KEY: privateKey,
            VONAGE_SIGNATURE_SECRET: SIGNATURE_SECRET,
            VONAGE_SMS_SIGNATURE_METHOD: 'sha256',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk;
      });
      closers.push(async () => {
        child.kill('SIGTERM');
        rmSync(dir, { recursive: true, force: true });
      });
      await new Promise<void>((resolve, reject) => {
        let stdout = '';
        const timer = setTimeout(() => reject(new Error(`the app did not start: ${stderr}`)), 10_000);
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk;
          if (stdout.includes('listening on')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code) => reject(new Error(`the app exited with ${code}: ${stderr}`)));
      });

      const post = async (path: string, body: unknown) => {
        const response = await fetch(`${appUrl}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      };
      const sms = await post('/send-sms', { to: '447700900123', text: 'Hello from the app' });
      const call = await post('/call', { to: '447700900123' });
      const message = await post('/send-message', { to: '447700900123', text: 'Hi', channel: 'sms' });
      expect([sms.status, call.status, message.status], stderr).toEqual([200, 200, 200]);
      await fetch(`${server.url}/_vws/inbound/sms`, { method: 'POST', body: '{"text":"STOP"}' });
      await server.fake.settled({ timeoutMs: 10_000 });

      expect(server.fake.requests.map((request) => [request.url, request.response.status])).toEqual([
        ['https://rest.nexmo.com/sms/json', 200],
        ['https://api.nexmo.com/v1/calls', 201],
        ['https://api.nexmo.com/v1/messages', 202],
      ]);
      const received = (await (await fetch(`${appUrl}/received`)).json()) as {
        path: string;
        params: Record<string, unknown>;
        rejected: string | null;
      }[];
      expect(received.filter((webhook) => webhook.rejected !== null)).toEqual([]);
      const paths = new Set(received.map((webhook) => webhook.path));
      expect([...paths].sort()).toEqual([
        '/webhooks/answer',
        '/webhooks/delivery-receipt',
        '/webhooks/event',
        '/webhooks/inbound-sms',
        '/webhooks/status',
      ]);
      const receipt = received.find((webhook) => webhook.path === '/webhooks/delivery-receipt');
      expect(receipt?.params.messageId).toBe((sms.body.messageIds as string[])[0]);
      const events = received.filter((webhook) => webhook.path === '/webhooks/event');
      expect(events.every((event) => event.params.uuid === call.body.uuid)).toBe(true);
      const statuses = received.filter((webhook) => webhook.path === '/webhooks/status');
      expect(statuses.every((status) => status.params.message_uuid === message.body.messageUuid)).toBe(true);
    });
  },
);
