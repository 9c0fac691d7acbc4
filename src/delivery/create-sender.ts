import type { Dispatcher } from 'undici';
import { type CatalogEntry, getEvent } from '../fixtures/catalog.js';
import type { ResponseContract, TransportFormat } from '../fixtures/shared/define-event.js';
import { DeliveryError } from './delivery-error.js';
import {
  type DeliveryAttempt,
  type DeliveryResult,
  type RequestSummary,
  toOutcome,
} from './delivery-result.js';
import { type FetchHandler, sendToHandler } from './handler-attempt.js';
import {
  type DeliverInput,
  type DispatchUrl,
  invalid,
  type PreparedRequest,
  parseUrl,
  prepare,
  retarget,
  toDispatchUrl,
  toInput,
} from './outgoing-request.js';
import {
  type AttemptPhase,
  isRetryable,
  type RetryPolicy,
  retryPolicies,
  type StatusRange,
  scheduleAttempts,
  toRetryPolicy,
} from './retry.js';
import { type SendItem, type SendManyOptions, type SendRun, startSendMany } from './send-many.js';
import { type TimeoutOverrides, toTimeouts, type WebhookTimeouts } from './timeouts.js';
import { toRequestParts } from './to-request.js';
import { Agent } from './undici-agent.js';
import { type AttemptContext, type AttemptResult, UrlAttempt } from './url-attempt.js';

/** Where a webhook goes: a URL (the request's own by default) or an in-process {@link FetchHandler}. */
export type DeliveryTarget = string | URL | FetchHandler;

/** Whether a delivery follows Vonage's retry behaviour for its webhook or makes one attempt. */
export const retryModes = ['vonage', 'none'] as const;
/** One of {@link retryModes}. */
export type RetryMode = (typeof retryModes)[number];

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
   * with `eventType: "synchronous"` may answer an NCCO (reference vonage-conversations §1.2).
   */
  readonly response?: ResponseContract;
}

/** Options of {@link createSender}. */
export interface SenderOptions {
  /** The undici dispatcher to send through; default a dedicated keep-alive `Agent` the sender owns. */
  readonly dispatcher?: Dispatcher;
  /** Statuses Vonage counts as delivered; default 200–205 (reference 10). */
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
  deliver(request: DeliverInput, target?: DeliveryTarget, options?: DeliverOptions): Promise<DeliveryResult>;
  /** Delivers many items with bounded concurrency and memory; every item yields exactly one result. */
  sendMany(items: Iterable<SendItem> | AsyncIterable<SendItem>, options?: SendManyOptions): SendRun;
  /**
   * Closes the sender's own dispatcher (an injected one is left open): lets requests in flight
   * finish, or with `abort: true` aborts them at once (each then fails as a reset connection).
   */
  close(options?: { readonly abort?: boolean }): Promise<void>;
}

// ---- internals ------------------------------------------------------------------------------------

const DEFAULT_SUCCESS: StatusRange = { min: 200, max: 205 };
const DEFAULT_EXCERPT = 2048;

interface Plan {
  readonly entry: CatalogEntry | null;
  readonly timeouts: WebhookTimeouts;
  readonly fallbackTimeouts: WebhookTimeouts;
  readonly contract: ResponseContract;
  readonly policy: RetryPolicy;
  readonly maxAttempts: number | undefined;
  readonly fallbackUrl: string | null;
  readonly target: DeliveryTarget | undefined;
}

// ---- the sender -----------------------------------------------------------------------------------

/**
 * Creates a sender that delivers webhook requests through undici's own dispatcher (not the global
 * `fetch`, so msw and other global interceptors do not see them) and judges each answer as Vonage
 * does: 200–205 delivered, 3xx a failure (never followed), Vonage's timeouts per webhook kind, NCCO
 * validation where Vonage reads one, and on request Vonage's retries and fallback answer URL.
 *
 * @see https://developer.vonage.com/getting-started/concepts/webhooks
 * @example
 * ```ts
 * import { createSender, generate, toRequestParts } from 'vonage-webhook-simulator';
 * const sender = createSender();
 * const request = toRequestParts(
 *   { name: 'voice.answer', payload: generate('voice.answer') },
 *   { url: 'http://127.0.0.1:3000/webhooks/answer' },
 * );
 * const result = await sender.deliver(request, undefined, { event: 'voice.answer' });
 * console.log(result.outcome, result.ncco);
 * for await (const each of sender.sendMany([request, request], { event: 'voice.answer', concurrency: 2 })) {
 *   console.log(each.index, each.outcome);
 * }
 * await sender.close();
 * ```
 */
