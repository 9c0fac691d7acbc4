import type { DeliveryResult } from '../delivery/delivery-result.js';
import { DEFAULT_SUCCESS_RANGE } from '../delivery/success-range.js';
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

/** The statuses that count as a rejection of a forged webhook, unless the config (or `--expect`) says otherwise. */
export const DEFAULT_REJECTION_RANGE = '400-599';

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

/** How a variant of a webhook differs from the documented one, and why an app must accept it. */
export interface VariantWords {
  /** Follows what the app did: `to timestamp=seconds (…)`, `when optional fields were absent`. */
  readonly what: string;
  /** Why it matters, one clause: `real traffic has both forms`. */
  readonly why: string;
}

/**
 * A variant of a valid webhook (another form of a field, optional fields absent, an unknown field
 * added) passes as {@link judgeDelivery} says; a failure says what the app did to which variant and
 * why it matters: "answered 400 to timestamp=seconds (…): real traffic has both forms".
 */
export function judgeVariant(
  result: DeliveryResult,
  range: StatusRangeText,
  words: VariantWords,
): CheckVerdict {
  const verdict = judgeDelivery(result, range);
  if (verdict.passed) return verdict;
  const status = result.status;
  const what = status !== null && !isInRange(result, range) ? `answered ${status}` : verdict.message;
  return { passed: false, message: `${what} ${words.what}: ${words.why}` };
}

/** What a status outside the rejection range says the app did with the webhook. */
function didWith(status: number): string {
  if (status >= 300 && status < 400) return `${status} (a redirect, not followed)`;
  if (status >= 200 && status < 300) return `${status} (a success Vonage does not count as delivered)`;
  return `${status}`;
}

/**
 * A webhook of a negative signing mode passes when the app rejects it with a status in `range`. The
 * message says what the app did: "rejected, as it should", "ACCEPTED a forged webhook" for a status
 * Vonage counts as delivered (200–205), or the status it answered otherwise (a redirect, a 206, a
 * status outside `range`), which is neither.
 */
export function judgeRejection(
  result: DeliveryResult,
  range: StatusRangeText,
  mode: Exclude<SigningMode, 'valid'>,
): CheckVerdict {
  const status = result.status;
  const passed = isInRange(result, range);
  if (status === null) return { passed, message: `on ${modeWords[mode]}: ${failureOf(result)}` };
  if (passed) return { passed, message: `answered ${status} to ${modeWords[mode]}: rejected, as it should` };
  const accepted = status >= DEFAULT_SUCCESS_RANGE.min && status <= DEFAULT_SUCCESS_RANGE.max;
  const message = accepted
    ? `accepted ${modeWords[mode]} with ${status}: ACCEPTED a forged webhook, so anyone can forge it. Verify the signature and answer 401.`
    : `answered ${didWith(status)} to ${modeWords[mode]}: expected a rejection (${range.text}).`;
  return { passed, message };
}
