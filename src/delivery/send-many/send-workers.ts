import type { DeliveryResult } from '../delivery-result.js';
import type { ItemSource, TakenItem } from './item-source.js';
import { takeItem } from './read-ahead.js';
import { deliverBuilt, deliverItem, type ItemDelivery, notSent } from './send-item.js';
import { finishQueue, offerResult, type ResultQueue, waitForSpace } from './send-queue.js';
import { recordResult, type SendStats } from './send-stats.js';

/** The state of one `sendMany` run, shared by its workers and its consumer. */
export interface SendManyRun<TPlan> {
  readonly queue: ResultQueue;
  readonly source: ItemSource;
  readonly stats: SendStats;
  readonly delivery: ItemDelivery<TPlan>;
  /** Waits for the next start slot under `ratePerSecond`; `undefined` when unlimited. */
  readonly waitForSlot: (() => Promise<void>) | undefined;
  readonly now: () => number;
  /** Once aborted, no delivery starts (SendManyOptions.signal). */
  readonly signal: AbortSignal | undefined;
  started: boolean;
  /** The sender clock when the workers started. */
  startedAt: number;
  /** Resolves when every worker has ended. */
  readonly done: Promise<void>;
  readonly resolveDone: () => void;
}

/** A run that has not started yet. */
export function createSendManyRun<TPlan>(
  parts: Pick<
    SendManyRun<TPlan>,
    'queue' | 'source' | 'stats' | 'delivery' | 'waitForSlot' | 'now' | 'signal'
  >,
): SendManyRun<TPlan> {
  let resolveDone: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  return { ...parts, started: false, startedAt: 0, done, resolveDone };
}

/** Starts `concurrency` workers, once; when they have all ended, the queue is finished. */
export function startWorkers<TPlan>(run: SendManyRun<TPlan>): void {
  if (run.started) return;
  run.started = true;
  run.startedAt = run.now();
  const workers: Promise<void>[] = [];
  for (let index = 0; index < run.queue.concurrency; index += 1) workers.push(runWorker(run));
  Promise.all(workers).then(
    () => {
      finishQueue(run.queue, null);
      run.resolveDone();
    },
    (error: unknown) => {
      finishQueue(run.queue, { error });
      run.resolveDone();
    },
  );
}

function deliverTaken<TPlan>(
  delivery: ItemDelivery<TPlan>,
  taken: Exclude<TakenItem, { kind: 'input-error' }>,
  index: number,
): Promise<DeliveryResult> {
  if (taken.kind === 'item') return deliverItem(delivery, taken.item, index);
  if (taken.kind === 'built') return deliverBuilt(delivery, taken.job, index);
  return Promise.resolve(notSent(taken.error, index, delivery.deliverOptions.event ?? null));
}

/**
 * One worker: takes an item from the input, waits for its rate slot, delivers it, counts the
 * result and hands it on, until the input ends, the consumer stops, or another worker failed.
 */
async function runWorker<TPlan>(run: SendManyRun<TPlan>): Promise<void> {
  const { queue, source } = run;
  while (!source.exhausted && !queue.cancelled && queue.failure === null && !run.signal?.aborted) {
    const next = takeItem(source);
    const taken = next instanceof Promise ? await next : next;
    if (taken === null) return;
    // Stopped while the item was taken: it is not delivered (nor counted).
    if (run.signal?.aborted) return;
    if (taken.kind === 'input-error') throw taken.error;
    const index = source.taken;
    source.taken += 1;
    if (run.waitForSlot !== undefined) {
      await run.waitForSlot();
      if (run.signal?.aborted) return;
    }
    let result: DeliveryResult;
    try {
      result = await deliverTaken(run.delivery, taken, index);
    } catch (error) {
      // A request that fails while it is prepared (a fetch Request whose body was already read).
      result = notSent(error, index, run.delivery.deliverOptions.event ?? null);
    }
    recordResult(run.stats, result);
    if (!offerResult(queue, result)) await waitForSpace(queue);
  }
}
