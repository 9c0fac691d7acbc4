import { VwsError } from '../errors.js';
import type { ResponseContract, WebhookKind } from '../fixtures/shared/define-event.js';
import type { DeliveryErrorCode } from './delivery-error-codes.js';

/**
 * The retry behaviours Vonage has, one per group of webhooks (reference voice.md#fallback-answer-url, delivery.md):
 *
 * - `voice-ncco`: answer URL and NCCO-returning events: the URL twice, then the fallback answer URL twice.
 * - `voice-event`: other Voice events: the URL twice, no fallback.
 * - `voice-fallback`: a request to the fallback answer URL itself: twice.
 * - `messages`: Messages and Dispatch: back-off from 5 s doubling to 15 min, for 24 h.
 * - `verify`: Verify v2: as Messages, on any failure.
 * - `sms-inbound`: SMS API inbound (and short-code inbound): every minute for 24 h.
 * - `sms-delivery-receipt`: SMS API and short-code receipts: every minute for 72 h.
 * - `none`: one attempt (Number Insight and RTC, for which Vonage documents none).
 */
export const retryPolicyNames = [
  'voice-ncco',
  'voice-event',
  'voice-fallback',
  'messages',
  'verify',
  'sms-inbound',
  'sms-delivery-receipt',
  'none',
] as const;
/** One of {@link retryPolicyNames}. */
export type RetryPolicyName = (typeof retryPolicyNames)[number];

/** An inclusive range of HTTP status codes. */
export interface StatusRange {
  readonly min: number;
  readonly max: number;
}

/** Delay before retry `n` (1 = the first retry): `min(initialMs * factor^(n-1), maxMs)`, in Vonage time. */
export interface Backoff {
  readonly initialMs: number;
  readonly factor: number;
  readonly maxMs: number;
}

/** One retry behaviour, as data: what is retried, how often, how long, and whether a fallback follows. */
export interface RetryPolicy {
  readonly name: RetryPolicyName;
  /** Attempts on the webhook's own URL, the first included; `Infinity` means until the horizon. */
  readonly urlAttempts: number;
  /** Attempts on the fallback answer URL once those are used up (when one is given). */
  readonly fallbackAttempts: number;
  /** No attempt is scheduled later than this after the first one (ms, Vonage time). */
  readonly horizonMs: number;
  readonly backoff: Backoff;
  /** The failure codes that lead to another attempt. */
  readonly retryCodes: readonly DeliveryErrorCode[];
  /** For status failures (`_STATUS`, `_REDIRECT`): the statuses retried, or `'any'`. */
  readonly retryStatuses: 'any' | readonly StatusRange[];
}

const HOUR = 3_600_000;
const NO_DELAY: Backoff = { initialMs: 0, factor: 1, maxMs: 0 };
const EVERY_MINUTE: Backoff = { initialMs: 60_000, factor: 1, maxMs: 60_000 };
// kb-retry (🟡): "starting ≈ 5 s, doubling up to 15 min, then every 15 min; discarded after 24 h".
const MESSAGES_BACKOFF: Backoff = { initialMs: 5000, factor: 2, maxMs: 900_000 };

// A failure to get any answer at all: what Vonage calls "connection closed/reset, timeout". A thrown
// in-process handler stands for a server that dropped the connection.
const TRANSPORT_FAILURES: readonly DeliveryErrorCode[] = [
  'VWS_ERR_DELIVERY_TIMEOUT',
  'VWS_ERR_DELIVERY_CONNECTION_REFUSED',
  'VWS_ERR_DELIVERY_CONNECTION_RESET',
  'VWS_ERR_DELIVERY_NETWORK',
  'VWS_ERR_DELIVERY_HANDLER',
];
const STATUS_FAILURES: readonly DeliveryErrorCode[] = [...TRANSPORT_FAILURES, 'VWS_ERR_DELIVERY_STATUS'];
const ANY_FAILURE: readonly DeliveryErrorCode[] = [...STATUS_FAILURES, 'VWS_ERR_DELIVERY_REDIRECT'];

