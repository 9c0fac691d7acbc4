// Delivery through real loopback servers, through the package's public entry point.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { Agent } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createSender,
  generate,
  parseNccoResponse,
  type Sender,
  toRequestParts,
} from 'vonage-webhook-simulator';

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

interface TestServer {
  readonly url: string;
  readonly received: Received[];
  connections: number;
  close(): Promise<void>;
}

type Route = (request: Received, response: ServerResponse, count: number) => void;

const servers: Server[] = [];
const senders: Sender[] = [];

async function startServer(route: Route): Promise<TestServer> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      // Bounded: a test that loops by mistake fails instead of filling memory.
      if (received.length >= 10_000) throw new Error('too many requests');
      received.push(entry);
      route(entry, response, received.length);
    });
  });
  servers.push(server);
  const state = { connections: 0 };
  server.on('connection', () => {
    state.connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function sender(options: Parameters<typeof createSender>[0] = {}): Sender {
  const created = createSender(options);
  senders.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(senders.splice(0).map((each) => each.close()));
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const statusEvent = 'messages.status.delivered';
const statusRequest = (url: string) =>
  toRequestParts({ name: statusEvent, payload: generate(statusEvent, { seed: 5 }) }, { url });
const ncco = [{ action: 'talk', text: 'Welcome' }];
const sendJson = (response: ServerResponse, body: unknown, status = 200) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

describe('createSender().deliver to a URL', () => {
  it('counts statuses 200 to 205 as delivered', async () => {
    const server = await startServer((request, response) => {
      response.writeHead(Number(request.url.slice(1)));
      response.end();
    });
    const webhooks = sender();
    for (const status of [200, 201, 202, 203, 204, 205]) {
      const result = await webhooks.deliver(statusRequest(`${server.url}/${status}`), undefined, {
        event: statusEvent,
      });
      expect(result, String(status)).toMatchObject({ ok: true, outcome: 'accepted', status });
    }
    expect(server.received.map((r) => r.method)).toEqual(Array(6).fill('POST'));
  });

  it('fails 206, 4xx and 5xx with VWS_ERR_DELIVERY_STATUS and keeps headers and a body excerpt', async () => {
    const server = await startServer((request, response) => {
      response.writeHead(Number(request.url.slice(1)), { 'x-reason': 'test' });
      response.end(`status ${request.url.slice(1)}`);
    });
    const webhooks = sender();
    for (const status of [206, 400, 401, 404, 429, 500, 503]) {
      const result = await webhooks.deliver(statusRequest(`${server.url}/${status}`));
      expect(result, String(status)).toMatchObject({
        outcome: 'rejected',
        code: 'VWS_ERR_DELIVERY_STATUS',
        status,
      });
      expect(result.error).toMatchObject({ status, responseExcerpt: `status ${status}` });
      expect(result.response?.headers['x-reason']).toBe('test');
    }
  });

  it('fails 3xx with VWS_ERR_DELIVERY_REDIRECT and does not follow it', async () => {
    const server = await startServer((request, response) => {
      if (request.url === '/target') {
        response.end('followed');
        return;
      }
      response.writeHead(Number(request.url.slice(1)), { location: '/target' });
      response.end();
    });
    const webhooks = sender();
    for (const status of [301, 302, 303, 307, 308]) {
      const result = await webhooks.deliver(statusRequest(`${server.url}/${status}`));
      expect(result, String(status)).toMatchObject({
        outcome: 'redirected',
        code: 'VWS_ERR_DELIVERY_REDIRECT',
        status,
      });
      expect(result.error?.message).toContain('Location: /target');
    }
    expect(server.received.some((r) => r.url === '/target')).toBe(false);
  });

  it('times out a slow server with the configured response timeout', async () => {
    const server = await startServer((_request, response) => {
      setTimeout(() => response.end(), 2000).unref();
    });
    const result = await sender().deliver(statusRequest(`${server.url}/slow`), undefined, {
      event: statusEvent,
      timeout: { responseMs: 50 },
    });
    expect(result).toMatchObject({ outcome: 'timed_out', code: 'VWS_ERR_DELIVERY_TIMEOUT', status: null });
    expect(result.attempts[0]?.timing.totalMs).toBeGreaterThanOrEqual(45);
    expect(result.attempts[0]?.timing.totalMs).toBeLessThan(1500);
  });

  it('reports a closed port as VWS_ERR_DELIVERY_CONNECTION_REFUSED', async () => {
    const server = await startServer(() => {});
    const { url } = server;
    await server.close();
    const result = await sender().deliver(statusRequest(`${url}/gone`));
    expect(result).toMatchObject({
      outcome: 'connection_refused',
      code: 'VWS_ERR_DELIVERY_CONNECTION_REFUSED',
    });
    expect(result.error?.message).toContain(url.replace('http://', ''));
  });

  it('reports a connection reset after the headers as VWS_ERR_DELIVERY_CONNECTION_RESET', async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('[{"action":');
      setTimeout(() => response.socket?.destroy(), 5);
    });
    const result = await sender().deliver(statusRequest(`${server.url}/reset`));
    expect(result).toMatchObject({
      outcome: 'connection_reset',
      code: 'VWS_ERR_DELIVERY_CONNECTION_RESET',
      status: 200,
    });
  });

  it('keeps at most 2 KiB of a failed body', async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(500);
      response.end('é'.repeat(10_000));
    });
    const result = await sender().deliver(statusRequest(`${server.url}/big`));
    expect(result.response?.bodyTruncated).toBe(true);
    expect(Buffer.byteLength(result.response?.bodyExcerpt ?? '')).toBe(2048);
    expect(result.response?.bodyExcerpt).toBe('é'.repeat(1024));
  });

  it('measures connect, first byte and total time', async () => {
    const server = await startServer((_request, response) => {
      setTimeout(() => response.end('ok'), 20);
    });
    const [attempt] = (await sender().deliver(statusRequest(`${server.url}/t`))).attempts;
    expect(attempt?.timing.connectMs).toBeGreaterThanOrEqual(0);
    expect(attempt?.timing.firstByteMs).toBeGreaterThanOrEqual(15);
    expect(attempt?.timing.totalMs).toBeGreaterThanOrEqual(attempt?.timing.firstByteMs ?? 0);
  });

  it('keeps connections alive across deliveries', async () => {
    const server = await startServer((_request, response) => response.end());
    const webhooks = sender();
    for (let i = 0; i < 10; i += 1) await webhooks.deliver(statusRequest(`${server.url}/k`));
    expect(server.received).toHaveLength(10);
    // undici waits one event-loop turn before reusing a socket, so back-to-back sends alternate two.
    expect(server.connections).toBeLessThanOrEqual(2);
  });

  it('sends a GET webhook with its query to another target URL', async () => {
    const server = await startServer((_request, response) => sendJson(response, ncco));
    const answer = toRequestParts(
      { name: 'voice.answer', payload: generate('voice.answer', { seed: 9 }) },
      { url: 'https://example.com/webhooks/answer' },
    );
    const result = await sender().deliver(answer, `${server.url}/answer`, { event: 'voice.answer' });
    expect(result.ok).toBe(true);
    expect(server.received[0]?.method).toBe('GET');
    expect(server.received[0]?.url).toBe(`/answer${new URL(answer.url).search}`);
  });

  it('goes through an injected dispatcher', async () => {
    const server = await startServer((_request, response) => response.end());
    const dispatcher = new Agent();
    const dispatch = vi.spyOn(dispatcher, 'dispatch');
    await createSender({ dispatcher }).deliver(statusRequest(`${server.url}/d`));
    expect(dispatch).toHaveBeenCalledTimes(1);
    await dispatcher.close();
  });
});

