// The types a sender and its parts share, in one file that imports no sender module back: the
// options of a sender and of one delivery, the `Sender` itself, what `sendMany` takes and returns,
// and the plan and context its parts pass each other (issue 10: this ends the type cycle between
// create-sender and send-many).
import type { Dispatcher } from 'undici';
import type { CatalogEntry } from '../fixtures/catalog.js';
import type { EventAlias, EventName } from '../fixtures/events.js';
import type { ResponseContract } from '../fixtures/shared/define-event.js';
import type { DeliveryOutcome, DeliveryResult } from './delivery-result.js';
import type { FetchHandler } from './handler-attempt.js';
import type { LatencySummary } from './latency.js';
import type { DeliverInput } from './outgoing-request.js';
import type { RetryPolicy, StatusRange } from './retry.js';
import type { TimeoutOverrides, WebhookTimeouts } from './timeouts.js';
import type { AttemptContext } from './url-attempt.js';

/** Where a webhook goes: a URL (the request's own by default) or an in-process {@link FetchHandler}. */
export type DeliveryTarget = string | URL | FetchHandler;

/** Whether a delivery follows Vonage's retry behaviour for its webhook or makes one attempt. */
export const retryModes = ['vonage', 'none'] as const;
/** One of {@link retryModes}. */
export type RetryMode = (typeof retryModes)[number];
/** The retry mode of a delivery and a sender that name none: one attempt. */
export const DEFAULT_RETRY_MODE: RetryMode = 'none';

/** `timeScale` when none is given: waits (retries, the fake's webhooks) follow Vonage's timing in real time. */
export const DEFAULT_TIME_SCALE = 1;

/**
 * The event name a delivery names: a literal must be an event or family name (`voice.answer`), so a
 * typo fails to compile; a name known only at run time (`string`) is checked at run time.
 */
export type DeliveryEventName<TEvent extends string> = string extends TEvent
  ? string
  : TEvent extends EventName | EventAlias
    ? TEvent
    : EventName | EventAlias;

/** Options of one delivery. */
export interface DeliverOptions {
  /**
   * The event name (`voice.answer`, `messages.status.read`): its catalog webhook kind sets Vonage's
   * timeouts and retry policy, and its `response` contract says whether the body is read as an NCCO.
   * Without it: messaging timeouts, no NCCO check, no retries.
   */
  readonly event?: string;
  /** `none` (default): one attempt. `vonage`: retries, back-off and fallback as Vonage does. */
  readonly retries?: RetryMode;
  /** A cap on attempts, all phases together. */
  readonly maxAttempts?: number;
  /** The application's fallback answer URL (Voice answer and NCCO-returning events, with `retries: 'vonage'`). */
  readonly fallbackUrl?: string | URL;
  /** Replaces Vonage's timeouts for this delivery. */
  readonly timeout?: Partial<WebhookTimeouts>;
  /**
   * Reads the answer under this contract instead of the event's: the failure events of a `connect`
   * with `eventType: "synchronous"` may answer an NCCO (reference run-time.md#action-by-action).
   */
  readonly response?: ResponseContract;
}

/** Options of {@link createSender}. */
export interface SenderOptions {
  /** The undici dispatcher to send through; default a dedicated keep-alive `Agent` the sender owns. */
  readonly dispatcher?: Dispatcher;
  /** Statuses Vonage counts as delivered; default 200–205 (reference delivery.md). */
  readonly successStatus?: StatusRange;
  /** Per-webhook-kind replacements of Vonage's timeouts. */
  readonly timeouts?: TimeoutOverrides;
  /** Default retry mode of every delivery; default `none`. */
  readonly retries?: RetryMode;
  /** Default cap on attempts per delivery. */
  readonly maxAttempts?: number;
  /** Multiplies every back-off wait (0.0001 runs a 24-hour schedule in about 9 s). Default 1. */
  readonly timeScale?: number;
  /** How to wait between attempts and for rate slots; default a timer. Tests pass an instant one. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** The clock for timings and rate limiting, in milliseconds; default `performance.now`. */
  readonly now?: () => number;
  /** Bytes of a failed response body kept in the result; default 2048. */
  readonly excerptBytes?: number;
  /** Signature secret, to re-sign fallback requests (their body differs from the original). */
  readonly signatureSecret?: string;
  /** API key for the JWT of re-signed fallback requests. */
  readonly apiKey?: string;
  /** Application id for the JWT of re-signed fallback requests. */
  readonly applicationId?: string;
}