// Reference voice.md#fallback-answer-url (✅ doc-voice-ts): 429, 503, 504 are the statuses named; other errors are ❓.
const VOICE_STATUSES: readonly StatusRange[] = [
  { min: 429, max: 429 },
  { min: 503, max: 504 },
];

function voice(name: RetryPolicyName, fallbackAttempts: number): RetryPolicy {
  return {
    name,
    urlAttempts: 2,
    fallbackAttempts,
    horizonMs: Number.POSITIVE_INFINITY,
    backoff: NO_DELAY,
    retryCodes: STATUS_FAILURES,
    retryStatuses: VOICE_STATUSES,
  };
}

function messaging(
  name: RetryPolicyName,
  horizonMs: number,
  backoff: Backoff,
  anyStatus: boolean,
): RetryPolicy {
  return {
    name,
    urlAttempts: Number.POSITIVE_INFINITY,
    fallbackAttempts: 0,
    horizonMs,
    backoff,
    retryCodes: anyStatus ? ANY_FAILURE : STATUS_FAILURES,
    // kb-retry: Messages and Dispatch retry on 429 and 5xx only.
    retryStatuses: anyStatus
      ? 'any'
      : [
          { min: 429, max: 429 },
          { min: 500, max: 599 },
        ],
  };
}

/**
 * Every retry policy by name, as data (docs/decisions/065-retry-schedules.md).
 *
 * @example
 * ```ts
 * import { retryPolicies } from 'vonage-webhook-simulator';
 * const { horizonMs } = retryPolicies['sms-delivery-receipt']; // 72 hours
 * ```
 */
export const retryPolicies: Readonly<Record<RetryPolicyName, RetryPolicy>> = Object.freeze({
  'voice-ncco': voice('voice-ncco', 2),
  'voice-event': voice('voice-event', 0),
  'voice-fallback': voice('voice-fallback', 0),
  messages: messaging('messages', 24 * HOUR, MESSAGES_BACKOFF, false),
  // doc-verify-wh (✅): "any non-2xx makes Vonage retry"; the schedule is ❓, so Messages' is used.
  verify: messaging('verify', 24 * HOUR, MESSAGES_BACKOFF, true),
  // spec-sms (✅) and kb-timeout (🟡): resent every minute, 24 h inbound, 72 h receipts.
  'sms-inbound': messaging('sms-inbound', 24 * HOUR, EVERY_MINUTE, true),
  'sms-delivery-receipt': messaging('sms-delivery-receipt', 72 * HOUR, EVERY_MINUTE, true),
  none: {
    name: 'none',
    urlAttempts: 1,
    fallbackAttempts: 0,
    horizonMs: 0,
    backoff: NO_DELAY,
    retryCodes: [],
    retryStatuses: [],
  },
});

/**
 * The retry policy Vonage applies to a webhook kind and its response contract: Voice webhooks whose
 * answer is an NCCO get the fallback answer URL, plain Voice events do not.
 *
 * @example
 * ```ts
 * import { getEvent, toRetryPolicy } from 'vonage-webhook-simulator';
 * const entry = getEvent('voice.answer');
 * const policy = toRetryPolicy(entry.webhook, entry.response); // retryPolicies['voice-ncco']
 * ```
 */
export function toRetryPolicy(kind: WebhookKind, response: ResponseContract): RetryPolicy {
  switch (kind) {
    case 'voice-answer':
      return retryPolicies['voice-ncco'];
    case 'voice-event':
      return retryPolicies[response === 'ignored' ? 'voice-event' : 'voice-ncco'];
    case 'voice-fallback':
      return retryPolicies['voice-fallback'];
    case 'sms-inbound':
    case 'short-code-inbound':
      return retryPolicies['sms-inbound'];
    case 'sms-delivery-receipt':
    case 'short-code-delivery-receipt':
      return retryPolicies['sms-delivery-receipt'];
    case 'messages-inbound':
    case 'messages-status':
    case 'dispatch-status':
      return retryPolicies.messages;
    case 'verify-status':
      return retryPolicies.verify;
    case 'number-insight':
    case 'rtc-event':
      return retryPolicies.none;
  }
}

