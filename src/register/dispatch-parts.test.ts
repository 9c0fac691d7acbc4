import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readDispatchBody, toHeaderPairs } from './dispatch-parts.js';

describe('toHeaderPairs', () => {
  const expected = [
    ['content-type', 'application/json'],
    ['x-a', '1'],
    ['x-a', '2'],
  ];

  it('reads flat arrays, pair iterables and objects with repeated values alike', () => {
    expect(toHeaderPairs(['content-type', 'application/json', 'x-a', '1', 'x-a', '2'])).toEqual(expected);
    expect(
      toHeaderPairs([Buffer.from('content-type'), Buffer.from('application/json'), 'x-a', '1', 'x-a', '2']),
    ).toEqual(expected);
    expect(toHeaderPairs(expected)).toEqual(expected);
    expect(toHeaderPairs(new Map([['content-type', 'application/json']]))).toEqual([expected[0]]);
    expect(
      toHeaderPairs({ 'content-type': 'application/json', 'x-a': ['1', '2'], 'x-b': undefined }),
    ).toEqual(expected);
  });

  it('returns nothing for absent headers', () => {
    expect(toHeaderPairs(undefined)).toEqual([]);
    expect(toHeaderPairs(null)).toEqual([]);
  });
});

describe('readDispatchBody', () => {
  it('reads strings, bytes, blobs, streams and async generators whole', async () => {
    async function* generate() {
      yield new TextEncoder().encode('a=');
      yield '1';
    }
    for (const body of [
      'a=1',
      Buffer.from('a=1'),
      new TextEncoder().encode('a=1'),
      new Blob(['a=1']),
      Readable.from([Buffer.from('a='), Buffer.from('1')]),
      generate(),
    ]) {
      expect((await readDispatchBody(body))?.toString()).toBe('a=1');
    }
  });

  it('returns null for no body or an empty one', async () => {
    expect(await readDispatchBody(undefined)).toBeNull();
    expect(await readDispatchBody('')).toBeNull();
  });

  it('rejects a body it cannot read', async () => {
    await expect(readDispatchBody(42)).rejects.toThrow(/cannot read a request body of type number/);
  });
});
