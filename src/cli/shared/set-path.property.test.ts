// Property tests over --set and --ref-date (issue 11): any input gives a value or a one-line usage
// error (exit 2), never another exception, and never changes Object.prototype.
import { InvalidArgumentError } from 'commander';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../../test/support/cli-io.js';
import { prototypeUntouched } from '../../../test/support/prototype-guard.js';
import { isVwsError } from '../../errors.js';
import { generate } from '../../fixtures/generate.js';
import { unsafeKeys } from '../../internal/unsafe-keys.js';
import { parseRefDate } from './option-parsers.js';
import { applyAssignments, parseAssignment } from './set-path.js';

const segment = fc.oneof(
  fc.constantFrom(...unsafeKeys, 'status', 'usage', 'a', '0', '1', 'msisdn'),
  fc.string({ minLength: 0, maxLength: 8 }),
);
const path = fc.array(segment, { minLength: 1, maxLength: 80 }).map((segments) => segments.join('.'));
const value = fc.oneof(
  fc.constantFrom('1', 'x', 'true', '{"__proto__":{"polluted":1}}', '[[[[1]]]]', '{"constructor":1}'),
  fc.string({ maxLength: 12 }),
);
const assignment = fc.tuple(path, fc.constantFrom('=', ':='), value).map(([p, op, v]) => `${p}${op}${v}`);

describe('--set property tests (issue 11)', () => {
  const payload = generate('messages.status.delivered', { seed: 1 });

  it('parses and applies any assignment to a value or an override error, never polluting', () => {
    fc.assert(
      fc.property(assignment, (source) => {
        try {
          applyAssignments(payload, [parseAssignment(source)]);
        } catch (error) {
          expect(isVwsError(error) && error.code === 'VWS_ERR_INVALID_OVERRIDE').toBe(true);
          expect((error as Error).message).not.toContain('\n');
        }
        expect(prototypeUntouched()).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never lets a path with a prototype key through', () => {
    const dangerous = fc
      .tuple(fc.array(fc.constantFrom('a', 'usage', '0'), { maxLength: 5 }), fc.constantFrom(...unsafeKeys))
      .map(([head, key]) => [...head, key, 'polluted'].join('.'));
    fc.assert(
      fc.property(dangerous, (source) => {
        expect(() => parseAssignment(`${source}=1`)).toThrow(/built-in property/);
        expect(prototypeUntouched()).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('gives exit 0 or exit 2 with one line through the CLI, never an internal error', async () => {
    await fc.assert(
      fc.asyncProperty(assignment, async (source) => {
        const { code, stderr } = await runInProcess(['show', 'sms.inbound', '--seed', '1', '--set', source]);
        expect([0, 2]).toContain(code);
        expect(stderr).not.toContain('internal error');
        if (code === 2) expect(stderr.trimEnd().split('\n')).toHaveLength(1);
        expect(prototypeUntouched()).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe('--ref-date property tests (issue 11)', () => {
  const date = fc.date({
    min: new Date('0001-01-01T00:00:00Z'),
    max: new Date('9999-12-31T23:59:59Z'),
    noInvalidDate: true,
  });

  it('reads every ISO-8601 instant back to the same time', () => {
    fc.assert(
      fc.property(date, (instant) => {
        expect(parseRefDate(instant.toISOString())).toBe(instant.getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a day past the end of its month', () => {
    const overflow = fc
      .record({
        year: fc.integer({ min: 1, max: 9999 }),
        month: fc.integer({ min: 1, max: 12 }),
        extra: fc.integer({ min: 1, max: 3 }),
      })
      .map(({ year, month, extra }) => {
        const last = new Date(Date.UTC(2000, month, 0)).getUTCDate(); // 2000 is a leap year: 29 for February
        const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
        const days = month === 2 && !leap ? 28 : last;
        const day = days + extra;
        return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T00:00:00Z`;
      });
    fc.assert(
      fc.property(overflow, (text) => {
        expect(() => parseRefDate(text)).toThrow(InvalidArgumentError);
      }),
      { numRuns: 300 },
    );
  });

  it('gives a finite time or a usage error for any string, never another exception', () => {
    // Random strings, and valid instants with one digit changed (day 31 of April, hour 29, ...).
    const mutated = fc.tuple(date, fc.nat(), fc.integer({ min: 0, max: 9 })).map(([d, at, digit]) => {
      const iso = d.toISOString();
      const index = at % iso.length;
      return /\d/.test(iso.charAt(index)) ? `${iso.slice(0, index)}${digit}${iso.slice(index + 1)}` : iso;
    });
    const text = fc.oneof(fc.string({ maxLength: 30 }), mutated);
    fc.assert(
      fc.property(text, (input) => {
        try {
          expect(Number.isFinite(parseRefDate(input))).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidArgumentError);
          expect((error as Error).message).not.toContain('\n');
        }
        expect(prototypeUntouched()).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('gives exit 0 or exit 2 with one line through the CLI', async () => {
    const text = fc.oneof(
      fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !s.startsWith('-')),
      date.map((d) => d.toISOString()),
    );
    await fc.assert(
      fc.asyncProperty(text, async (input) => {
        const { code, stderr } = await runInProcess([
          'show',
          'sms.inbound',
          '--seed',
          '1',
          '--ref-date',
          input,
        ]);
        expect([0, 2]).toContain(code);
        if (code === 2) expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      }),
      { numRuns: 100 },
    );
  });
});
