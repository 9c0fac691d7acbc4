import { describe, expect, it } from 'vitest';
import { dispatchToHandler } from './dispatch-to-handler.js';

const origin = new URL('https://api.nexmo.com');
const routing = { 'x-vws-original-host': 'api.nexmo.com', 'x-vws-original-scheme': 'https' };
const options = {
  origin: origin.origin,
  path: '/v1/calls?x=1',
  method: 'POST',
  headers: ['content-type', 'application/json', 'host', 'api.nexmo.com'],
  body: '{"a":1}',
};

function events(): { log: string[]; done: Promise<void>; finish: () => void } {
  let finish = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return { log: [], done, finish };
}

describe('dispatchToHandler', () => {
  it('plays the response through undici 6 callbacks, pausing until resumed', async () => {
    const { log, done, finish } = events();
    let seen: Request | undefined;
    let resume: (() => void) | undefined;
    dispatchToHandler(
      (request) => {
        seen = request;
        return new Response('abcdef', { status: 202, statusText: 'Accepted', headers: { 'x-one': '1' } });
      },
      origin,
      options,
      routing,
      {
        onConnect: () => log.push('connect'),
        onHeaders: (status, raw, resumeIt, statusText) => {
          log.push(`headers ${status} ${statusText} ${raw.map(String).join(',')}`);
          resume = resumeIt;
          return false;
        },
        onData: (chunk) => {
          log.push(`data ${chunk}`);
          return true;
        },
        onComplete: () => {
          log.push('complete');
          finish();
        },
        onError: (error) => log.push(`error ${error.message}`),
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log).toEqual(['connect', 'headers 202 Accepted content-type,text/plain;charset=UTF-8,x-one,1']);
    resume?.();
    await done;
    expect(log.slice(2)).toEqual(['data abcdef', 'complete']);
    expect(seen?.url).toBe('https://api.nexmo.com/v1/calls?x=1');
    expect(seen?.headers.get('host')).toBeNull();
    expect(seen?.headers.get('x-vws-original-host')).toBe('api.nexmo.com');
    expect(await seen?.text()).toBe('{"a":1}');
  });

  it('plays the response through undici 7 callbacks with set-cookie as an array', async () => {
    const { log, done, finish } = events();
    const headers = new Headers([
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
    ]);
    dispatchToHandler(() => new Response('ok', { headers }), origin, options, routing, {
      onRequestStart: () => log.push('start'),
      onResponseStart: (_controller, status, responseHeaders) =>
        log.push(`response ${status} ${JSON.stringify(responseHeaders['set-cookie'])}`),
      onResponseData: (_controller, chunk) => log.push(`data ${chunk}`),
      onResponseEnd: () => {
        log.push('end');
        finish();
      },
      onResponseError: (_controller, error) => log.push(`error ${error.message}`),
    });
    await done;
    expect(log).toEqual(['start', 'response 200 ["a=1","b=2"]', 'data ok', 'end']);
  });

  it('reports an abort from the caller as an error and never completes', async () => {
    const { log, done, finish } = events();
    dispatchToHandler(() => new Response('never read'), origin, options, routing, {
      onConnect: (abort) => abort(new Error('caller gave up')),
      onHeaders: () => log.push('headers') > 0,
      onComplete: () => log.push('complete'),
      onError: (error) => {
        log.push(`error ${error.message}`);
        finish();
      },
    });
    await done;
    expect(log).toEqual(['error caller gave up']);
  });

  it('reports Response.error() and a websocket upgrade as errors', async () => {
    for (const [handler, dispatch, pattern] of [
      [() => Response.error(), options, /returned Response\.error\(\)/],
      [() => new Response(), { ...options, upgrade: 'websocket' }, /cannot take a "websocket" upgrade/],
    ] as const) {
      const { done, finish } = events();
      let failure: Error | undefined;
      dispatchToHandler(handler, origin, dispatch, routing, {
        onError: (error) => {
          failure = error;
          finish();
        },
      });
      await done;
      expect(failure?.message).toMatch(pattern);
    }
  });
});
