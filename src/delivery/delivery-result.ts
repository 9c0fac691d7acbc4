import type { VwsError, VwsErrorCode } from '../errors.js';
import type { NccoIssue } from '../ncco/index.js';
import type { DeliveryErrorCode } from './delivery-error-codes.js';
import type { AttemptPhase } from './retry.js';

/**
 * How one delivery ended, for counts and reports: `accepted` (status in the success range, valid
 * NCCO where one is read), `rejected` (another status), `redirected` (3xx, not followed),
 * `timed_out`, `connection_refused`, `connection_reset`, `network_error`, `handler_error` (an
 * in-process handler threw), `ncco_invalid`, or `not_sent` (the item could not be built).
 */
export const deliveryOutcomes = [
  'accepted',
  'rejected',
  'redirected',
  'timed_out',
  'connection_refused',
  'connection_reset',
  'network_error',
  'handler_error',
  'ncco_invalid',
  'not_sent',
] as const;
/** One of {@link deliveryOutcomes}. */
export type DeliveryOutcome = (typeof deliveryOutcomes)[number];

const outcomeByCode: Readonly<Record<DeliveryErrorCode, DeliveryOutcome>> = {
  VWS_ERR_DELIVERY_STATUS: 'rejected',
  VWS_ERR_DELIVERY_REDIRECT: 'redirected',
  VWS_ERR_DELIVERY_TIMEOUT: 'timed_out',
  VWS_ERR_DELIVERY_CONNECTION_REFUSED: 'connection_refused',
  VWS_ERR_DELIVERY_CONNECTION_RESET: 'connection_reset',
  VWS_ERR_DELIVERY_NETWORK: 'network_error',
  VWS_ERR_DELIVERY_HANDLER: 'handler_error',
  VWS_ERR_DELIVERY_NCCO_INVALID: 'ncco_invalid',
};

/**
 * The outcome of a delivery from its failure code (`null`: accepted). Any other code means the
 * item was not sent.
 *
 * @example
 * ```ts
 * import { toOutcome } from 'vonage-webhook-simulator';
 * toOutcome('VWS_ERR_DELIVERY_TIMEOUT'); // 'timed_out'
 * ```
 */
export function toOutcome(code: VwsErrorCode | null): DeliveryOutcome {
  if (code === null) return 'accepted';
  return (outcomeByCode as Readonly<Record<string, DeliveryOutcome>>)[code] ?? 'not_sent';
}

/** The request of a delivery, as a report shows it. */
export interface RequestSummary {
  readonly method: string;
  /** Where it went: the target URL, or the request's URL for an in-process handler. */
  readonly url: string;
  /** The event name, when the caller gave it. */
  readonly event: string | null;
}

/** Where the time of one attempt went, in milliseconds from its start. */
export interface DeliveryTiming {
  /**
   * Until the request was on a connected socket: the TCP connect for a new connection, about 0 on a
   * kept-alive one; `null` for an in-process handler or when no connection was made.
   */
  readonly connectMs: number | null;
  /** Until the status line and headers of the response (a handler: until it returned). */
  readonly firstByteMs: number | null;
  /** Until the response ended or the attempt failed. */
  readonly totalMs: number;
}

/** The response of an attempt, bounded: status, headers and the start of the body. */
export interface ResponseSummary {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The first bytes of the body decoded as UTF-8, or `null` when the body was not read (an accepted webhook whose body Vonage ignores). */
  readonly bodyExcerpt: string | null;
  /** Whether the body was longer than the excerpt. */
  readonly bodyTruncated: boolean;
}

/** One attempt of a delivery. */
export interface DeliveryAttempt {
  /** 1-based. */
  readonly number: number;
  readonly phase: AttemptPhase;
  readonly url: string;
  /** When the schedule placed it, in Vonage time from the first attempt (before `timeScale`). */
  readonly scheduledOffsetMs: number;
  /** The sender's clock when it started. */
  readonly startedAt: number;
  readonly ok: boolean;
  readonly code: DeliveryErrorCode | null;
  readonly status: number | null;
  /** Why it failed, in words; `null` when it succeeded. */
  readonly message: string | null;
  readonly timing: DeliveryTiming;
}

/** The judged result of one delivery (all its attempts). */
export interface DeliveryResult {
  /** Position of the item in a `sendMany` input; 0 for `deliver`. */
  readonly index: number;
  readonly ok: boolean;
  readonly outcome: DeliveryOutcome;
  /** The failure code; `null` when accepted. */
  readonly code: VwsErrorCode | null;
  /** Status of the last attempt, when a response started. */
  readonly status: number | null;
  readonly request: RequestSummary;
  /** The last attempt's response, when one started. */
  readonly response: ResponseSummary | null;
  /** The parsed NCCO, when the webhook's answer is read as one and it is valid and non-empty. */
  readonly ncco: unknown;
  readonly attempts: readonly DeliveryAttempt[];
  /** From the start of the first attempt to the end of the last, waits included (sender clock). */
  readonly durationMs: number;
  /** A `DeliveryError` when delivery failed; the build error when the item was `not_sent`. */
  readonly error: VwsError | null;
  /** NCCO problems, for `ncco_invalid`. */
  readonly nccoIssues: readonly NccoIssue[];
}
