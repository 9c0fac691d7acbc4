import { describe, expect, it } from 'vitest';
import { generate } from '../../fixtures/generate.js';
import { verifyWebhookJwt } from '../../signing/jwt.js';
import { createSender } from '../create-sender.js';
import type { FetchHandler } from '../handler-attempt.js';
import type { DeliverInput } from '../outgoing-request.js';
import type { SendItem } from '../sender-types.js';
import { toRequestParts } from '../to-request.js';
import { toReadAhead } from './read-ahead.js';

const request = (i: number): DeliverInput => ({
  method: 'POST',
  url: `http://app.test/x?i=${i}`,
  headers: [],
  body: `{"i":${i}}`,
});

/** Thunks that log when they run, and the log of when the handler saw each request. */
function traced(count: number, fail: (i: number) => boolean = () => false) {
  const log: string[] = [];
  const items: SendItem[] = Array.from({ length: count }, (_, i) => () => {
    log.push(`build ${i}`);
    if (fail(i)) throw new Error(`item ${i} failed`);
    return request(i);
  });
  const handler: FetchHandler = (incoming) => {
    log.push(`send ${new URL(incoming.url).searchParams.get('i')}`);
    return new Response(null);
  };
  return { log, items, handler };
}

describe('sendMany builds the thunks of a sync input in batches (issue 14)', () => {
  it('reads ahead four times the concurrency, up to 128, and never for async input or a rate', () => {
    expect(toReadAhead(1, false, false)).toBe(4);
    expect(toReadAhead(32, false, false)).toBe(128);
    expect(toReadAhead(64, false, false)).toBe(128);
    expect(toReadAhead(32, true, false)).toBe(0);
    expect(toReadAhead(32, false, true)).toBe(0);
  });

  it('builds a batch before sending it, and still yields one result per item, each under its index', async () => {
    const { log, items, handler } = traced(20);
    const results = [];
    for await (const result of createSender().sendMany(items, { concurrency: 2, target: handler })) {
      results.push(result);
    }
    // Concurrency 2 reads 8 ahead: items 0-7 are built before item 0 is sent.
    expect(log.slice(0, 9)).toEqual([...Array.from({ length: 8 }, (_, i) => `build ${i}`), 'send 0']);
    expect(results.map((r) => r.index).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i),
    );
    for (const result of results) expect(result.request.url).toBe(`http://app.test/x?i=${result.index}`);
    expect(results.every((r) => r.outcome === 'accepted')).toBe(true);
  });

  it('counts a thunk that throws while read ahead as not sent, at its own index', async () => {
    const { items, handler } = traced(12, (i) => i === 5);
    const summary = createSender().sendMany(items, { concurrency: 1, target: handler });
    const results = [];
    for await (const result of summary) results.push(result);
    expect(results.map((r) => [r.index, r.outcome])).toEqual(
      Array.from({ length: 12 }, (_, i) => [i, i === 5 ? 'not_sent' : 'accepted']),
    );
    expect(results[5]?.error?.message).toMatch(/Item 5 could not be built: item 5 failed/);
  });

  it('sends the items before an input that throws, then rethrows its error', async () => {
    const sent: number[] = [];
    function* failing(): Generator<SendItem> {
      for (let i = 0; i < 3; i += 1) yield () => request(i);
      throw new Error('input broke');
    }
    const handler: FetchHandler = (incoming) => {
      sent.push(Number(new URL(incoming.url).searchParams.get('i')));
      return new Response(null);
    };
    await expect(
      createSender().sendMany(failing(), { concurrency: 1, target: handler }).summary(),
    ).rejects.toThrow('input broke');
    expect(sent).toEqual([0, 1, 2]);
  });

  it('builds each item at its turn from an async input and under a rate', async () => {
    const { log, items, handler } = traced(4);
    async function* source() {
      yield* items;
    }
    await createSender().sendMany(source(), { concurrency: 1, target: handler }).summary();
    expect(log).toEqual(['build 0', 'send 0', 'build 1', 'send 1', 'build 2', 'send 2', 'build 3', 'send 3']);
    const paced = traced(3);
    await createSender({ sleep: () => Promise.resolve() })
      .sendMany(paced.items, { concurrency: 1, ratePerSecond: 1000, target: paced.handler })
      .summary();
    expect(paced.log).toEqual(['build 0', 'send 0', 'build 1', 'send 1', 'build 2', 'send 2']);
  });

  it('waits for a thunk that returns a promise, built ahead, and mixes thunks with plain items', async () => {
    const items: SendItem[] = [
      () => Promise.resolve(request(0)),
      request(1),
      () => request(2),
      () => new Promise((_, reject) => setTimeout(() => reject(new Error('late failure')), 1)),
      () => Promise.reject(new Error('early failure')),
    ];
    // Concurrency 1 reads 4 ahead: the rejections wait in the batch behind a slow first delivery.
    const slow: FetchHandler = () =>
      new Promise((resolve) => setTimeout(() => resolve(new Response(null)), 5));
    const run = createSender().sendMany(items, { concurrency: 1, target: slow });
    const results = [];
    for await (const result of run) results.push(result);
    expect(results.map((r) => [r.index, r.outcome])).toEqual([
      [0, 'accepted'],
      [1, 'accepted'],
      [2, 'accepted'],
      [3, 'not_sent'],
      [4, 'not_sent'],
    ]);
    expect(results.slice(0, 3).map((r) => r.request.url)).toEqual(
      [0, 1, 2].map((i) => `http://app.test/x?i=${i}`),
    );
    expect(results[4]?.error?.message).toMatch(/early failure/);
  });

  it('sends signed requests built ahead that verify over the exact bytes', async () => {
    const bodies: [string, string | null][] = [];
    const handler: FetchHandler = async (incoming) => {
      bodies.push([await incoming.text(), incoming.headers.get('authorization')]);
      return new Response(null);
    };
    const items = Array.from(
      { length: 10 },
      (_, i) => () =>
        toRequestParts(
          { name: 'messages.status.read', payload: generate('messages.status.read', { seed: i }) },
          { url: 'http://app.test/status', signatureSecret: 'secret', apiKey: 'a1b2c3d4' },
        ),
    );
    const summary = await createSender().sendMany(items, { concurrency: 3, target: handler }).summary();
    expect(summary.accepted).toBe(10);
    for (const [body, authorization] of bodies) {
      expect(verifyWebhookJwt(authorization, { secret: 'secret', body }).valid).toBe(true);
    }
  });
});

describe('sendMany stopped by its signal (issue 14)', () => {
  it('starts no delivery after the abort, not even of items already read ahead', async () => {
    const { log, items, handler } = traced(20);
    const stop = new AbortController();
    const stopping: FetchHandler = (incoming) => {
      // The third request stops the run while it is in flight, as Ctrl-C does in vws send.
      if (new URL(incoming.url).searchParams.get('i') === '2') stop.abort();
      return handler(incoming);
    };
    const run = createSender().sendMany(items, { concurrency: 1, target: stopping, signal: stop.signal });
    const results = [];
    for await (const result of run) results.push(result);
    expect(results.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(log.filter((line) => line.startsWith('send'))).toEqual(['send 0', 'send 1', 'send 2']);
    // Items 0-3 were read ahead; 3 was built but never sent.
    expect(log).toContain('build 3');
    expect((await run.summary()).total).toBe(3);
  });

  it('sends nothing when aborted before it starts', async () => {
    const { log, items, handler } = traced(5);
    const summary = await createSender()
      .sendMany(items, { target: handler, signal: AbortSignal.abort() })
      .summary();
    expect(summary.total).toBe(0);
    expect(log.filter((line) => line.startsWith('send'))).toEqual([]);
  });
});
