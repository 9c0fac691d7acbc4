// A soak test (issue 11): a bounded, seeded stream of hostile requests (deep JSON, bodies within and
// past the 1 MiB limits, bad content types, junk headers, slow and aborted bodies) to `listen`
// (createListener) and to `serve` (createFakeVonageServer), interleaved with normal requests. Every
// normal request must still be answered correctly, no hostile one may get a 5xx, and the heap and RSS
// may grow only within a bound.
import { connect } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeVonageServer, type FakeVonageServer } from 'vonage-webhook-simulator';
import { createListener, type Listener } from '../src/listen/create-listener.js';

const SEED = 20_261_103;
const ROUNDS = 1_000; // per target; one in four is a normal request
const CONCURRENCY = 8;
const LIMIT = 1024 * 1024; // both entry points' body limit
const MAX_GROWTH_BYTES = 64 * 1024 * 1024;

/** mulberry32: the soak's only source of randomness, so a failure replays with SEED. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The garbage collector, when V8 lets a running process turn it on; else a no-op. */
function collector(): () => void {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    return () => {
      gc();
      gc();
    };
  } catch {
    return () => undefined;
  }
}

/** One hostile request on a raw socket: how the body goes (whole, slow, or cut off) and what it holds. */
interface Hostile {
  readonly kind: string;
  readonly head: string;
  readonly body: Buffer;
  readonly delivery: 'whole' | 'slow' | 'abort';
}

/** Sends a hostile request on a raw socket; resolves with the status (undefined when none came). */
function sendRaw(port: number, request: Hostile): Promise<number | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1];
      resolve(status === undefined ? undefined : Number(status));
    };
    const timer = setTimeout(done, 5_000);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      answer += chunk.slice(0, 64);
      if (answer.length >= 12) done();
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.on('connect', async () => {
      socket.write(request.head);
      if (request.delivery === 'whole') {
        socket.write(request.body);
        return;
      }
      const pieces = request.delivery === 'slow' ? 4 : 2;
      const size = Math.ceil(request.body.length / pieces);
      for (let index = 0; index < pieces && !settled; index++) {
        if (request.delivery === 'abort' && index === 1) {
          socket.destroy(); // half the body, then the connection is gone
          return;
        }
        socket.write(request.body.subarray(index * size, (index + 1) * size));
        await new Promise((wait) => setTimeout(wait, 5));
      }
    });
  });
}

