import type { DeliveryAttempt, DeliveryResult, RequestSummary } from './delivery-result.js';
import { checkFallbackSigning, toFallback } from './fallback-request.js';
import { type DeliverInput, type PreparedRequest, toInput } from './outgoing-request.js';
import { isRetryable, scheduleAttempts } from './retry.js';
import { sendAttempt, whereOf } from './send-attempt.js';
import type { Plan, SenderContext } from './sender-types.js';
import { toDeliveryAttempt, toDeliveryResult } from './to-delivery-result.js';
import type { AttemptResult } from './url-attempt.js';

/**
 * Delivers one request under its plan. Throws at once for wrong usage found before sending (a
 * signed request whose fallback could not be signed again); a failed delivery resolves, with
 * `result.error`. `once`: the input was built for this delivery (a `sendMany` thunk), not cached.
 */
export function deliverOne(
  context: SenderContext,
  input: DeliverInput,
  thePlan: Plan,
  index: number,
  once = false,
): Promise<DeliveryResult> {
  const maybe = toInput(input, once);
  if (maybe instanceof Promise) {
    return maybe.then((prepared) => {
      checkFallbackSigning(context.options, prepared, thePlan);
      return runDelivery(context, prepared, thePlan, index);
    });
  }
  checkFallbackSigning(context.options, maybe, thePlan);
  return runDelivery(context, maybe, thePlan, index);
}

/** Makes the attempts of one delivery and judges the last one. */
async function runDelivery(
  context: SenderContext,
  prepared: PreparedRequest,
  thePlan: Plan,
  index: number,
): Promise<DeliveryResult> {
  const { policy, target } = thePlan;
  const request: RequestSummary = {
    method: prepared.method,
    url: whereOf(prepared, target),
    event: thePlan.entry?.name ?? null,
  };
  const attempts: DeliveryAttempt[] = [];
  const started = context.now();
  let last: AttemptResult;
  if (policy.urlAttempts === 1 && policy.fallbackAttempts === 0) {
    // One attempt: the common case, kept free of the schedule machinery.
    last = await sendAttempt(context, prepared, target, thePlan.timeouts, thePlan.contract);
    attempts.push(toDeliveryAttempt(last, 1, 'first', request.url, 0, started));
  } else {
    last = await runSchedule(context, prepared, thePlan, request.url, attempts);
  }
  const durationMs = context.now() - started;
  return toDeliveryResult({ index, request, attempts, last, durationMs });
}

/**
 * Walks the retry schedule of a plan: waits each back-off (scaled by `timeScale`), retries the URL,
 * then tries the fallback answer URL, and stops at the first success or non-retryable failure.
 * Records every attempt in `attempts`; returns the last.
 */
async function runSchedule(
  context: SenderContext,
  prepared: PreparedRequest,
  thePlan: Plan,
  url: string,
  attempts: DeliveryAttempt[],
): Promise<AttemptResult> {
  const { policy, target } = thePlan;
  const fallbackEnabled = thePlan.fallbackUrl !== null && policy.fallbackAttempts > 0;
  let fallback: PreparedRequest | undefined;
  let last: AttemptResult | undefined;
  const scheduleOptions =
    thePlan.maxAttempts === undefined
      ? { fallback: fallbackEnabled }
      : { fallback: fallbackEnabled, maxAttempts: thePlan.maxAttempts };
  for (const slot of scheduleAttempts(policy, scheduleOptions)) {
    if (last !== undefined) {
      if (last.ok || last.code === null || !isRetryable(policy, { code: last.code, status: last.status }))
        break;
      if (slot.delayMs > 0 && context.timeScale > 0) await context.sleep(slot.delayMs * context.timeScale);
    }
    const at = context.now();
    if (slot.phase === 'fallback' && thePlan.fallbackUrl !== null && last !== undefined) {
      fallback ??= toFallback(context.options, prepared, thePlan, last, url);
      const fallbackTarget = typeof target === 'function' ? target : undefined;
      last = await sendAttempt(context, fallback, fallbackTarget, thePlan.fallbackTimeouts, 'ncco');
      attempts.push(toDeliveryAttempt(last, slot.number, slot.phase, fallback.url, slot.offsetMs, at));
    } else {
      last = await sendAttempt(context, prepared, target, thePlan.timeouts, thePlan.contract);
      attempts.push(toDeliveryAttempt(last, slot.number, slot.phase, url, slot.offsetMs, at));
    }
  }
  if (last === undefined) throw new Error('unreachable: every schedule has a first attempt');
  return last;
}
