import { describe, expect, it } from 'vitest';
import { createIdSource, createUuidStream } from './id-source.js';

describe('createIdSource', () => {
  it('draws the same ids in the same order for the same seed, and other ids for another', () => {
    const draw = (seed: number) => {
      const ids = createIdSource(seed);
      return [ids.uuid(), ids.smsMessageId(), ids.conversationUuid(), ids.traceId(), ids.lifecycleSeed()];
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(8)).not.toEqual(draw(7));
  });

  it('writes ids in Vonage forms', () => {
    const ids = createIdSource(1);
    expect(ids.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids.smsMessageId()).toMatch(/^[0-9A-F]{16}$/);
    expect(ids.conversationUuid()).toMatch(/^CON-[0-9a-f-]{36}$/);
    expect(ids.traceId()).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('createUuidStream', () => {
  it('yields distinct version 4 UUIDs, repeatable per seed and tag', () => {
    const first = createUuidStream(3, 1);
    const values = [first(), first(), first()];
    expect(new Set(values).size).toBe(3);
    for (const value of values)
      expect(value).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const again = createUuidStream(3, 1);
    expect([again(), again(), again()]).toEqual(values);
    expect(createUuidStream(3, 2)()).not.toBe(values[0]);
  });
});