/** A seeded hostile request for `path`: one of the shapes the issue lists. */
function hostile(next: () => number, path: string): Hostile {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const depth = 1 + Math.floor(next() * 40_000);
  const bodies: [string, () => Buffer, string][] = [
    ['deep-array', () => Buffer.from(`${'['.repeat(depth)}${']'.repeat(depth)}`), 'application/json'],
    ['deep-object', () => Buffer.from(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`), 'application/json'],
    [
      'proto',
      () => Buffer.from('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}'),
      'application/json',
    ],
    ['near-limit', () => Buffer.alloc(LIMIT - 16, 'a'), 'application/x-www-form-urlencoded'],
    ['past-limit', () => Buffer.alloc(LIMIT + 1 + Math.floor(next() * LIMIT), '{'), 'application/json'],
    [
      'binary',
      () =>
        Buffer.from(Array.from({ length: 256 + Math.floor(next() * 4096) }, () => Math.floor(next() * 256))),
      pick(['application/octet-stream', 'application/json', 'text/plain']),
    ],
    [
      'broken-json',
      () => Buffer.from('{"text": "Hi", "to": [1, 2'),
      pick(['application/json', 'application/json; charset=latin1', 'application/x-www-form-urlencoded']),
    ],
    [
      'bad-type',
      () => Buffer.from('text=Hi&to=447700900123'),
      pick(['', 'x/y', 'application/json; boundary=', 'multipart/form-data', '*/*']),
    ],
  ];
  // Big bodies are rarer: they cost the most time, and the limits only need to be crossed often enough.
  const [kind, make, type] =
    next() < 0.1 ? pick(bodies.slice(3, 5)) : pick([...bodies.slice(0, 3), ...bodies.slice(5)]);
  const body = make();
  const junk = Array.from(
    { length: Math.floor(next() * 40) },
    (_, index) => `x-junk-${index}: ${'z'.repeat(Math.floor(next() * 200))}\r\n`,
  ).join('');
  const head = `POST ${path}?__proto__[polluted]=1 HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: ${type}\r\ncontent-length: ${body.length}\r\nconnection: close\r\n${junk}\r\n`;
  const delivery = body.length > 64 * 1024 ? 'whole' : pick(['whole', 'whole', 'slow', 'abort'] as const);
  return { kind, head, body, delivery };
}

/** Runs `rounds` requests, `concurrency` at a time; `normal` every fourth, a hostile one otherwise. */
async function soak(
  rounds: number,
  normal: () => Promise<void>,
  attack: () => Promise<{ kind: string; status: number | undefined }>,
): Promise<Map<string, number>> {
  const statuses = new Map<string, number>();
  let round = 0;
  const worker = async () => {
    while (round < rounds) {
      const mine = round++;
      if (mine % 4 === 0) {
        await normal();
      } else {
        const { kind, status } = await attack();
        const key = `${kind} ${status ?? 'no answer'}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        expect(status === undefined || status < 500, `${key} (seed ${SEED})`).toBe(true);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return statuses;
}

function memory(gc: () => void): { heap: number; rss: number } {
  gc();
  const { heapUsed, rss } = process.memoryUsage();
  return { heap: heapUsed, rss };
}

describe(`soak: hostile requests interleaved with normal ones (issue 11, seed ${SEED})`, () => {
  const gc = collector();
  let listener: Listener;
  let server: FakeVonageServer;
  let webhooks = 0;
  const problems: string[] = [];

  beforeAll(async () => {
    listener = await createListener({
      port: 0,
      host: '127.0.0.1',
      onWebhook: () => {
        webhooks++;
      },
      onError: (problem) => {
        if (problems.length < 5) problems.push(problem.message);
      },
    });
    server = await createFakeVonageServer({
      port: 0,
      timeScale: 0,
      apiKey: 'a1b2c3d4',
      apiSecret: 'Secret123',
      balance: 1_000_000,
      recordLimit: 100,
    });
  });

  afterAll(async () => {
    await listener?.close();
    await server?.close();
  });

  it('keeps answering listen and serve correctly, with bounded memory growth (issue 11)', async () => {
    const next = random(SEED);
    const started = Date.now();
    const listenPort = listener.port;
    const servePort = Number(new URL(server.url).port);
    let normals = 0;
    const listenNormal = async () => {
      const response = await fetch(`${listener.url}/webhooks/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ msisdn: '447700900001', to: '447700900000', text: `soak ${normals++}` }),
      });
      await response.arrayBuffer();
      expect(response.status, `a normal webhook to listen (seed ${SEED})`).toBe(200);
    };
    const serveNormal = async () => {
      const response = await fetch(`${server.url}/sms/json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          api_key: 'a1b2c3d4',
          api_secret: 'Secret123',
          from: 'Acme',
          to: '447700900123',
          text: 'Hi',
        }),
      });
      expect(response.status, `a normal SMS to serve (seed ${SEED})`).toBe(200);
      expect(await response.json()).toMatchObject({ 'message-count': '1', messages: [{ status: '0' }] });
    };
    const attack = (port: number, path: string) => async () => {
      const request = hostile(next, path);
      return { kind: request.kind, status: await sendRaw(port, request) };
    };

    // A warm-up first, so that what is measured is growth, not the first allocations of each path.
    await soak(100, listenNormal, attack(listenPort, '/webhooks/inbound'));
    await soak(100, serveNormal, attack(servePort, '/sms/json'));
    const before = memory(gc);
    const listenStatuses = await soak(ROUNDS, listenNormal, attack(listenPort, '/webhooks/inbound'));
    const serveStatuses = await soak(ROUNDS, serveNormal, attack(servePort, '/sms/json'));
    const after = memory(gc);

    const growth = { heap: after.heap - before.heap, rss: after.rss - before.rss };
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `soak seed ${SEED}: ${2 * ROUNDS} requests in ${seconds.toFixed(1)} s; heap ${(growth.heap / 1e6).toFixed(1)} MB, rss ${(growth.rss / 1e6).toFixed(1)} MB growth`,
      Object.fromEntries([...listenStatuses].sort()),
      Object.fromEntries([...serveStatuses].sort()),
    );
    // Every normal webhook reached onWebhook (hostile ones under the limit may too).
    expect(webhooks).toBeGreaterThanOrEqual(normals);
    // The limits were crossed, and answered 413.
    expect([...listenStatuses.keys()].some((key) => key.startsWith('past-limit 413'))).toBe(true);
    expect([...serveStatuses.keys()].some((key) => key.startsWith('past-limit 413'))).toBe(true);
    expect(growth.heap).toBeLessThan(MAX_GROWTH_BYTES);
    expect(growth.rss).toBeLessThan(MAX_GROWTH_BYTES * 2);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Both still answer after the soak.
    await listenNormal();
    await serveNormal();
  }, 60_000);
});
