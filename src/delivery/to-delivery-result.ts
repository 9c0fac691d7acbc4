import { DeliveryError } from './delivery-error.js';
import {
  type DeliveryAttempt,
  type DeliveryResult,
  type RequestSummary,
  toOutcome,
} from './delivery-result.js';
import type { AttemptPhase } from './retry.js';
import type { AttemptResult } from './url-attempt.js';

/** A delivery whose attempts are over: what its result is built from. */
export interface FinishedDelivery {
  readonly index: number;
  readonly request: RequestSummary;
  readonly attempts: readonly DeliveryAttempt[];
  /** The last attempt: it decides the outcome. */
  readonly last: AttemptResult;
  readonly durationMs: number;
}

/** One attempt as a result lists it: where it stood in the schedule, when it started, how it ended. */
export function toDeliveryAttempt(
  result: AttemptResult,
  number: number,
  phase: AttemptPhase,
  url: string,
  offset: number,
  at: number,
): DeliveryAttempt {
  return {
    number,
    phase,
    url,
    scheduledOffsetMs: offset,
    startedAt: at,
    ok: result.ok,
    code: result.code,
    status: result.status,
    message: result.message,
    timing: result.timing,
  };
}

/**
 * The judged result of a delivery from its last attempt; a failure also becomes a
 * {@link DeliveryError} that keeps the request, every attempt and the response excerpt.
 */
export function toDeliveryResult(delivery: FinishedDelivery): DeliveryResult {
  const { index, request, attempts, last, durationMs } = delivery;
  let error: DeliveryError | null = null;
  if (!last.ok && last.code !== null) {
    const suffix = attempts.length > 1 ? ` (${attempts.length} attempts)` : '';
    error = new DeliveryError(
      last.code,
      `${last.message ?? 'The delivery failed.'}${suffix}`,
      {
        request,
        status: last.status,
        attempts,
        responseHeaders: last.response?.headers ?? null,
        responseExcerpt: last.response?.bodyExcerpt ?? null,
        nccoIssues: last.nccoIssues,
      },
      last.cause === undefined ? undefined : { cause: last.cause },
    );
  }
  return {
    index,
    ok: last.ok,
    outcome: toOutcome(last.code),
    code: last.code,
    status: last.status,
    request,
    response: last.response,
    ncco: last.ncco,
    attempts,
    durationMs,
    error,
    nccoIssues: last.nccoIssues,
  };
}
