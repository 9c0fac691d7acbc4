import type { DeliveryResult } from '../delivery/delivery-result.js';
import type { SigningMode } from '../signing/signing-modes.js';

/** A range of statuses that pass, as the config wrote it (`200-205`, `400-599`, `200`). */
export interface StatusRangeText {
  readonly min: number;
  readonly max: number;
  readonly text: string;
}

/** Reads a status range of the config, or `fallback` when it sets none. */
export function toRange(text: string | undefined, fallback: string): StatusRangeText {
  const value = text ?? fallback;
  const [min = Number.NaN, max = min] = value.split('-').map(Number);
  return { min, max, text: value };
}

/** Whether a check passed, and one line on what happened and, on failure, why it matters. */
export interface CheckVerdict {
  readonly passed: boolean;
  readonly message: string;
}

const modeWords: Readonly<Record<Exclude<SigningMode, 'valid'>, string>> = {
  unsigned: 'an unsigned webhook',
  'wrong-secret': 'a webhook signed with the wrong secret (forged)',
  'tampered-body': 'a webhook whose body was changed after signing',
  stale: 'a webhook signed an hour ago (replayed)',
  'malformed-token': 'a webhook with a malformed signature',
  'alg-none': 'a JWT with alg "none"',
};

function failureOf(result: DeliveryResult): string {
  switch (result.outcome) {
    case 'connection_refused':
      return 'the connection was refused: nothing listens there (did the receiver crash on an earlier request?)';
    case 'connection_reset':
      return 'the receiver reset the connection (it crashed or dropped the request)';
    case 'timed_out':
      return "the receiver did not answer within Vonage's timeout";
    default:
      return result.error?.message ?? result.outcome;
  }
}

function isInRange(result: DeliveryResult, range: StatusRangeText): boolean {
  const status = result.status;
  return status !== null && status >= range.min && status <= range.max;
}

/** A valid webhook passes with a status in `range`, a valid NCCO where one is due, and no timeout. */
export function judgeDelivery(result: DeliveryResult, range: StatusRangeText): CheckVerdict {
  const status = result.status;
  const inRange = isInRange(result, range);
  const nccoOk = result.nccoIssues.length === 0 && result.outcome !== 'ncco_invalid';
  const passed = inRange && nccoOk && result.outcome !== 'timed_out';
  const message = passed
    ? `answered ${status} in ${Math.round(result.durationMs)} ms`
    : status !== null && inRange
      ? (result.error?.message ?? 'invalid NCCO')
      : status !== null
        ? `answered ${status}, expected ${range.text}`
        : failureOf(result);
  return { passed, message };
}

/** A webhook of a negative signing mode passes when the app rejects it with a status in `range`. */
export function judgeRejection(
  result: DeliveryResult,
  range: StatusRangeText,
  mode: Exclude<SigningMode, 'valid'>,
): CheckVerdict {
  const status = result.status;
  const passed = isInRange(result, range);
  const message = passed
    ? `rejected ${modeWords[mode]} with ${status}`
    : status !== null
      ? `accepted ${modeWords[mode]} with ${status}: anyone can forge this webhook`
      : `on ${modeWords[mode]}: ${failureOf(result)}`;
  return { passed, message };
}