describe('createSender().deliver retries and fallback', () => {
  it('retries a Messages webhook after a 503 and succeeds (time-scaled back-off)', async () => {
    const server = await startServer((_request, response, count) => {
      response.writeHead(count === 1 ? 503 : 200);
      response.end();
    });
    const result = await sender({ timeScale: 0.0001 }).deliver(
      statusRequest(`${server.url}/status`),
      undefined,
      {
        event: statusEvent,
        retries: 'vonage',
      },
    );
    expect(result.ok).toBe(true);
    expect(result.attempts.map((a) => [a.phase, a.status, a.scheduledOffsetMs])).toEqual([
      ['first', 503, 0],
      ['retry', 200, 5000],
    ]);
    expect(server.received).toHaveLength(2);
  });

  it('sends the voice answer to the fallback answer URL after two 503s, with reason and original_request', async () => {
    const server = await startServer((request, response) => {
      if (request.url.startsWith('/fallback')) sendJson(response, ncco);
      else {
        response.writeHead(503);
        response.end();
      }
    });
    const payload = generate('voice.answer.inbound', { seed: 3 });
    const answer = toRequestParts({ name: 'voice.answer.inbound', payload }, { url: `${server.url}/answer` });
    const result = await sender().deliver(answer, undefined, {
      event: 'voice.answer.inbound',
      retries: 'vonage',
      fallbackUrl: `${server.url}/fallback`,
    });
    expect(result).toMatchObject({ ok: true, ncco });
    expect(server.received.map((r) => r.url.split('?')[0])).toEqual(['/answer', '/answer', '/fallback']);
    const fallback = new URL(server.received[2]?.url ?? '', server.url).searchParams;
    for (const [key, value] of Object.entries(payload)) {
      expect(fallback.get(key)).toBe(typeof value === 'string' ? value : JSON.stringify(value));
    }
    expect(fallback.get('reason')).toBe('Received HTTP status 503.');
    expect(JSON.parse(fallback.get('original_request') ?? 'null')).toEqual({
      url: `${server.url}/answer`,
      type: 'answer',
    });
  });

  it('tries the fallback twice and then fails with the last failure', async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(504);
      response.end();
    });
    const answer = toRequestParts(
      { name: 'voice.answer', payload: generate('voice.answer') },
      { url: `${server.url}/answer`, format: 'json' },
    );
    const result = await sender().deliver(answer, undefined, {
      event: 'voice.answer',
      retries: 'vonage',
      fallbackUrl: `${server.url}/fallback`,
    });
    expect(result.code).toBe('VWS_ERR_DELIVERY_STATUS');
    expect(result.attempts.map((a) => a.phase)).toEqual(['first', 'retry', 'fallback', 'fallback']);
    const fallbackBody = JSON.parse(server.received[2]?.body ?? '{}') as Record<string, unknown>;
    expect(fallbackBody.original_request).toEqual({ url: `${server.url}/answer`, type: 'answer' });
  });
});

