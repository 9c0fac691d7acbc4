// Property tests over the shared option parsers (issue 11): any string gives a value in range or one
// InvalidArgumentError line (commander's exit 2), never another exception or a value out of range.
import { InvalidArgumentError } from 'commander';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../../test/support/cli-io.js';
import {
  MAX_WHOLE_NUMBER,
  parsePort,
  parsePositiveInteger,
  parseSeed,
  parseTimeScale,
} from './option-parsers.js';

/** Numbers as people (and attackers) type them: digits of any length, signs, exponents, hex, blanks. */
const numberText = fc.oneof(
  fc.string({ maxLength: 24 }),
  fc.stringMatching(/^[+-]?\d{1,40}$/),
  fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom(
    '',
    ' ',
    '0x10',
    '1e3',
    '1e400',
    'Infinity',
    'NaN',
    '-0',
    '00',
    '1.5',
    ' 7 ',
    '\n1',
    '9'.repeat(400),
  ),
);

/** Runs `parse` on `input`: the value, or checks the error is one usage line. */
function outcome<T>(parse: (value: string) => T, input: string): T | undefined {
  try {
    return parse(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).not.toContain('\n');
    return undefined;
  }
}

describe('option parsers, property tests (issue 11)', () => {
  it('parsePositiveInteger gives a whole number from 1 to 2^31 - 1, or one usage line', () => {
    fc.assert(
      fc.property(numberText, (input) => {
        const value = outcome(parsePositiveInteger, input);
        if (value !== undefined) {
          expect(Number.isSafeInteger(value)).toBe(true);
          expect(value).toBeGreaterThanOrEqual(1);
          expect(value).toBeLessThanOrEqual(MAX_WHOLE_NUMBER);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('parsePort gives 0 to 65535 or one usage line, and reads every port back', () => {
    fc.assert(
      fc.property(numberText, (input) => {
        const value = outcome(parsePort, input);
        if (value !== undefined) expect(Number.isInteger(value) && value >= 0 && value <= 65535).toBe(true);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 65535 }), (port) => {
        expect(parsePort(String(port))).toBe(port);
      }),
      { numRuns: 200 },
    );
  });

  it('parseSeed gives a non-negative safe integer or one usage line', () => {
    fc.assert(
      fc.property(numberText, (input) => {
        const value = outcome(parseSeed, input);
        if (value !== undefined) expect(Number.isSafeInteger(value) && value >= 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('parseTimeScale gives a finite number of 0 or more, or one usage line', () => {
    fc.assert(
      fc.property(numberText, (input) => {
        const value = outcome(parseTimeScale, input);
        if (value !== undefined) expect(Number.isFinite(value) && value >= 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a count or a duration past 2^31 - 1 rather than overflow a timer or run forever (issue 11)', () => {
    for (const input of ['2147483648', '3000000000', '9'.repeat(400)]) {
      expect(() => parsePositiveInteger(input)).toThrow(
        /Use a whole number of 1 or more, at most 2147483647/,
      );
    }
    expect(parsePositiveInteger('2147483647')).toBe(MAX_WHOLE_NUMBER);
  });

  it('refuses send --timeout 3000000000 with one line and exit 2, instead of timing out after 1 ms (issue 11)', async () => {
    const { code, stdout, stderr } = await runInProcess([
      'send',
      'sms.inbound',
      '--url',
      'http://127.0.0.1:1/in',
      '--timeout',
      '3000000000',
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/--timeout.*at most 2147483647/);
  });
});
