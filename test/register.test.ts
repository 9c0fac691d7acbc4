import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

// The preload as the package ships it: built into dist/ (npm test builds first).
const root = join(import.meta.dirname, '..');
const esmEntry = join(root, 'dist', 'register', 'register.js');
const cjsEntry = join(root, 'dist', 'register', 'register.cjs');
const built = existsSync(esmEntry) && existsSync(cjsEntry);
const exported =
  (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports?: Record<string, unknown> })
    .exports?.['./register'] !== undefined;

interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

const smsAccepted = {
  'message-count': '1',
  messages: [
    {
      to: '447700900000',
      'message-id': '0A0000000123ABCD1',
      status: '0',
      'remaining-balance': '3.14159265',
      'message-price': '0.03330000',
      network: '12345',
    },
  ],
};

/** A loopback server that records what arrives; it answers /sms/json as the SMS API does. */
async function startRecordingServer(): Promise<{
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}> {
  const requests: Recorded[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = request.url ?? '';
      requests.push({
        method: request.method ?? '',
        url,
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      });
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(url.startsWith('/sms/json') ? smsAccepted : { seen: url }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

// Loaded before the preload in every child: should routing fail, Vonage names resolve to loopback, so
// nothing leaves this machine (the test then fails on a refused connection).
const loopbackDns = `
const dns = require('node:dns');
dns.lookup = (host, options, callback) => {
  const done = typeof options === 'function' ? options : callback;
  if (options && typeof options === 'object' && options.all) done(null, [{ address: '127.0.0.1', family: 4 }]);
  else done(null, '127.0.0.1', 4);
};
`;

const esmApp = `
import http from 'node:http';
import https from 'node:https';
import { request as namedRequest } from 'node:https';

function call(send, url, options, body) {
  return new Promise((resolve, reject) => {
    const request = send(url, options, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, body: JSON.parse(Buffer.concat(chunks)) }));
    });
    request.on('error', reject);
    if (body !== undefined) request.end(body);
  });
}
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const out = {};
const sms = await fetch('https://rest.nexmo.com/sms/json?via=fetch', { method: 'POST', headers: form, body: 'api_key=k&to=447700900000' });
out.fetch = { status: sms.status, body: await sms.json() };
const calls = await fetch('https://api.nexmo.com/v1/calls?via=fetch-json', {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: 'Bearer eyJ.test' },
  body: JSON.stringify({ to: [{ type: 'phone', number: '447700900000' }], answer_url: ['https://app.test/answer'] }),
});
out.fetchJson = { status: calls.status, body: await calls.json() };
out.httpsRequest = await call(https.request, 'https://rest.nexmo.com/sms/json?via=https-request', { method: 'POST', headers: form }, 'to=1');
const agent = new https.Agent({ keepAlive: true });
out.httpsAgent = await call(https.request, 'https://rest.nexmo.com/sms/json?via=https-agent', { method: 'POST', headers: form, agent }, 'to=2');
agent.destroy();
out.named = await call(namedRequest, 'https://rest.nexmo.com/sms/json?via=named-import', { method: 'POST', headers: form }, 'to=3');
out.httpsGet = await call((url, options, cb) => https.get(url, options, cb), 'https://rest.nexmo.com/sms/json?via=https-get', {});
out.httpGet = await call((url, options, cb) => http.get(url, options, cb), 'http://rest.nexmo.com/sms/json?via=http-get', {});
const other = await fetch(process.env.OTHER_URL + '/elsewhere?via=fetch', { method: 'POST', body: 'x' });
out.otherFetch = { status: other.status, body: await other.json() };
out.otherHttp = await call(http.request, process.env.OTHER_URL + '/elsewhere?via=http', { method: 'PUT' }, 'y');
console.log(JSON.stringify(out));
`;

const cjsApp = `
const https = require('node:https');
const { SMS } = require(process.env.VONAGE_SMS_PATH);
(async () => {
  const sms = new SMS({ apiKey: 'abcd1234', apiSecret: 'Secret123' });
  const sent = await sms.send({ to: '447700900000', from: 'Acme', text: 'Hello from the SDK' });
  const viaRequest = await new Promise((resolve, reject) => {
    https
      .request('https://api-eu.vonage.com/v1/messages?via=cjs', { method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode));
      })
      .on('error', reject)
      .end('{"channel":"sms"}');
  });
  console.log(JSON.stringify({ sent: sent.messages[0].status, viaRequest }));
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`;

const rawTlsApp = `
import tls from 'node:tls';
const socket = tls.connect({ host: 'api.nexmo.com', port: 443, servername: 'api.nexmo.com' });
socket.on('error', (error) => console.log(JSON.stringify({ code: error.code, message: error.message })));
`;

let dir: string;
let fake: Awaited<ReturnType<typeof startRecordingServer>>;
let other: Awaited<ReturnType<typeof startRecordingServer>>;

function runNode(
  args: readonly string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--require', join(dir, 'loopback-dns.cjs'), ...args],
      { cwd: root, env: { ...process.env, NODE_OPTIONS: '', ...env }, timeout: 15_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function lastJsonLine(stdout: string): Record<string, unknown> {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines.at(-1) ?? '{}') as Record<string, unknown>;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vws-register-'));
  writeFileSync(join(dir, 'loopback-dns.cjs'), loopbackDns);
  writeFileSync(join(dir, 'app.mjs'), esmApp);
  writeFileSync(join(dir, 'app.cjs'), cjsApp);
  writeFileSync(join(dir, 'raw-tls.mjs'), rawTlsApp);
  fake = await startRecordingServer();
  other = await startRecordingServer();
});

beforeEach(() => {
  fake.requests.length = 0;
  other.requests.length = 0;
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await fake?.close();
  await other?.close();
});

describe.skipIf(!built)('node --import vonage-webhook-simulator/register (dist/register/register.js)', () => {
  it('routes fetch, https.request with and without an agent, https.get and http.get to the fake, keeping other hosts', async () => {
    const { code, stdout, stderr } = await runNode(
      ['--import', pathToFileURL(esmEntry).href, join(dir, 'app.mjs')],
      {
        VWS_FAKE_VONAGE_URL: fake.url,
        OTHER_URL: other.url,
      },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = lastJsonLine(stdout);
    for (const name of ['fetch', 'httpsRequest', 'httpsAgent', 'named', 'httpsGet', 'httpGet']) {
      expect(out[name], name).toEqual({ status: 200, body: smsAccepted });
    }
    expect(out.fetchJson).toEqual({ status: 200, body: { seen: '/v1/calls?via=fetch-json' } });

    const byVia = new Map(
      fake.requests.map((request) => [new URL(request.url, 'http://x').searchParams.get('via'), request]),
    );
    expect([...byVia.keys()].sort()).toEqual(
      ['fetch', 'fetch-json', 'https-agent', 'https-get', 'http-get', 'https-request', 'named-import'].sort(),
    );
    expect(byVia.get('fetch')).toMatchObject({
      method: 'POST',
      url: '/sms/json?via=fetch',
      body: 'api_key=k&to=447700900000',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-vws-original-host': 'rest.nexmo.com',
        'x-vws-original-scheme': 'https',
      },
    });
    const json = byVia.get('fetch-json');
    expect(json).toMatchObject({
      method: 'POST',
      url: '/v1/calls?via=fetch-json',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer eyJ.test',
        'x-vws-original-host': 'api.nexmo.com',
        'x-vws-original-scheme': 'https',
      },
    });
    expect(JSON.parse(json?.body ?? '')).toEqual({
      to: [{ type: 'phone', number: '447700900000' }],
      answer_url: ['https://app.test/answer'],
    });
    for (const [via, body] of [
      ['https-request', 'to=1'],
      ['https-agent', 'to=2'],
      ['named-import', 'to=3'],
    ] as const) {
      expect(byVia.get(via), via).toMatchObject({
        method: 'POST',
        body,
        headers: { 'x-vws-original-host': 'rest.nexmo.com', 'x-vws-original-scheme': 'https' },
      });
    }
    expect(byVia.get('https-get')).toMatchObject({
      method: 'GET',
      headers: { 'x-vws-original-scheme': 'https' },
    });
    expect(byVia.get('http-get')).toMatchObject({
      method: 'GET',
      headers: { 'x-vws-original-scheme': 'http' },
    });

    expect(other.requests.map(({ method, url, body }) => ({ method, url, body }))).toEqual([
      { method: 'POST', url: '/elsewhere?via=fetch', body: 'x' },
      { method: 'PUT', url: '/elsewhere?via=http', body: 'y' },
    ]);
    for (const request of other.requests) {
      expect(request.headers.host).toBe(new URL(other.url).host);
      expect(request.headers['x-vws-original-host']).toBeUndefined();
    }
  });

  it('exits 2 before the app runs, with one line naming the fix, when VWS_FAKE_VONAGE_URL is unset', async () => {
    const { code, stdout, stderr } = await runNode(
      ['--import', pathToFileURL(esmEntry).href, join(dir, 'app.mjs')],
      {
        VWS_FAKE_VONAGE_URL: undefined,
        OTHER_URL: other.url,
      },
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^vonage-webhook-simulator\/register: VWS_FAKE_VONAGE_URL is not set; .*vws serve.*\n$/,
    );
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(fake.requests).toEqual([]);
    expect(other.requests).toEqual([]);
  });

  it('exits 2 with one line when VWS_FAKE_VONAGE_URL names a Vonage host', async () => {
    const { code, stderr } = await runNode(['--import', pathToFileURL(esmEntry).href, join(dir, 'app.mjs')], {
      VWS_FAKE_VONAGE_URL: 'https://rest.nexmo.com',
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^vonage-webhook-simulator\/register: .*points at Vonage's own host rest\.nexmo\.com.*\n$/,
    );
  });

  it('refuses a raw TLS connection to a Vonage host that bypasses the routing', async () => {
    const { code, stdout } = await runNode(
      ['--import', pathToFileURL(esmEntry).href, join(dir, 'raw-tls.mjs')],
      {
        VWS_FAKE_VONAGE_URL: fake.url,
      },
    );
    expect(code).toBe(0);
    expect(lastJsonLine(stdout)).toMatchObject({
      code: 'VWS_ERR_VONAGE_HOST_BLOCKED',
      message: expect.stringMatching(/^Blocked a connection to the Vonage host api\.nexmo\.com: /),
    });
  });
});

describe.skipIf(!built)(
  'node --require vonage-webhook-simulator/register (dist/register/register.cjs)',
  () => {
    it('routes an unmodified CommonJS app using the Vonage SDK to the fake', async () => {
      const smsPath = createRequire(import.meta.url).resolve('@vonage/sms');
      const { code, stdout, stderr } = await runNode(['--require', cjsEntry, join(dir, 'app.cjs')], {
        VWS_FAKE_VONAGE_URL: fake.url,
        VONAGE_SMS_PATH: smsPath,
      });
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(lastJsonLine(stdout)).toEqual({ sent: '0', viaRequest: 200 });
      const [sdk, plain] = fake.requests;
      expect(sdk).toMatchObject({
        method: 'POST',
        url: '/sms/json',
        headers: { 'x-vws-original-host': 'rest.nexmo.com', 'x-vws-original-scheme': 'https' },
      });
      expect(sdk?.headers.authorization).toBe(
        `Basic ${Buffer.from('abcd1234:Secret123').toString('base64')}`,
      );
      expect(sdk?.headers['user-agent']).toMatch(/^@vonage\/server-sdk\//);
      expect(JSON.parse(sdk?.body ?? '')).toEqual({
        to: '447700900000',
        from: 'Acme',
        text: 'Hello from the SDK',
      });
      expect(plain).toMatchObject({
        url: '/v1/messages?via=cjs',
        headers: { 'x-vws-original-host': 'api-eu.vonage.com' },
      });
    });

    it('exits 2 with one line when VWS_FAKE_VONAGE_URL is unset', async () => {
      const { code, stdout, stderr } = await runNode(['--require', cjsEntry, join(dir, 'app.cjs')], {
        VWS_FAKE_VONAGE_URL: undefined,
      });
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
    });
  },
);

describe.skipIf(!built || !exported)('the ./register export of the package', () => {
  for (const flag of ['--import', '--require']) {
    it(`loads with ${flag} vonage-webhook-simulator/register`, async () => {
      const { code, stdout, stderr } = await runNode(
        [flag, 'vonage-webhook-simulator/register', join(dir, 'app.mjs')],
        {
          VWS_FAKE_VONAGE_URL: fake.url,
          OTHER_URL: other.url,
        },
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(lastJsonLine(stdout).fetch).toEqual({ status: 200, body: smsAccepted });
      expect(fake.requests.length).toBeGreaterThanOrEqual(7);
    });
  }
});
