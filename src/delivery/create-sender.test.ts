import { describe, expect, it, vi } from 'vitest';
import { generate } from '../fixtures/generate.js';
import { parseNccoResponse } from '../ncco/index.js';
import { verifyWebhookJwt } from '../signing/jwt.js';
import { createSender } from './create-sender.js';
import type { FetchHandler } from './handler-attempt.js';
import type { SendItem } from './sender-types.js';
import { toRequestParts } from './to-request.js';

const instant = () => Promise.resolve();
const statusRequest = toRequestParts(
  { name: 'messages.status.read', payload: generate('messages.status.read', { seed: 1 }) },
  { url: 'http://app.test/webhooks/status' },
);
const answerRequest = toRequestParts(
  { name: 'voice.answer', payload: generate('voice.answer', { seed: 2 }) },
  { url: 'http://app.test/webhooks/answer', format: 'json' },
);
const ncco = [{ action: 'talk', text: 'Hello' }];
const json = (body: unknown, status = 200) => Response.json(body, { status });

describe('createSender', () => {
  it('accepts statuses 200 to 205 from a handler and rejects 206, 4xx and 5xx', async () => {
    const sender = createSender();
    for (const status of [200, 201, 202, 203, 204, 205]) {
      const result = await sender.deliver(statusRequest, () => new Response(null, { status }));
      expect(result, String(status)).toMatchObject({ ok: true, outcome: 'accepted', status, code: null });
    }
    for (const status of [206, 400, 404, 500, 503]) {
      const result = await sender.deliver(statusRequest, () => new Response('nope', { status }));
      expect(result, String(status)).toMatchObject({
        ok: false,
        outcome: 'rejected',
        code: 'VWS_ERR_DELIVERY_STATUS',
      });
      expect(result.response?.bodyExcerpt).toBe('nope');
    }
  });

  it('reports a redirect from a handler without following it', async () => {
    const sender = createSender();
    const handler = vi.fn<FetchHandler>(() => Response.redirect('http://app.test/elsewhere', 301));
    const result = await sender.deliver(statusRequest, handler);
    expect(result).toMatchObject({ outcome: 'redirected', code: 'VWS_ERR_DELIVERY_REDIRECT', status: 301 });
    expect(result.error?.message).toContain('Location: http://app.test/elsewhere');
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('accepts another status range when configured', async () => {
    const sender = createSender({ successStatus: { min: 200, max: 299 } });
    expect((await sender.deliver(statusRequest, () => new Response(null, { status: 206 }))).ok).toBe(true);
  });

  it('hands the handler the exact method, URL, headers and body', async () => {
    const sender = createSender();
    let seen: { method: string; url: string; type: string | null; body: string } | undefined;
    await sender.deliver(statusRequest, async (request) => {
      seen = {
        method: request.method,
        url: request.url,
        type: request.headers.get('content-type'),
        body: await request.text(),
      };
      return new Response(null, { status: 204 });
    });
    expect(seen).toEqual({
      method: 'POST',
      url: statusRequest.url,
      type: 'application/json',
      body: statusRequest.body,
    });
  });

  it('reports a handler that throws with VWS_ERR_DELIVERY_HANDLER and the cause', async () => {
    const sender = createSender();
    const boom = new Error('database down');
    const result = await sender.deliver(statusRequest, () => {
      throw boom;
    });
    expect(result).toMatchObject({ outcome: 'handler_error', code: 'VWS_ERR_DELIVERY_HANDLER' });
    expect(result.error?.cause).toBe(boom);
    expect(result.error?.message).toContain('database down');
  });

  it('reports a handler that returns something other than a Response', async () => {
    const sender = createSender();
    const result = await sender.deliver(statusRequest, (() => 'ok') as unknown as FetchHandler);
    expect(result.code).toBe('VWS_ERR_DELIVERY_HANDLER');
  });

  it('times out a slow handler with the configured response timeout and aborts its signal', async () => {
    const sender = createSender();
    let aborted = false;
    const result = await sender.deliver(
      statusRequest,
      (request) =>
        new Promise<Response>((resolve) => {
          request.signal.addEventListener('abort', () => {
            aborted = true;
            resolve(new Response(null));
          });
        }),
      { timeout: { responseMs: 20 } },
    );
    expect(result).toMatchObject({ outcome: 'timed_out', code: 'VWS_ERR_DELIVERY_TIMEOUT' });
    expect(result.error?.message).toContain('20 ms');
    expect(aborted).toBe(true);
  });

  it('parses a valid NCCO from the answer URL', async () => {
    const sender = createSender();
    const result = await sender.deliver(answerRequest, () => json(ncco), { event: 'voice.answer' });
    expect(result).toMatchObject({ ok: true, ncco });
  });

  it('reports an invalid NCCO with the path and reason of the NCCO reader', async () => {
    const sender = createSender();
    const bad = [{ action: 'talk' }, { action: 'record', eventUrl: 'https://example.com/r' }];
    const result = await sender.deliver(answerRequest, () => json(bad), { event: 'voice.answer' });
    const expected = parseNccoResponse(
      { status: 200, contentType: 'application/json', body: JSON.stringify(bad) },
      { contract: 'ncco' },
    );
    expect(expected.valid).toBe(false);
    expect(result).toMatchObject({ outcome: 'ncco_invalid', code: 'VWS_ERR_DELIVERY_NCCO_INVALID' });
    expect(result.nccoIssues).toEqual(expected.issues);
    const [first] = expected.issues;
    expect(result.error?.message).toContain(`${first?.path}: ${first?.reason}`);
  });

  it('rejects an empty answer but accepts an empty body where the NCCO is optional', async () => {
    const sender = createSender();
    const empty = () => new Response(null, { status: 204 });
    expect((await sender.deliver(answerRequest, empty, { event: 'voice.answer' })).code).toBe(
      'VWS_ERR_DELIVERY_NCCO_INVALID',
    );
    const input = toRequestParts(
      { name: 'voice.event.input.dtmf', payload: generate('voice.event.input.dtmf') },
      { url: 'http://app.test/webhooks/event' },
    );
    expect((await sender.deliver(input, empty, { event: 'voice.event.input.dtmf' })).ok).toBe(true);
  });

  it('does not read the body as an NCCO for events whose answer Vonage ignores', async () => {
    const sender = createSender();
    const result = await sender.deliver(statusRequest, () => new Response('not json'), {
      event: 'messages.status.read',
    });
    expect(result).toMatchObject({ ok: true, ncco: null });
  });

  it('makes one attempt by default, even for a retryable failure', async () => {
    const sender = createSender({ sleep: instant });
    const handler = vi.fn<FetchHandler>(() => new Response(null, { status: 503 }));
    const result = await sender.deliver(statusRequest, handler, { event: 'messages.status.read' });
    expect(result.attempts).toHaveLength(1);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('runs the whole 24-hour Messages schedule with an instant sleep and records every attempt', async () => {
    const sleep = vi.fn((_ms: number) => Promise.resolve());
    const sender = createSender({ sleep, timeScale: 0.0001 });
    const result = await sender.deliver(statusRequest, () => new Response(null, { status: 500 }), {
      event: 'messages.status.read',
      retries: 'vonage',
    });
    expect(result.attempts).toHaveLength(103);
    expect(result.attempts.map((a) => a.number)).toEqual(Array.from({ length: 103 }, (_, i) => i + 1));
    expect(result.attempts.at(-1)?.scheduledOffsetMs).toBeLessThanOrEqual(24 * 3_600_000);
    expect(sleep.mock.calls.slice(0, 3).map(([ms]) => ms)).toEqual([0.5, 1, 2]);
    expect(result.error?.message).toContain('103 attempts');
  });

  it('resends an SMS receipt every minute for 72 hours', async () => {
    const sender = createSender({ sleep: instant });
    const receipt = toRequestParts(
      { name: 'sms.delivery_receipt', payload: generate('sms.delivery_receipt') },
      { url: 'http://app.test/webhooks/dlr' },
    );
    const result = await sender.deliver(receipt, () => new Response(null, { status: 404 }), {
      event: 'sms.delivery_receipt',
      retries: 'vonage',
    });
    expect(result.attempts).toHaveLength(72 * 60 + 1);
  });

  it('stops retrying at the first success', async () => {
    const sender = createSender({ sleep: instant });
    let calls = 0;
    const result = await sender.deliver(
      statusRequest,
      () => new Response(null, { status: ++calls < 3 ? 429 : 200 }),
      { event: 'messages.status.read', retries: 'vonage' },
    );
    expect(result.ok).toBe(true);
    expect(result.attempts.map((a) => [a.phase, a.status])).toEqual([
      ['first', 429],
      ['retry', 429],
      ['retry', 200],
    ]);
  });

  it('does not retry a Messages webhook answered with a 4xx', async () => {
    const sender = createSender({ sleep: instant });
    const result = await sender.deliver(statusRequest, () => new Response(null, { status: 400 }), {
      event: 'messages.status.read',
      retries: 'vonage',
    });
    expect(result.attempts).toHaveLength(1);
  });

  it('caps attempts at maxAttempts', async () => {
    const sender = createSender({ sleep: instant, maxAttempts: 4 });
    const result = await sender.deliver(statusRequest, () => new Response(null, { status: 500 }), {
      event: 'messages.status.read',
      retries: 'vonage',
    });
    expect(result.attempts).toHaveLength(4);
  });

  it('falls back to the fallback answer URL after two failed answer attempts', async () => {
    const sender = createSender({ sleep: instant });
    const paths: string[] = [];
    let fallbackBody: unknown;
    const handler: FetchHandler = async (request) => {
      const url = new URL(request.url);
      paths.push(url.pathname);
      if (url.pathname === '/webhooks/fallback') {
        fallbackBody = await request.json();
        return json(ncco);
      }
      return new Response(null, { status: 503 });
    };
    const result = await sender.deliver(answerRequest, handler, {
      event: 'voice.answer',
      retries: 'vonage',
      fallbackUrl: 'http://app.test/webhooks/fallback',
    });
    expect(paths).toEqual(['/webhooks/answer', '/webhooks/answer', '/webhooks/fallback']);
    expect(result).toMatchObject({ ok: true, ncco });
    expect(result.attempts.map((a) => a.phase)).toEqual(['first', 'retry', 'fallback']);
    expect(fallbackBody).toEqual({
      ...JSON.parse(answerRequest.body ?? '{}'),
      reason: 'Received HTTP status 503.',
      original_request: { url: 'http://app.test/webhooks/answer', type: 'answer' },
    });
  });

  it('re-signs the fallback request over its new body', async () => {
    const secret = 'signature-secret';
    const signed = toRequestParts(
      { name: 'voice.answer', payload: generate('voice.answer') },
      { url: 'http://app.test/webhooks/answer', format: 'json', signatureSecret: secret, apiKey: 'a1b2c3d4' },
    );
    const sender = createSender({ sleep: instant, signatureSecret: secret, apiKey: 'a1b2c3d4' });
    let verdict: unknown;
    const result = await sender.deliver(
      signed,
      async (request) => {
        if (!request.url.endsWith('/fallback')) return new Response(null, { status: 504 });
        verdict = verifyWebhookJwt(request.headers.get('authorization'), {
          secret,
          body: await request.text(),
        });
        return json(ncco);
      },
      { event: 'voice.answer', retries: 'vonage', fallbackUrl: 'http://app.test/fallback' },
    );
    expect(result.ok).toBe(true);
    expect(verdict).toMatchObject({ valid: true });
  });

  it('refuses a signed request with a fallback URL when it cannot re-sign', async () => {
    const signed = toRequestParts(
      { name: 'voice.answer', payload: generate('voice.answer') },
      { url: 'http://app.test/webhooks/answer', signatureSecret: 's', apiKey: 'k' },
    );
    await expect(
      createSender().deliver(signed, () => json(ncco), {
        event: 'voice.answer',
        retries: 'vonage',
        fallbackUrl: 'http://app.test/fallback',
      }),
    ).rejects.toMatchObject({ code: 'VWS_ERR_INVALID_OPTION' });
  });

  it('rejects wrong usage instead of reporting a failed delivery', async () => {
    const sender = createSender();
    await expect(sender.deliver(statusRequest, 'ftp://app.test/x')).rejects.toMatchObject({
      code: 'VWS_ERR_INVALID_OPTION',
    });
    await expect(
      // @ts-expect-error a literal that names no event fails to compile too (issue 13)
      sender.deliver(statusRequest, undefined, { event: 'messages.stauts' }),
    ).rejects.toMatchObject({
      code: 'VWS_ERR_UNKNOWN_EVENT',
    });
    await expect(
      sender.deliver(statusRequest, undefined, { retries: 'always' as 'vonage' }),
    ).rejects.toMatchObject({ code: 'VWS_ERR_INVALID_OPTION' });
    expect(() => createSender({ successStatus: { min: 300, max: 200 } })).toThrow(/successStatus/);
  });

  it('accepts a fetch Request as input', async () => {
    const sender = createSender();
    const request = new Request('http://app.test/x', { method: 'POST', body: '{"a":1}' });
    let body = '';
    await sender.deliver(request, async (received) => {
      body = await received.text();
      return new Response(null);
    });
    expect(body).toBe('{"a":1}');
  });
});

describe('createSender().sendMany', () => {
  const outcomeFor = (index: number): Response => {
    switch (index % 5) {
      case 0:
        return new Response(null, { status: 200 });
      case 1:
        return new Response(null, { status: 500 });
      case 2:
        return Response.redirect('http://app.test/', 302);
      case 3:
        throw new Error('boom');
      default:
        return new Response(null, { status: 204 });
    }
  };
  const handler: FetchHandler = async (request) => {
    await new Promise((resolve) =>
      setTimeout(resolve, Number(new URL(request.url).searchParams.get('i')) % 3),
    );
    return outcomeFor(Number(new URL(request.url).searchParams.get('i')));
  };
  const items = (count: number): SendItem[] =>
    Array.from({ length: count }, (_, i) =>
      i % 17 === 16
        ? () => {
            throw new Error('generator failed');
          }
        : { method: 'POST', url: `http://app.test/x?i=${i}`, headers: [], body: '{}' },
    );

  it('accounts for every item exactly once under failures and concurrency', async () => {
    const sender = createSender();
    const run = sender.sendMany(items(200), { concurrency: 8, target: handler });
    const indexes: number[] = [];
    for await (const result of run) indexes.push(result.index);
    const summary = await run.summary();
    expect(indexes.sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(summary.total).toBe(200);
    expect(Object.values(summary.outcomes).reduce((a, b) => a + b, 0)).toBe(200);
    expect(summary.outcomes.not_sent).toBe(11);
    expect(summary.outcomes.handler_error).toBeGreaterThan(0);
    expect(summary.outcomes.redirected).toBeGreaterThan(0);
    expect(summary.outcomes.rejected).toBeGreaterThan(0);
    expect(summary.accepted + summary.failed).toBe(200);
    expect(summary.latency.count).toBe(200);
  });

  it('never has more deliveries in flight than the concurrency', async () => {
    const sender = createSender();
    let inFlight = 0;
    let peak = 0;
    const slow: FetchHandler = async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight -= 1;
      return new Response(null);
    };
    const summary = await sender.sendMany(items(60), { concurrency: 4, target: slow }).summary();
    expect(peak).toBe(4);
    expect(summary.total).toBe(60);
  });

  it('takes an async iterable of thunks and builds each item when its turn comes', async () => {
    const sender = createSender();
    async function* source() {
      for (let i = 0; i < 10; i += 1) {
        yield () =>
          toRequestParts(
            { name: 'messages.status.read', payload: generate('messages.status.read', { seed: i }) },
            { url: 'http://app.test/status' },
          );
      }
    }
    const summary = await sender
      .sendMany(source(), { concurrency: 3, event: 'messages.status.read', target: () => new Response(null) })
      .summary();
    expect(summary.outcomes.accepted).toBe(10);
  });

  it('paces starts to ratePerSecond on the injected clock', async () => {
    let clock = 0;
    const waits: number[] = [];
    const sender = createSender({
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    });
    await sender
      .sendMany(items(16).slice(0, 16), {
        ratePerSecond: 50,
        concurrency: 4,
        target: () => new Response(null),
      })
      .summary();
    expect(waits.reduce((a, b) => a + b, 0)).toBeCloseTo(15 * 20, 6);
  });

  it('stops taking items when the consumer stops reading', async () => {
    const sender = createSender();
    let pulled = 0;
    function* endless() {
      for (;;) {
        pulled += 1;
        yield { method: 'POST', url: 'http://app.test/x', headers: [], body: '{}' } as const;
      }
    }
    let seen = 0;
    for await (const _ of sender.sendMany(endless(), { concurrency: 2, target: () => new Response(null) })) {
      seen += 1;
      if (seen === 5) break;
    }
    const pulledAtBreak = pulled;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pulled).toBe(pulledAtBreak);
    expect(pulled).toBeLessThan(20);
  });

  it('counts a Request whose body was already read as not sent', async () => {
    const used = new Request('http://app.test/x', { method: 'POST', body: '{}' });
    await used.text();
    const run = createSender().sendMany([used], { target: () => new Response(null) });
    const results = [];
    for await (const result of run) results.push(result);
    expect(results.map((r) => [r.outcome, r.code])).toEqual([['not_sent', 'VWS_ERR_INVALID_OPTION']]);
    expect((await run.summary()).outcomes.not_sent).toBe(1);
  });

  it('rejects a concurrency below 1', () => {
    expect(() => createSender().sendMany([], { concurrency: 0 })).toThrow(/concurrency/);
  });
});
