import dns from 'node:dns';
import { once } from 'node:events';
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { Agent, setGlobalDispatcher, request as undiciRequest } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSender } from '../delivery/create-sender.js';
import { toRequestParts } from '../delivery/to-request.js';
import { generate } from '../fixtures/generate.js';
import { globalDispatcherSymbol } from './route-fetch.js';
import { routeVonageTo } from './route-vonage-to.js';

interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

interface RecordingServer {
  readonly url: string;
  readonly requests: Recorded[];
  close(): Promise<void>;
}

/** A loopback server standing in for `vws serve` (or the app): records requests, answers JSON. */
async function startRecordingServer(): Promise<RecordingServer> {
  const requests: Recorded[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      });
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ seen: request.url }));
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

function send(
  module: typeof http | typeof https,
  url: string,
  options: http.RequestOptions,
  body?: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = module.request(url, options, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    request.on('error', reject);
    request.setTimeout(5000, () => request.destroy(new Error('timed out')));
    request.end(body);
  });
}

// Belt and braces: should the routing under test ever let a Vonage host through, its name resolves to
// loopback here, so nothing leaves this machine (the test then fails on a refused connection).
const originalLookup = dns.lookup;
let fake: RecordingServer;
let other: RecordingServer;
let undo: (() => void) | undefined;

beforeAll(async () => {
  (dns as { lookup: unknown }).lookup = (_host: string, options: unknown, callback?: unknown) => {
    const done = (typeof options === 'function' ? options : callback) as (...args: unknown[]) => void;
    const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all;
    if (all) done(null, [{ address: '127.0.0.1', family: 4 }]);
    else done(null, '127.0.0.1', 4);
  };
  fake = await startRecordingServer();
  other = await startRecordingServer();
});

afterEach(() => {
  undo?.();
  undo = undefined;
  fake.requests.length = 0;
  other.requests.length = 0;
});

afterAll(async () => {
  dns.lookup = originalLookup;
  await fake.close();
  await other.close();
});

