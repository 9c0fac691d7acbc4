import { describe, expect, it } from 'vitest';
import { prepare, retarget, toDispatchUrl, toInput } from './outgoing-request.js';

describe('retarget', () => {
  it('keeps the payload query of a GET webhook on the target URL', () => {
    expect(retarget('https://example.com/answer?to=447700900000&from=1', 'http://127.0.0.1:3000/hook')).toBe(
      'http://127.0.0.1:3000/hook?to=447700900000&from=1',
    );
  });

  it('puts the target own query first', () => {
    expect(retarget('https://example.com/a?x=1', 'http://127.0.0.1:3000/hook?token=t')).toBe(
      'http://127.0.0.1:3000/hook?token=t&x=1',
    );
  });

  it('takes the target as it is when the request has no query', () => {
    expect(retarget('https://example.com/status', new URL('http://127.0.0.1:3000/s'))).toBe(
      'http://127.0.0.1:3000/s',
    );
  });

  it('rejects a target that is not http(s)', () => {
    expect(() => retarget('https://example.com/a', 'ws://127.0.0.1/x')).toThrow(/http/);
  });
});

describe('toDispatchUrl', () => {
  it('splits a URL into origin and path with the query', () => {
    expect(toDispatchUrl('http://127.0.0.1:3000/a/b?c=1')).toEqual({
      href: 'http://127.0.0.1:3000/a/b?c=1',
      origin: 'http://127.0.0.1:3000',
      path: '/a/b?c=1',
    });
  });
});

describe('prepare', () => {
  it('flattens the headers for undici', () => {
    const prepared = prepare({
      method: 'POST',
      url: 'http://x.test/',
      headers: [
        ['a', '1'],
        ['b', '2'],
      ],
      body: '',
    });
    expect(prepared.flatHeaders).toEqual(['a', '1', 'b', '2']);
  });

  it('rejects something that is not a request', () => {
    expect(() => prepare({ url: 'http://x.test/' } as never)).toThrow(/toRequestParts/);
  });
});

describe('toInput', () => {
  it('reads a fetch Request once into parts', async () => {
    const prepared = await toInput(new Request('http://x.test/a', { method: 'POST', body: 'hi' }));
    expect(prepared).toMatchObject({ method: 'POST', url: 'http://x.test/a', body: 'hi' });
  });

  it('gives a GET Request a null body', async () => {
    expect((await toInput(new Request('http://x.test/a?b=1'))).body).toBeNull();
  });
});