describe('createSender().deliver NCCO answers', () => {
  it('accepts a valid NCCO and fails an invalid one with its path and reason', async () => {
    const bad = [{ action: 'talk', text: 'Hi', bargeIn: true }];
    const server = await startServer((request, response) =>
      sendJson(response, request.url.startsWith('/good') ? ncco : bad),
    );
    const answer = (path: string) =>
      toRequestParts(
        { name: 'voice.answer', payload: generate('voice.answer') },
        { url: `${server.url}${path}` },
      );
    const webhooks = sender();
    const good = await webhooks.deliver(answer('/good'), undefined, { event: 'voice.answer' });
    expect(good).toMatchObject({ ok: true, ncco });
    const invalid = await webhooks.deliver(answer('/bad'), undefined, { event: 'voice.answer' });
    const expected = parseNccoResponse(
      { status: 200, contentType: 'application/json', body: JSON.stringify(bad) },
      { contract: 'ncco' },
    );
    expect(invalid).toMatchObject({ outcome: 'ncco_invalid', code: 'VWS_ERR_DELIVERY_NCCO_INVALID' });
    expect(invalid.nccoIssues).toEqual(expected.issues);
    expect(invalid.error).toMatchObject({ nccoIssues: expected.issues });
  });

  it('fails an NCCO served without a JSON content type', async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(JSON.stringify(ncco));
    });
    const answer = toRequestParts(
      { name: 'voice.answer', payload: generate('voice.answer') },
      { url: `${server.url}/a` },
    );
    const result = await sender().deliver(answer, undefined, { event: 'voice.answer' });
    expect(result.code).toBe('VWS_ERR_DELIVERY_NCCO_INVALID');
    expect(result.nccoIssues[0]?.reason).toContain('Content-Type');
  });
});

