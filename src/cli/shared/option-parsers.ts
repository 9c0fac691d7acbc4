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

/** Commander parser for `--ref-date`: an ISO-8601 date; returns epoch milliseconds. */
export function parseRefDate(value: string): number {
  const millis = Date.parse(value);
  if (!Number.isFinite(millis)) {
    throw new InvalidArgumentError('Use an ISO-8601 date, e.g. --ref-date 2025-06-01T10:00:00Z.');
  }
  return millis;
}

/** Commander parser for a positive integer option (`--parts`, `--count`). */
export function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1) throw new InvalidArgumentError('Use a whole number of 1 or more.');
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
