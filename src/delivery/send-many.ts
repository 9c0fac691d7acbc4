import { VwsError } from '../errors.js';
import type { DeliverOptions, DeliveryTarget } from './create-sender.js';
import { type DeliveryOutcome, type DeliveryResult, deliveryOutcomes } from './delivery-result.js';
import { createLatencyHistogram, type LatencySummary } from './latency.js';
import { type DeliverInput, invalid, isRequest } from './outgoing-request.js';

/** One item of `sendMany` with its own event name or target. */
export interface SendJob {
  readonly request: DeliverInput;
  readonly event?: string;
  readonly target?: DeliveryTarget;
}

/** What `sendMany` takes: requests, jobs, or thunks that build them when their turn comes. */
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

/** What a run needs from its sender. */
export interface SendManyDeps<TPlan> {
  /** Checks the delivery options of an item and resolves its event, timeouts and retry policy. */
  readonly plan: (target: DeliveryTarget | undefined, options: DeliverOptions) => TPlan;
  readonly deliver: (input: DeliverInput, plan: TPlan, index: number) => Promise<DeliveryResult>;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

const DEFAULT_CONCURRENCY = 16;

function isSendJob(value: unknown): value is SendJob {
  return typeof value === 'object' && value !== null && 'request' in value && !isRequest(value);
}

function notSent(error: unknown, index: number, event: string | null): DeliveryResult {
  const vwsError =
    error instanceof VwsError
      ? error
      : new VwsError(
          'VWS_ERR_INVALID_OPTION',
          `Item ${index} could not be built: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
  return {
    index,
    ok: false,
    outcome: 'not_sent',
    code: vwsError.code,
    status: null,
    request: { method: '', url: '', event },
    response: null,
    ncco: null,
    attempts: [],
    durationMs: 0,
    error: vwsError,
    nccoIssues: [],
  };
}

/**
 * Runs a `sendMany`: `concurrency` workers take items from the input one at a time, so memory holds
 * at most `concurrency` deliveries in flight and `concurrency` results waiting for the consumer;
 * counts and a fixed-size latency histogram make the summary (docs/decisions/069-bounded-send-many.md).
 */
export function startSendMany<TPlan>(
  items: Iterable<SendItem> | AsyncIterable<SendItem>,
  manyOptions: SendManyOptions,
  deps: SendManyDeps<TPlan>,
): SendRun {
  const { plan, deliver: deliverOne, now, sleep } = deps;
  const concurrency = manyOptions.concurrency ?? DEFAULT_CONCURRENCY;
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) {
    throw invalid(`Invalid concurrency ${String(concurrency)}: use a whole number of 1 or more, e.g. 16.`);
  }
  const rate = manyOptions.ratePerSecond;
  if (rate !== undefined && !(Number.isFinite(rate) && rate > 0)) {
    throw invalid(`Invalid ratePerSecond ${String(rate)}: use a positive number, e.g. 100.`);
  }
  const { concurrency: _c, ratePerSecond: _r, target: defaultTarget, ...deliverOptions } = manyOptions;
  // Validate the shared options once, before anything is sent; items without their own target
  // reuse the plan of their event.
  const plans = new Map<string | undefined, TPlan>([
    [deliverOptions.event, plan(defaultTarget, deliverOptions)],
  ]);
  const planFor = (target: DeliveryTarget | undefined, event: string | undefined): TPlan => {
    const options: DeliverOptions =
      event === deliverOptions.event || event === undefined ? deliverOptions : { ...deliverOptions, event };
    if (target !== defaultTarget) return plan(target, options);
    let cached = plans.get(event);
    if (cached === undefined) {
      cached = plan(target, options);
      plans.set(event, cached);
    }
    return cached;
  };

  const histogram = createLatencyHistogram();
  const outcomes = Object.fromEntries(deliveryOutcomes.map((outcome) => [outcome, 0])) as Record<
    DeliveryOutcome,
    number
  >;
  let total = 0;
  let attemptCount = 0;
  let startedAt = 0;
  let nextSlot = 0;

  // A bounded hand-off between workers and the consumer: at most `concurrency` results wait.
  const buffer: DeliveryResult[] = [];
  let consumerWaiting: (() => void) | null = null;
  const producersWaiting: (() => void)[] = [];
  let finished = false;
  let cancelled = false;
  let discard = false;
  let failure: { error: unknown } | null = null;
  let started = false;
  let iterating = false;
  let summaryPromise: Promise<SendSummary> | null = null;
  let resolveDone: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });

  const wakeConsumer = (): void => {
    const wake = consumerWaiting;
    consumerWaiting = null;
    wake?.();
  };
  /** Counts a result and hands it on; returns false when the consumer is `concurrency` results behind. */
  const push = (result: DeliveryResult): boolean => {
    total += 1;
    outcomes[result.outcome] += 1;
    attemptCount += result.attempts.length;
    histogram.record(result.durationMs);
    // summary() without iteration: nobody reads the results, so none is kept.
    if (discard || cancelled) return true;
    buffer.push(result);
    wakeConsumer();
    return buffer.length < concurrency;
  };
  const waitForSpace = async (): Promise<void> => {
    while (buffer.length >= concurrency && !cancelled && !discard) {
      await new Promise<void>((resolve) => producersWaiting.push(resolve));
    }
  };

  const iterator =
    Symbol.asyncIterator in items
      ? (items as AsyncIterable<SendItem>)[Symbol.asyncIterator]()
      : (items as Iterable<SendItem>)[Symbol.iterator]();
  const isAsync = Symbol.asyncIterator in items;
  let pulling: Promise<unknown> = Promise.resolve();
  let exhausted = false;
  let taken = 0;
  const pull = (): Promise<IteratorResult<SendItem>> | IteratorResult<SendItem> => {
    if (!isAsync) return (iterator as Iterator<SendItem>).next();
    // Async iterators are pulled one at a time: not every implementation queues concurrent next() calls.
    const next = pulling.then(() => (iterator as AsyncIterator<SendItem>).next());
    pulling = next.catch(() => undefined);
    return next;
  };

  const waitForSlot = async (): Promise<void> => {
    if (rate === undefined) return;
    const interval = 1000 / rate;
    const current = now();
    const slot = Math.max(current, nextSlot);
    nextSlot = slot + interval;
    if (slot > current) await sleep(slot - current);
  };

  const deliverJob = (job: DeliverInput | SendJob, index: number): Promise<DeliveryResult> => {
    const sendJob = isSendJob(job) ? job : null;
    const input = sendJob === null ? (job as DeliverInput) : sendJob.request;
    const target = sendJob?.target ?? defaultTarget;
    const event = sendJob?.event ?? deliverOptions.event;
    try {
      return deliverOne(input, planFor(target, event), index);
    } catch (error) {
      return Promise.resolve(notSent(error, index, event ?? null));
    }
  };
  const deliverThunk = async (
    thunk: () => DeliverInput | SendJob | Promise<DeliverInput | SendJob>,
    index: number,
  ): Promise<DeliveryResult> => {
    let job: DeliverInput | SendJob;
    try {
      job = await thunk();
    } catch (error) {
      return notSent(error, index, deliverOptions.event ?? null);
    }
    return deliverJob(job, index);
  };

  const worker = async (): Promise<void> => {
    while (!exhausted && !cancelled && failure === null) {
      const next = pull();
      const step = next instanceof Promise ? await next : next;
      if (step.done === true) {
        exhausted = true;
        return;
      }
      const index = taken;
      taken += 1;
      if (rate !== undefined) await waitForSlot();
      const item = step.value;
      let result: DeliveryResult;
      try {
        result = await (typeof item === 'function' ? deliverThunk(item, index) : deliverJob(item, index));
      } catch (error) {
        // A request that fails while it is prepared (a fetch Request whose body was already read).
        result = notSent(error, index, deliverOptions.event ?? null);
      }
      if (!push(result)) await waitForSpace();
    }
  };

  const start = (): void => {
    if (started) return;
    started = true;
    startedAt = now();
    const workers: Promise<void>[] = [];
    for (let index = 0; index < concurrency; index += 1) workers.push(worker());
    Promise.all(workers).then(
      () => {
        finished = true;
        wakeConsumer();
        resolveDone();
      },
      (error: unknown) => {
        failure = { error };
        finished = true;
        wakeConsumer();
        resolveDone();
      },
    );
  };

  const summarize = (): SendSummary => {
    const elapsedMs = now() - startedAt;
    const accepted = outcomes.accepted;
    return {
      total,
      accepted,
      failed: total - accepted,
      outcomes: { ...outcomes },
      attempts: attemptCount,
      latency: histogram.summary(),
      elapsedMs,
      ratePerSecond: elapsedMs > 0 ? (total * 1000) / elapsedMs : 0,
    };
  };

  async function* results(): AsyncGenerator<DeliveryResult, void, undefined> {
    start();
    try {
      for (;;) {
        const next = buffer.shift();
        if (next !== undefined) {
          producersWaiting.shift()?.();
          yield next;
          continue;
        }
        if (finished) break;
        await new Promise<void>((resolve) => {
          consumerWaiting = resolve;
        });
      }
    } finally {
      if (!finished) {
        // The consumer stopped early (break): stop taking items and let the workers end.
        cancelled = true;
        for (const release of producersWaiting.splice(0)) release();
        await iterator.return?.();
      }
    }
    if (failure !== null) throw (failure as { error: unknown }).error;
  }

  return {
    [Symbol.asyncIterator]() {
      if (iterating) throw invalid('A sendMany run can be iterated once.');
      iterating = true;
      return results();
    },
    summary() {
      summaryPromise ??= (async () => {
        if (!iterating) {
          iterating = true;
          discard = true;
          start();
          await done;
          if (failure !== null) throw (failure as { error: unknown }).error;
        } else {
          await done;
          if (failure !== null) throw (failure as { error: unknown }).error;
        }
        return summarize();
      })();
      return summaryPromise;
    },
  };
}
