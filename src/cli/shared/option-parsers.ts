// Commander parsers of option values that several commands share; a parser throws
// InvalidArgumentError, which commander turns into one usage line (exit 2).
import { InvalidArgumentError } from 'commander';

/** Commander parser for `--seed`: a non-negative safe integer. */
export function parseSeed(value: string): number {
  const seed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(seed)) {
    throw new InvalidArgumentError('Use a non-negative integer, e.g. --seed 42.');
  }
  return seed;
}

// YYYY-MM-DD, optionally Thh:mm[:ss[.fraction]] and Z or ±hh:mm (the extended ISO-8601 forms Date.parse reads).
const isoDate =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))?)?$/;

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isValidIsoDate(value: string): boolean {
  const match = isoDate.exec(value);
  if (match === null) return false;
  const [year, month, day, hour, minute, second, offsetHour, offsetMinute] = match
    .slice(1)
    .map((part) => (part === undefined ? 0 : Number(part)));
  return (
    month !== undefined &&
    month >= 1 &&
    month <= 12 &&
    day !== undefined &&
    day >= 1 &&
    day <= daysInMonth(year ?? 0, month) &&
    (hour ?? 0) <= 23 &&
    (minute ?? 0) <= 59 &&
    (second ?? 0) <= 59 &&
    (offsetHour ?? 0) <= 23 &&
    (offsetMinute ?? 0) <= 59
  );
}

/**
 * Commander parser for `--ref-date`: an ISO-8601 date (2025-06-01, 2025-06-01T10:00:00Z, with an
 * offset or a fraction of a second); returns epoch milliseconds. A day past the end of its month
 * (2025-02-30) and other forms Date.parse would guess at (`1`, `June 1`) are refused.
 */
export function parseRefDate(value: string): number {
  const millis = isValidIsoDate(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(millis)) {
    throw new InvalidArgumentError(
      'Use an ISO-8601 date with a real day of the month, e.g. --ref-date 2025-06-01T10:00:00Z (Z for UTC, or an offset such as +02:00).',
    );
  }
  return millis;
}

/**
 * The largest whole number a count, a limit or a millisecond option takes: 2^31 - 1, the longest
 * delay a Node timer keeps (a longer `--timeout` would fire at once, after 1 ms).
 */
export const MAX_WHOLE_NUMBER = 2_147_483_647;

/**
 * Commander parser for a positive integer option (`--concurrency`, `--timeout`, `--max-attempts`,
 * `--max-requests`, `--max-body`): 1 to {@link MAX_WHOLE_NUMBER}.
 */
export function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1) throw new InvalidArgumentError('Use a whole number of 1 or more.');
  if (number > MAX_WHOLE_NUMBER)
    throw new InvalidArgumentError(`Use a whole number of 1 or more, at most ${MAX_WHOLE_NUMBER}.`);
  return number;
}

/** Commander parser for `--port`: 0 (any free port) to 65535. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new InvalidArgumentError('Use a port from 0 to 65535, e.g. --port 3000.');
  return port;
}

/** Commander parser for `--time-scale`: a finite number of 0 or more. */
export function parseTimeScale(value: string): number {
  const scale = Number(value);
  if (value.trim() === '' || !Number.isFinite(scale) || scale < 0)
    throw new InvalidArgumentError('Use 0 (at once), 1 (real time) or a factor such as 0.1.');
  return scale;
}