export function createSender(options: SenderOptions = {}): Sender {
  const success = options.successStatus ?? DEFAULT_SUCCESS;
  if (!(Number.isInteger(success.min) && Number.isInteger(success.max) && success.min <= success.max)) {
    throw invalid(
      `Invalid successStatus ${JSON.stringify(success)}: use { min: 200, max: 205 } or another range.`,
    );
  }
  const timeScale = options.timeScale ?? 1;
  if (!(Number.isFinite(timeScale) && timeScale >= 0)) {
    throw invalid(`Invalid timeScale ${String(timeScale)}: use a number of 0 or more, e.g. 0.0001.`);
  }
  const excerptBytes = options.excerptBytes ?? DEFAULT_EXCERPT;
  if (!(Number.isInteger(excerptBytes) && excerptBytes >= 0)) {
    throw invalid(`Invalid excerptBytes ${String(excerptBytes)}: use a whole number of bytes such as 2048.`);
  }
  const now = options.now ?? (() => performance.now());
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms))));
  let ownAgent: InstanceType<typeof Agent> | undefined;
  const dispatcher = (): Dispatcher => {
    if (options.dispatcher !== undefined) return options.dispatcher;
    // Keep-alive is undici's default; set here because the benchmark and the connect timing rely on it.
    ownAgent ??= new Agent({ keepAliveTimeout: 4000, pipelining: 1 });
    return ownAgent;
  };
  const entries = new Map<string, CatalogEntry>();
  const entryOf = (name: string): CatalogEntry => {
    let entry = entries.get(name);
    if (entry === undefined) {
      entry = getEvent(name);
      entries.set(name, entry);
    }
    return entry;
  };

  function plan(target: DeliveryTarget | undefined, deliverOptions: DeliverOptions): Plan {
    const entry = deliverOptions.event === undefined ? null : entryOf(deliverOptions.event);
    const mode = deliverOptions.retries ?? options.retries ?? 'none';
    if (!(retryModes as readonly string[]).includes(mode)) {
      throw invalid(`Unknown retries mode "${String(mode)}": use ${retryModes.join(' or ')}.`);
    }
    const policy =
      mode === 'vonage' && entry !== null ? toRetryPolicy(entry.webhook, entry.response) : retryPolicies.none;
    if (
      target !== undefined &&
      typeof target !== 'function' &&
      typeof target !== 'string' &&
      !(target instanceof URL)
    ) {
      throw invalid(
        'Invalid target: pass a URL (string or URL) or a fetch-style handler (request) => Response.',
      );
    }
    const fallback = deliverOptions.fallbackUrl;
    return {
      entry,
      timeouts: toTimeouts(entry?.webhook, options.timeouts, deliverOptions.timeout),
      fallbackTimeouts: toTimeouts('voice-fallback', options.timeouts, deliverOptions.timeout),
      contract: deliverOptions.response ?? entry?.response ?? 'ignored',
      policy,
      maxAttempts: deliverOptions.maxAttempts ?? options.maxAttempts,
      fallbackUrl: fallback === undefined ? null : parseUrl(fallback).href,
      target,
    };
  }

  const attemptContext: AttemptContext = { now, success, excerptBytes };

  function sendToUrl(
    prepared: PreparedRequest,
    url: DispatchUrl,
    timeouts: WebhookTimeouts,
    contract: ResponseContract,
  ): Promise<AttemptResult> {
    return new UrlAttempt(attemptContext, prepared, url, timeouts, contract).start(dispatcher());
  }

  function attempt(
    prepared: PreparedRequest,
    target: DeliveryTarget | undefined,
    timeouts: WebhookTimeouts,
    contract: ResponseContract,
  ) {
    if (typeof target === 'function')
      return sendToHandler(attemptContext, prepared, target, timeouts, contract);
    const url = toDispatchUrl(target === undefined ? prepared.url : retarget(prepared.url, target));
    return sendToUrl(prepared, url, timeouts, contract);
  }

  function whereOf(prepared: PreparedRequest, target: DeliveryTarget | undefined): string {
    if (target === undefined || typeof target === 'function') return prepared.url;
    return retarget(prepared.url, target);
  }

  async function run(prepared: PreparedRequest, thePlan: Plan, index: number): Promise<DeliveryResult> {
    const { policy, target } = thePlan;
    const request: RequestSummary = {
      method: prepared.method,
      url: whereOf(prepared, target),
      event: thePlan.entry?.name ?? null,
    };
    const attempts: DeliveryAttempt[] = [];
    const started = now();
    let last: AttemptResult | undefined;
    const record = (
      result: AttemptResult,
      number: number,
      phase: AttemptPhase,
      url: string,
      offset: number,
      at: number,
    ) => {
      attempts.push({
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
      });
    };

    if (policy.urlAttempts === 1 && policy.fallbackAttempts === 0) {
      // One attempt: the common case, kept free of the schedule machinery.
      last = await attempt(prepared, target, thePlan.timeouts, thePlan.contract);
      record(last, 1, 'first', request.url, 0, started);
    } else {
      const fallbackEnabled = thePlan.fallbackUrl !== null && policy.fallbackAttempts > 0;
      let fallback: PreparedRequest | undefined;
      const scheduleOptions =
        thePlan.maxAttempts === undefined
          ? { fallback: fallbackEnabled }
          : { fallback: fallbackEnabled, maxAttempts: thePlan.maxAttempts };
      for (const slot of scheduleAttempts(policy, scheduleOptions)) {
        if (last !== undefined) {
          if (last.ok || last.code === null || !isRetryable(policy, { code: last.code, status: last.status }))
            break;
          if (slot.delayMs > 0 && timeScale > 0) await sleep(slot.delayMs * timeScale);
        }
        const at = now();
        if (slot.phase === 'fallback' && thePlan.fallbackUrl !== null && last !== undefined) {
          fallback ??= toFallback(prepared, thePlan, last, request.url);
          const fallbackTarget = typeof target === 'function' ? target : undefined;
          last = await attempt(fallback, fallbackTarget, thePlan.fallbackTimeouts, 'ncco');
          record(last, slot.number, slot.phase, fallback.url, slot.offsetMs, at);
        } else {
          last = await attempt(prepared, target, thePlan.timeouts, thePlan.contract);
          record(last, slot.number, slot.phase, request.url, slot.offsetMs, at);
        }
      }
    }
    if (last === undefined) throw new Error('unreachable: every schedule has a first attempt');
    const durationMs = now() - started;
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

  /** The fallback request (reference 3.3b): the original data plus `reason` and `original_request`. */
  function toFallback(
    prepared: PreparedRequest,
    thePlan: Plan,
    failure: AttemptResult,
    originalUrl: string,
  ): PreparedRequest {
    const kind = thePlan.entry?.webhook;
    const type = kind === 'voice-answer' ? 'answer' : 'event';
    const format: TransportFormat = prepared.method === 'GET' ? 'query' : 'json';
    const url = new URL(originalUrl);
    const original: Record<string, unknown> = {};
    if (format === 'query') {
      for (const [key, value] of url.searchParams) original[key] = value;
      url.search = '';
    } else if (prepared.body !== null && prepared.body.trim() !== '') {
      Object.assign(original, toBodyFields(prepared.body));
    }
    const payload = {
      ...original,
      reason: toFallbackReason(failure),
      original_request: { url: url.href, type },
    };
    const parts = toRequestParts(
      { name: type === 'answer' ? 'voice.fallback.answer' : 'voice.fallback.event', payload },
      {
        url: thePlan.fallbackUrl ?? originalUrl,
        format,
        ...(options.signatureSecret === undefined ? {} : { signatureSecret: options.signatureSecret }),
        ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
        ...(options.applicationId === undefined ? {} : { applicationId: options.applicationId }),
      },
    );
    return prepare(parts);
  }

  function checkFallbackSigning(prepared: PreparedRequest, thePlan: Plan): void {
    if (thePlan.fallbackUrl === null || thePlan.policy.fallbackAttempts === 0) return;
    const signed = prepared.headers.some(([name]) => name.toLowerCase() === 'authorization');
    if (signed && (options.signatureSecret === undefined || options.apiKey === undefined)) {
      throw invalid(
        'The request is signed, and its fallback request must be signed again over its new body: pass signatureSecret and apiKey to createSender.',
      );
    }
  }

  function deliverOne(input: DeliverInput, thePlan: Plan, index: number): Promise<DeliveryResult> {
    const maybe = toInput(input);
    if (maybe instanceof Promise) {
      return maybe.then((prepared) => {
        checkFallbackSigning(prepared, thePlan);
        return run(prepared, thePlan, index);
      });
    }
    checkFallbackSigning(maybe, thePlan);
    return run(maybe, thePlan, index);
  }

  return {
    deliver(request, target, deliverOptions = {}) {
      try {
        return deliverOne(request, plan(target, deliverOptions), 0);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    sendMany(items, manyOptions = {}) {
      return startSendMany(items, manyOptions, { plan, deliver: deliverOne, now, sleep });
    },
    async close(closeOptions = {}) {
      const agent = ownAgent;
      ownAgent = undefined;
      // `destroy` aborts requests in flight at once; `close` lets them finish.
      if (closeOptions.abort === true) await agent?.destroy();
      else await agent?.close();
    },
  };
}

/** The fields of a POST body: a JSON object as it is, else form fields. */
function toBodyFields(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // not JSON: read as form fields below
  }
  return Object.fromEntries(new URLSearchParams(body));
}

/**
 * The `reason` of a fallback request. Vonage's docs show "Connection closed." only (✅ reference
 * 3.3b); the other wordings are ours (❓) and name the failure the same way.
 */
function toFallbackReason(failure: AttemptResult): string {
  switch (failure.code) {
    case 'VWS_ERR_DELIVERY_TIMEOUT':
      return 'Read timed out.';
    case 'VWS_ERR_DELIVERY_CONNECTION_REFUSED':
      return 'Connection refused.';
    case 'VWS_ERR_DELIVERY_STATUS':
      return `Received HTTP status ${failure.status ?? 0}.`;
    default:
      return 'Connection closed.';
  }
}