/**
 * Tells whether a failed attempt leads to another one under a policy.
 *
 * @example
 * ```ts
 * import { isRetryable, retryPolicies } from 'vonage-webhook-simulator';
 * isRetryable(retryPolicies['voice-ncco'], { code: 'VWS_ERR_DELIVERY_STATUS', status: 503 }); // true
 * isRetryable(retryPolicies['voice-ncco'], { code: 'VWS_ERR_DELIVERY_STATUS', status: 500 }); // false
 * ```
 */
export function isRetryable(
  policy: RetryPolicy,
  failure: { readonly code: DeliveryErrorCode; readonly status: number | null },
): boolean {
  if (!policy.retryCodes.includes(failure.code)) return false;
  if (failure.code !== 'VWS_ERR_DELIVERY_STATUS' && failure.code !== 'VWS_ERR_DELIVERY_REDIRECT') return true;
  if (policy.retryStatuses === 'any') return true;
  const { status } = failure;
  return status !== null && policy.retryStatuses.some((range) => status >= range.min && status <= range.max);
}

/** The delay before retry `n` (1 = the first retry), in Vonage milliseconds. */
export function toBackoffDelay(backoff: Backoff, retry: number): number {
  return Math.min(backoff.initialMs * backoff.factor ** (retry - 1), backoff.maxMs);
}

/** Where an attempt goes: the first try, a retry of the same URL, or the fallback answer URL. */
export type AttemptPhase = 'first' | 'retry' | 'fallback';

/** One planned attempt of a schedule. */
export interface ScheduledAttempt {
  /** 1-based, across all phases. */
  readonly number: number;
  readonly phase: AttemptPhase;
  /** Wait before this attempt, after the previous one ended (ms, Vonage time). */
  readonly delayMs: number;
  /** Sum of the waits so far: when this attempt starts, in Vonage time, if attempts took no time. */
  readonly offsetMs: number;
}

/** Options of {@link scheduleAttempts}. */
export interface ScheduleOptions {
  /** Whether a fallback answer URL is configured (only then do fallback attempts follow). */
  readonly fallback?: boolean;
  /** A cap on the number of attempts, all phases together. */
  readonly maxAttempts?: number;
}

/**
 * Lays out the attempts of a policy, lazily: the first, the retries of the same URL until the
 * attempt count or the horizon ends them, then the fallback attempts. Pure: no clock, no sleep;
 * the sender walks it and stops at the first success or non-retryable failure.
 *
 * @example
 * ```ts
 * import { retryPolicies, scheduleAttempts } from 'vonage-webhook-simulator';
 * const offsets = [...scheduleAttempts(retryPolicies.messages)].map((a) => a.offsetMs / 1000);
 * // [0, 5, 15, 35, 75, 155, 315, 635, 1275, 2175, ...] up to 24 h
 * ```
 */
export function* scheduleAttempts(
  policy: RetryPolicy,
  options: ScheduleOptions = {},
): Generator<ScheduledAttempt, void, undefined> {
  const maxAttempts = options.maxAttempts ?? Number.POSITIVE_INFINITY;
  if (!(maxAttempts >= 1 && (Number.isInteger(maxAttempts) || maxAttempts === Number.POSITIVE_INFINITY))) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Invalid maxAttempts ${String(options.maxAttempts)}: use an integer of 1 or more.`,
    );
  }
  let number = 0;
  let offsetMs = 0;
  for (let index = 0; index < policy.urlAttempts && number < maxAttempts; index += 1) {
    const delayMs = index === 0 ? 0 : toBackoffDelay(policy.backoff, index);
    if (index > 0 && offsetMs + delayMs > policy.horizonMs) return;
    offsetMs += delayMs;
    number += 1;
    yield { number, phase: index === 0 ? 'first' : 'retry', delayMs, offsetMs };
  }
  if (options.fallback !== true) return;
  for (let index = 0; index < policy.fallbackAttempts && number < maxAttempts; index += 1) {
    number += 1;
    yield { number, phase: 'fallback', delayMs: 0, offsetMs };
  }
}
