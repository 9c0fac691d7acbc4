// deepMerge refuses prototype keys and overly deep overrides for every entry point (issue 11).
import { describe, expect, it } from 'vitest';
import { isVwsError } from '../errors.js';
import { generate } from '../fixtures/generate.js';
import { deepMerge } from './deep-merge.js';
import { MAX_OVERRIDE_DEPTH, unsafeKeys } from './unsafe-keys.js';

const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

function expectPrototypeUntouched(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('deepMerge with hostile overrides (issue 11)', () => {
  it('lists __proto__, constructor, prototype and every Object.prototype member as unsafe', () => {
    for (const key of [
      '__proto__',
      'constructor',
      'prototype',
      'hasOwnProperty',
      'toString',
      '__defineGetter__',
    ]) {
      expect(unsafeKeys.has(key)).toBe(true);
    }
    expect(unsafeKeys.has('status')).toBe(false);
  });

  it.each([
    '{"__proto__": {"polluted": 1}}',
    '{"a": {"__proto__": {"polluted": 1}}}',
    '{"constructor": {"prototype": {"polluted": 1}}}',
    '{"list": [{"toString": 1}]}',
  ])('refuses %s with a VwsError-coded one-line error naming the key', (json) => {
    const overrides = JSON.parse(json) as unknown;
    const error = thrown(() => deepMerge({ a: { b: 1 } }, overrides));
    expect(isVwsError(error)).toBe(true);
    expect((error as { code: string }).code).toBe('VWS_ERR_INVALID_OVERRIDE');
    expect((error as Error).message).toMatch(/key "(__proto__|constructor|toString)"/);
    expect((error as Error).message).not.toContain('\n');
    expectPrototypeUntouched();
  });

  it('refuses overrides nested deeper than the limit, at any depth, without a stack overflow', () => {
    let deep: unknown = 1;
    for (let level = 0; level < 100_000; level++) deep = { a: deep };
    const error = thrown(() => deepMerge({}, deep));
    expect(isVwsError(error)).toBe(true);
    expect((error as Error).message).toContain(`deeper than ${MAX_OVERRIDE_DEPTH} levels`);
  });

  it('keeps merging ordinary overrides as before', () => {
    expect(deepMerge({ a: { b: 1, c: 2 }, d: [1] }, { a: { c: 3 }, d: [2] })).toEqual({
      a: { b: 1, c: 3 },
      d: [2],
    });
  });

  it('protects generate(..., { overrides }) in the library too', () => {
    const overrides = JSON.parse('{"__proto__": {"polluted": 1}}') as never;
    const error = thrown(() => generate('sms.inbound', { overrides }));
    expect(isVwsError(error)).toBe(true);
    expectPrototypeUntouched();
  });
});
