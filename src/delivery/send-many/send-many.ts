import type { DeliveryResult } from '../delivery-result.js';
import { invalid } from '../outgoing-request.js';
import type { SendItem, SendManyDeps, SendManyOptions, SendRun, SendSummary } from '../sender-types.js';
import { toItemSource } from './item-source.js';
import { createRateLimit } from './rate-limit.js';
import { toReadAhead } from './read-ahead.js';
import { createItemDelivery } from './send-item.js';
import { cancelQueue, createResultQueue } from './send-queue.js';
import { createSendStats, toSendSummary } from './send-stats.js';
import { createSendManyRun, type SendManyRun, startWorkers } from './send-workers.js';

const DEFAULT_CONCURRENCY = 16;

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
  const { now, sleep } = deps;
  const concurrency = manyOptions.concurrency ?? DEFAULT_CONCURRENCY;
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) {
    throw invalid(`Invalid concurrency ${String(concurrency)}: use a whole number of 1 or more, e.g. 16.`);
  }
  const rate = manyOptions.ratePerSecond;
  if (rate !== undefined && !(Number.isFinite(rate) && rate > 0)) {
    throw invalid(`Invalid ratePerSecond ${String(rate)}: use a positive number, e.g. 100.`);
  }
  const {
    concurrency: _c,
    ratePerSecond: _r,
    target: defaultTarget,
    signal,
    ...deliverOptions
  } = manyOptions;
  // Validate the shared options once, before anything is sent; items without their own target
  // reuse the plan of their event.
  const delivery = createItemDelivery(deps, defaultTarget, deliverOptions);
  const run = createSendManyRun({
    queue: createResultQueue(concurrency),
    source: toItemSource(items, (isAsync) => toReadAhead(concurrency, isAsync, rate !== undefined)),
    stats: createSendStats(),
    delivery,
    waitForSlot: rate === undefined ? undefined : createRateLimit(rate, now, sleep),
    now,
    signal,
  });
  let iterating = false;
  let summaryPromise: Promise<SendSummary> | null = null;

  return {
    [Symbol.asyncIterator]() {
      if (iterating) throw invalid('A sendMany run can be iterated once.');
      iterating = true;
      return readResults(run);
    },
    summary() {
      summaryPromise ??= (async () => {
        if (!iterating) {
          // Called without iterating: run the items and keep no result.
          iterating = true;
          run.queue.discard = true;
          startWorkers(run);
        }
        await run.done;
        if (run.queue.failure !== null) throw run.queue.failure.error;
        return toSendSummary(run.stats, now() - run.startedAt);
      })();
      return summaryPromise;
    },
  };
}

/** The consumer's side: yields results as workers hand them on, and stops the run if it stops early. */
async function* readResults<TPlan>(run: SendManyRun<TPlan>): AsyncGenerator<DeliveryResult, void, undefined> {
  const { queue } = run;
  startWorkers(run);
  try {
    for (;;) {
      const next = queue.buffer.shift();
      if (next !== undefined) {
        queue.producersWaiting.shift()?.();
        yield next;
        continue;
      }
      if (queue.finished) break;
      await new Promise<void>((resolve) => {
        queue.consumerWaiting = resolve;
      });
    }
  } finally {
    if (!queue.finished) {
      // The consumer stopped early (break): stop taking items and let the workers end.
      cancelQueue(queue);
      await run.source.iterator.return?.();
    }
  }
  if (queue.failure !== null) throw queue.failure.error;
}
