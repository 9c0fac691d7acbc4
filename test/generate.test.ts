import { faker as globalFaker } from '@faker-js/faker/locale/en';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventNames, generate, generateParts, isVwsError, listEvents, sms } from 'vonage-webhook-simulator';

describe('generate', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives byte-identical JSON for the same seed and refDate, for every event', () => {
    for (const name of eventNames) {
      const first = JSON.stringify(generate(name, { seed: 99, refDate: '2025-01-01T00:00:00Z' }));
      const second = JSON.stringify(generate(name, { seed: 99, refDate: '2025-01-01T00:00:00Z' }));
      expect(second, name).toBe(first);
    }
  });

  it('gives different payloads for different seeds', () => {
    for (const name of eventNames) {
      const payloads = new Set([1, 2, 3, 4].map((seed) => JSON.stringify(generate(name, { seed }))));
      expect(payloads.size, `${name} ignores the seed`).toBeGreaterThan(1);
    }
  });

  it('never reads the clock: the system time does not change the payload', () => {
    const before = eventNames.map((name) => JSON.stringify(generate(name, { seed: 5 })));
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2031-05-05T05:05:05Z'));
    const after = eventNames.map((name) => JSON.stringify(generate(name, { seed: 5 })));
    expect(after).toEqual(before);
  });

  it('never seeds or draws from the global faker', () => {
    globalFaker.seed(123);
    const expected = [globalFaker.number.int(), globalFaker.number.int()];
    globalFaker.seed(123);
    generate('sms.inbound', { seed: 1 });
    const first = globalFaker.number.int();
    generate('sms.delivery_receipt', { seed: 2 });
    expect([first, globalFaker.number.int()]).toEqual(expected);
  });

  it('draws from a given faker instance, seeding it only when a seed is given', () => {
    const FakerClass = globalFaker.constructor as new (options: {
      locale: typeof globalFaker.rawDefinitions;
    }) => typeof globalFaker;
    const own = new FakerClass({ locale: globalFaker.rawDefinitions });
    own.seed(8);
    const a = generate('sms.inbound', { faker: own });
    own.seed(8);
    const b = generate('sms.inbound', { faker: own });
    expect(b).toEqual(a);
    const c = generate('sms.inbound', { faker: own });
    expect(c).not.toEqual(a);
    expect(generate('sms.inbound', { faker: own, seed: 8 })).toEqual(
      generate('sms.inbound', { faker: own, seed: 8 }),
    );
  });

  it('uses refDate as now for every timestamp', () => {
    const receipt = generate('sms.delivery_receipt', { refDate: '2024-02-29T23:59:58.000Z' });
    expect(receipt['message-timestamp']).toBe('2024-02-29 23:59:58');
    expect(receipt.scts?.startsWith('2402292')).toBe(true);
  });

  it('deep-merges overrides last, replacing arrays and removing keys set to undefined', () => {
    const base = generate('sms.delivery_receipt.failed', { seed: 3 });
    const changed = generate('sms.delivery_receipt.failed', {
      seed: 3,
      overrides: { 'err-code': '4', 'client-ref': 'abc', 'network-code': undefined },
    });
    expect(changed).toEqual({ ...base, 'err-code': '4', 'client-ref': 'abc', 'network-code': undefined });
    expect('network-code' in changed).toBe(false);
  });

  it('rejects a bad seed, refDate or overrides with a VwsError that names the fix', () => {
    const cases: [() => unknown, RegExp][] = [
      [() => generate('sms.inbound', { seed: -1 }), /Invalid seed -1: use a non-negative integer/],
      [() => generate('sms.inbound', { seed: 1.5 }), /Invalid seed 1.5/],
      [() => generate('sms.inbound', { refDate: 'soon' }), /Invalid refDate "soon": use an ISO-8601 date/],
      [() => generate('sms.inbound', { overrides: [] as never }), /Invalid overrides: pass an object/],
    ];
    for (const [call, message] of cases) {
      let caught: unknown;
      try {
        call();
      } catch (error) {
        caught = error;
      }
      expect(isVwsError(caught)).toBe(true);
      expect((caught as Error).message).toMatch(message);
    }
  });

  it('rejects a version the event does not have, listing the ones it has', () => {
    expect(() => generate('sms.inbound', { version: 'v0.1' } as never)).toThrow(
      'Unknown version "v0.1" for event "sms.inbound": this event has one shape only; drop the version.',
    );
  });

  it('generates every version listed in the catalog', () => {
    for (const entry of listEvents()) {
      for (const version of entry.versions) {
        const payload = generate(entry.name as 'sms.inbound', { seed: 1, version } as never);
        expect(payload, `${entry.name}@${version}`).not.toEqual(generate(entry.name, { seed: 1 }));
      }
    }
  });
});

describe('generateParts', () => {
  it('splits a concatenated SMS into parts of at most 153 characters sharing concat-ref', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const parts = generateParts('sms.inbound.concatenated', { seed, parts: 4 });
      expect(parts).toHaveLength(4);
      expect(new Set(parts.map((part) => part['concat-ref'])).size).toBe(1);
      expect(new Set(parts.map((part) => part.messageId)).size).toBe(4);
      expect(new Set(parts.map((part) => part.msisdn)).size).toBe(1);
      parts.forEach((part, index) => {
        expect(part['concat-part']).toBe(String(index + 1));
        expect(part['concat-total']).toBe('4');
        expect(part.text.length).toBeLessThanOrEqual(153);
        expect(part.text.length).toBeGreaterThan(0);
      });
      expect(parts.slice(0, 3).every((part) => part.text.length === 153)).toBe(true);
    }
  });

  it('gives the first part as the single payload of the event', () => {
    const [first] = generateParts('sms.inbound.concatenated', { seed: 9 });
    expect(generate('sms.inbound.concatenated', { seed: 9 })).toEqual(first);
  });

  it('returns one payload for an event with a single webhook', () => {
    expect(generateParts('sms.delivery_receipt', { seed: 2 })).toEqual([
      generate('sms.delivery_receipt', { seed: 2 }),
    ]);
  });

  it('rejects a part count outside 2 to 255', () => {
    expect(() => generateParts('sms.inbound.concatenated', { parts: 1 })).toThrow(
      'use an integer from 2 to 255',
    );
    expect(() => generateParts('sms.inbound.concatenated', { parts: 256 })).toThrow(
      'use an integer from 2 to 255',
    );
  });
});

describe('sms namespace', () => {
  it('mirrors event names and makes family nodes callable for their default variant', () => {
    expect(sms.inbound({ seed: 4 })).toEqual(generate('sms.inbound.text', { seed: 4 }));
    expect(sms.delivery_receipt.expired({ seed: 4 })).toEqual(
      generate('sms.delivery_receipt.expired', { seed: 4 }),
    );
    expect(Object.keys(sms.delivery_receipt)).toContain('unknown');
  });
});