describe('routeVonageTo', () => {
  it('sends a fetch to an https Vonage host to the http fake with method, path, query, headers and body', async () => {
    undo = routeVonageTo(fake.url);
    const response = await fetch('https://rest.nexmo.com/sms/json?api_key=abc', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-app': 'one' },
      body: 'to=447700900000&text=hi',
    });
    expect(await response.json()).toEqual({ seen: '/sms/json?api_key=abc' });
    expect(response.url).toBe('https://rest.nexmo.com/sms/json?api_key=abc');
    expect(fake.requests).toHaveLength(1);
    const [arrived] = fake.requests;
    expect(arrived).toMatchObject({
      method: 'POST',
      url: '/sms/json?api_key=abc',
      body: 'to=447700900000&text=hi',
    });
    expect(arrived?.headers).toMatchObject({
      'content-type': 'application/x-www-form-urlencoded',
      'x-app': 'one',
      'x-vws-original-host': 'rest.nexmo.com',
      'x-vws-original-scheme': 'https',
      host: new URL(fake.url).host,
    });
  });

  it('sends https.request with its own agent and http.get to the fake under the base path', async () => {
    undo = routeVonageTo(`${fake.url}/vonage/`);
    const agent = new https.Agent({ keepAlive: true });
    const viaRequest = await send(
      https,
      'https://api.nexmo.com/v1/calls',
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      '{"to":[{"type":"phone","number":"447700900000"}]}',
    );
    agent.destroy();
    expect(viaRequest.status).toBe(200);
    await new Promise<void>((resolve, reject) => {
      http
        .get('http://api-us-3.vonage.com:8080/v1/calls/abc?x=1', (response) => {
          response.resume();
          response.on('end', resolve);
        })
        .on('error', reject);
    });
    expect(fake.requests.map(({ method, url, body }) => ({ method, url, body }))).toEqual([
      { method: 'POST', url: '/vonage/v1/calls', body: '{"to":[{"type":"phone","number":"447700900000"}]}' },
      { method: 'GET', url: '/vonage/v1/calls/abc?x=1', body: '' },
    ]);
    expect(fake.requests[1]?.headers).toMatchObject({
      'x-vws-original-host': 'api-us-3.vonage.com:8080',
      'x-vws-original-scheme': 'http',
    });
  });

  it('leaves requests to other hosts untouched', async () => {
    undo = routeVonageTo(fake.url);
    await fetch(`${other.url}/hook?x=1`, { method: 'POST', body: 'a' });
    await send(http, `${other.url}/plain`, { method: 'PUT', headers: { 'x-app': 'two' } }, 'b');
    expect(fake.requests).toEqual([]);
    expect(other.requests.map(({ method, url, body }) => ({ method, url, body }))).toEqual([
      { method: 'POST', url: '/hook?x=1', body: 'a' },
      { method: 'PUT', url: '/plain', body: 'b' },
    ]);
    for (const { headers } of other.requests) {
      expect(headers.host).toBe(new URL(other.url).host);
      expect(headers['x-vws-original-host']).toBeUndefined();
    }
  });

  it("leaves the simulator's own webhook deliveries to the app untouched", async () => {
    undo = routeVonageTo(fake.url);
    const sender = createSender();
    const parts = toRequestParts(
      { name: 'messages.status.read', payload: generate('messages.status.read', { seed: 1 }) },
      { url: `${other.url}/webhooks/status` },
    );
    const result = await sender.deliver(parts);
    await sender.close();
    expect(result.ok).toBe(true);
    expect(fake.requests).toEqual([]);
    expect(other.requests[0]?.url).toBe('/webhooks/status');
  });

  it('hands fetch and https.request to an in-process handler as a Request with the original URL', async () => {
    const seen: Array<{ url: string; method: string; host: string | null; body: string }> = [];
    undo = routeVonageTo(async (request) => {
      seen.push({
        url: request.url,
        method: request.method,
        host: request.headers.get('x-vws-original-host'),
        body: await request.text(),
      });
      return Response.json({ 'message-count': '1' }, { status: 201, headers: { 'x-fake': 'yes' } });
    });
    const viaFetch = await fetch('https://rest.nexmo.com/sms/json', { method: 'POST', body: 'to=1' });
    expect(viaFetch.status).toBe(201);
    expect(viaFetch.headers.get('x-fake')).toBe('yes');
    expect(await viaFetch.json()).toEqual({ 'message-count': '1' });
    const viaHttps = await send(
      https,
      'https://api-eu.vonage.com/v1/messages?q=1',
      { method: 'POST' },
      '{"a":1}',
    );
    expect(viaHttps).toMatchObject({ status: 201, body: '{"message-count":"1"}' });
    expect(viaHttps.headers['x-fake']).toBe('yes');
    expect(seen).toEqual([
      { url: 'https://rest.nexmo.com/sms/json', method: 'POST', host: 'rest.nexmo.com', body: 'to=1' },
      {
        url: 'https://api-eu.vonage.com/v1/messages?q=1',
        method: 'POST',
        host: 'api-eu.vonage.com',
        body: '{"a":1}',
      },
    ]);
  });

  it('answers 500 naming the error when the in-process handler throws', async () => {
    undo = routeVonageTo(() => {
      throw new Error('no such route');
    });
    const viaFetch = await fetch('https://api.nexmo.com/v1/calls');
    expect(viaFetch.status).toBe(500);
    expect(viaFetch.headers.get('x-vws-handler-error')).toBe('1');
    expect(((await viaFetch.json()) as { message: string }).message).toMatch(/handler failed: no such route/);
    const viaHttp = await send(https, 'https://api.nexmo.com/v1/calls', {});
    expect(viaHttp.status).toBe(500);
    expect(viaHttp.body).toMatch(/no such route/);
  });

  it('turns a Response.error() from the in-process handler into a network error on both stacks', async () => {
    undo = routeVonageTo(() => Response.error());
    await expect(fetch('https://api.nexmo.com/v1/calls')).rejects.toThrow(/fetch failed/);
    await expect(send(https, 'https://api.nexmo.com/v1/calls', {})).rejects.toThrow(/socket hang up/);
  });

  it('routes the npm undici request() through the global dispatcher', async () => {
    undo = routeVonageTo(fake.url);
    const { statusCode, body } = await undiciRequest('https://api.nexmo.com/v2/verify', {
      method: 'POST',
      body: '{"brand":"x"}',
    });
    expect(statusCode).toBe(200);
    expect(await body.json()).toEqual({ seen: '/v2/verify' });
    expect(fake.requests[0]?.headers['x-vws-original-host']).toBe('api.nexmo.com');
  });

  it('keeps routing fetch after the app replaces the global dispatcher', async () => {
    const before = (globalThis as Record<symbol, unknown>)[globalDispatcherSymbol];
    undo = routeVonageTo(fake.url);
    const agent = new Agent();
    setGlobalDispatcher(agent);
    try {
      const response = await fetch('https://rest.nexmo.com/account/get-balance');
      expect(await response.json()).toEqual({ seen: '/account/get-balance' });
    } finally {
      undo();
      undo = undefined;
      setGlobalDispatcher(before as Agent);
      await agent.close();
    }
  });

  it('refuses a raw TLS connection to a Vonage host with a one-line error', async () => {
    undo = routeVonageTo(fake.url);
    const socket = tls.connect({ host: 'rest.nexmo.com', port: 443, servername: 'rest.nexmo.com' });
    const [error] = (await once(socket, 'error')) as [Error & { code?: string }];
    expect(error.code).toBe('VWS_ERR_VONAGE_HOST_BLOCKED');
    expect(error.message).toMatch(
      /^Blocked a connection to the Vonage host rest\.nexmo\.com: .*reach the fake\.$/,
    );
    expect(error.message).not.toContain('\n');
  });

  it('lets the newest route win and uncovers the previous one when it is undone', async () => {
    undo = routeVonageTo(fake.url);
    const undoHandler = routeVonageTo(() => new Response('from handler'));
    expect(await (await fetch('https://rest.nexmo.com/a')).text()).toBe('from handler');
    undoHandler();
    expect(await (await fetch('https://rest.nexmo.com/b')).json()).toEqual({ seen: '/b' });
  });

  it('puts node:http, node:https, fetch and the global dispatcher back when undone', () => {
    const before = {
      httpRequest: http.request,
      httpGet: http.get,
      httpsRequest: https.request,
      httpsGet: https.get,
      fetch: globalThis.fetch,
    };
    const undoRoute = routeVonageTo(fake.url);
    const dispatcher = (globalThis as Record<symbol, unknown>)[globalDispatcherSymbol];
    expect(https.request).not.toBe(before.httpsRequest);
    expect(globalThis.fetch).not.toBe(before.fetch);
    undoRoute();
    undoRoute();
    expect({
      httpRequest: http.request,
      httpGet: http.get,
      httpsRequest: https.request,
      httpsGet: https.get,
      fetch: globalThis.fetch,
    }).toEqual(before);
    expect((globalThis as Record<symbol, unknown>)[globalDispatcherSymbol]).not.toBe(dispatcher);
  });

  it('throws a VwsError for a target that points at Vonage itself', () => {
    expect(() => routeVonageTo('https://api.nexmo.com')).toThrow(/points at Vonage's own host/);
  });
});