/** Delivers webhook requests the way Vonage does and judges the answers by Vonage's rules. */
export interface Sender {
  /**
   * Delivers one request to its URL, another URL, or an in-process handler. Resolves with the judged
   * result; a failed delivery is `result.error`, a {@link DeliveryError}, not a rejection. Rejects
   * only for wrong usage (`VWS_ERR_INVALID_OPTION`, `VWS_ERR_UNKNOWN_EVENT`).
   */
  deliver<const TEvent extends string = string>(
    request: DeliverInput,
    target?: DeliveryTarget,
    options?: DeliverOptions & { readonly event?: DeliveryEventName<TEvent> },
  ): Promise<DeliveryResult>;
  /** Delivers many items with bounded concurrency and memory; every item yields exactly one result. */
  sendMany(items: Iterable<SendItem> | AsyncIterable<SendItem>, options?: SendManyOptions): SendRun;
  /**
   * Closes the sender's own dispatcher (an injected one is left open): lets requests in flight
   * finish, or with `abort: true` aborts them at once (each then fails as a reset connection).
   */
  close(options?: { readonly abort?: boolean }): Promise<void>;
}

// ---- sendMany -------------------------------------------------------------------------------------

/** One item of `sendMany` with its own event name or target. */
export interface SendJob {
  readonly request: DeliverInput;
  readonly event?: string;
  readonly target?: DeliveryTarget;
}

/**
 * What `sendMany` takes: requests, jobs, or thunks that build them when their turn comes. From a
 * sync iterable without `ratePerSecond`, thunks are run in batches of up to four times the
 * concurrency (at most 128) just ahead of their turn, which keeps generating and signing in the CPU
 * caches; from an async iterable or under a rate, each runs at its turn. So a sync input is pulled
 * up to one batch ahead: to stop a run, abort `signal` rather than ending the input.
 */
export type SendItem =
  | DeliverInput
  | SendJob
  | (() => DeliverInput | SendJob | Promise<DeliverInput | SendJob>);

/** Options of `sendMany`: the delivery options for every item, plus pacing. */
export interface SendManyOptions extends DeliverOptions {
  /** Deliveries in flight at once; default 16. */
  readonly concurrency?: number;
  /** Start at most this many deliveries per second (sender clock); default unlimited. */
  readonly ratePerSecond?: number;
  /** Target of every item without its own. */
  readonly target?: DeliveryTarget;
  /**
   * Stops the run when aborted: no delivery starts after it (items already read ahead are dropped);
   * deliveries in flight finish and the run ends with their results.
   */
  readonly signal?: AbortSignal;
}

/** Counts and latency of a `sendMany` run. */
export interface SendSummary {
  /** Items taken from the input; equals the sum of `outcomes`. */
  readonly total: number;
  readonly accepted: number;
  readonly failed: number;
  readonly outcomes: Readonly<Record<DeliveryOutcome, number>>;
  /** Attempts made, retries included. */
  readonly attempts: number;
  /** Per-delivery time (all attempts and waits), in milliseconds. */
  readonly latency: LatencySummary;
  readonly elapsedMs: number;
  /** Deliveries finished per second of `elapsedMs`. */
  readonly ratePerSecond: number;
}

/** A running `sendMany`: iterate it for results as they finish; `summary()` when it is done. */
export interface SendRun extends AsyncIterable<DeliveryResult> {
  /** Resolves when every item is done. Called without iterating, it runs the items and keeps no result. */
  summary(): Promise<SendSummary>;
}

// ---- internals: what the sender's parts pass each other -------------------------------------------

/** One delivery's options resolved once: its event, timeouts, response contract and retry policy. */
export interface Plan {
  readonly entry: CatalogEntry | null;
  readonly timeouts: WebhookTimeouts;
  readonly fallbackTimeouts: WebhookTimeouts;
  readonly contract: ResponseContract;
  readonly policy: RetryPolicy;
  readonly maxAttempts: number | undefined;
  readonly fallbackUrl: string | null;
  readonly target: DeliveryTarget | undefined;
}

/** What every delivery of one sender shares: its checked options, clock, sleep and dispatcher. */
export interface SenderContext {
  readonly options: SenderOptions;
  readonly timeScale: number;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** What each attempt reads: the clock, the success range and the excerpt size. */
  readonly attempt: AttemptContext;
  /** The dispatcher to send through: the injected one, or the sender's own `Agent`, made when first needed. */
  readonly dispatcher: () => Dispatcher;
  /** The catalog entry of an event name, looked up once per sender. */
  readonly entryOf: (name: string) => CatalogEntry;
}

/** What a `sendMany` run needs from its sender. */
export interface SendManyDeps<TPlan> {
  /** Checks the delivery options of an item and resolves its event, timeouts and retry policy. */
  readonly plan: (target: DeliveryTarget | undefined, options: DeliverOptions) => TPlan;
  /** `once`: the input was built for this delivery by a thunk and is not sent again. */
  readonly deliver: (
    input: DeliverInput,
    plan: TPlan,
    index: number,
    once?: boolean,
  ) => Promise<DeliveryResult>;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}