describe('createSender().deliver to an in-process handler', () => {
  // A Hono-style app: one fetch function that routes by path.
  const app = async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url);
    if (pathname === '/answer') return Response.json(ncco);
    if (pathname === '/bad-answer') return Response.json({ action: 'talk' });
    if (pathname === '/moved') return new Response(null, { status: 302, headers: { location: '/answer' } });
    if (pathname === '/error') return new Response('oops', { status: 500 });
    return new Response(null, { status: 204 });
  };
  const answerAt = (path: string) =>
    toRequestParts(
      { name: 'voice.answer', payload: generate('voice.answer') },
      { url: `http://app.test${path}` },
    );

  it('applies the same status rule and NCCO check as for a URL', async () => {
    const webhooks = sender();
    const outcomes = [];
    for (const path of ['/answer', '/bad-answer', '/moved', '/error']) {
      outcomes.push((await webhooks.deliver(answerAt(path), app, { event: 'voice.answer' })).outcome);
    }
    expect(outcomes).toEqual(['accepted', 'ncco_invalid', 'redirected', 'rejected']);
    expect((await webhooks.deliver(statusRequest('http://app.test/status'), app)).outcome).toBe('accepted');
  });
});

describe('createSender().sendMany to a URL', () => {
  it('accounts for every event once when some fail, at concurrency 16', async () => {
    const server = await startServer((request, response) => {
      const i = Number(new URL(request.url, 'http://x').searchParams.get('i'));
      if (i % 7 === 3) {
        response.socket?.destroy();
        return;
      }
      response.writeHead(i % 5 === 1 ? 500 : 200);
      response.end();
    });
    const items = Array.from({ length: 300 }, (_, i) => ({
      method: 'POST',
      url: `${server.url}/s?i=${i}`,
      headers: [['content-type', 'application/json']] as const,
      body: '{}',
    }));
    const run = sender().sendMany(items, { concurrency: 16 });
    const seen = new Set<number>();
    for await (const result of run) {
      expect(seen.has(result.index)).toBe(false);
      seen.add(result.index);
    }
    const summary = await run.summary();
    expect(seen.size).toBe(300);
    expect(Object.values(summary.outcomes).reduce((a, b) => a + b, 0)).toBe(300);
    expect(summary.outcomes.connection_reset).toBe(items.filter((_, i) => i % 7 === 3).length);
    expect(summary.outcomes.rejected).toBe(items.filter((_, i) => i % 7 !== 3 && i % 5 === 1).length);
    expect(summary.latency.p50).not.toBeNull();
  });
});

describe('createSender with msw in the same process', () => {
  it('reaches a real server while msw intercepts global fetch', async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200, { 'x-real-server': 'yes' });
      response.end();
    });
    const mock = setupServer(http.all('*', () => HttpResponse.text('from msw', { status: 418 })));
    mock.listen({ onUnhandledRequest: 'error' });
    try {
      // msw owns global fetch: even the loopback server's URL gets msw's answer...
      const viaFetch = await fetch(`${server.url}/status`, { method: 'POST', body: '{}' });
      expect(viaFetch.status).toBe(418);
      expect(await viaFetch.text()).toBe('from msw');
      // ...while the sender's undici dispatcher reaches the real server.
      const result = await sender().deliver(statusRequest(`${server.url}/status`), undefined, {
        event: statusEvent,
      });
      expect(result).toMatchObject({ ok: true, status: 200 });
      expect(result.response?.headers['x-real-server']).toBe('yes');
      expect(server.received).toHaveLength(1);
    } finally {
      mock.close();
    }
  });
});
