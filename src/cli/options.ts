import { InvalidArgumentError } from 'commander';
import { VwsError } from '../errors.js';
import type { CliIo } from './io.js';
import { type Assignment, parseAssignment } from './set-path.js';

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

/** Commander parser for a repeatable `--set`. */
export function collectAssignment(value: string, previous: Assignment[] = []): Assignment[] {
  try {
    return [...previous, parseAssignment(value)];
  } catch (error) {
    throw new InvalidArgumentError(
      error instanceof Error ? error.message.replace(/^Invalid --set "[^"]*": /, '') : String(error),
    );
  }
}

/** Commander parser for a positive integer option (`--parts`, `--count`). */
export function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1) throw new InvalidArgumentError('Use a whole number of 1 or more.');
  return number;
}

/** Reads `--file overrides.json`: a JSON object deep-merged into the payload before `--set`. */
export async function readOverridesFile(io: CliIo, path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (error) {
    const reason =
      (error as { code?: string }).code === 'ENOENT' ? 'no such file' : String((error as Error).message);
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Cannot read --file ${path}: ${reason}. Give the path of a JSON file of payload fields.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new VwsError(
      'VWS_ERR_INVALID_JSON',
      `Malformed JSON in ${path}: ${(error as Error).message}. Fix the file; it must hold one JSON object of payload fields.`,
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new VwsError(
      'VWS_ERR_INVALID_JSON',
      `${path} must hold one JSON object of payload fields, e.g. {"status": "failed"}.`,
    );
  }
  return parsed as Record<string, unknown>;
}

/** Commander parser for `--parts`: 2 to 255, the parts a concatenated SMS can have. */
export function parseParts(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 2 || number > 255) {
    throw new InvalidArgumentError('Use a whole number from 2 to 255, e.g. --parts 3.');
  }
  return number;
}

/** Commander parser for `--port`: 0 (any free port) to 65535. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new InvalidArgumentError('Use a port from 0 to 65535, e.g. --port 3000.');
  return port;
}
