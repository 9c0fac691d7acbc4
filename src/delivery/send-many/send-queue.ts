import type { DeliveryResult } from '../delivery-result.js';

/**
 * The bounded hand-off between a run's workers and its consumer: at most `concurrency` results
 * wait, and a worker that finds it full waits for the consumer (docs/decisions/069-bounded-send-many.md).
 */
export interface ResultQueue {
  readonly concurrency: number;
  readonly buffer: DeliveryResult[];
  /** The consumer, waiting for a result or the end. */
  consumerWaiting: (() => void) | null;
  /** Workers waiting for space in the buffer. */
  readonly producersWaiting: (() => void)[];
  /** Every worker has ended. */
  finished: boolean;
  /** The consumer stopped early: workers take no more items. */
  cancelled: boolean;
  /** `summary()` without iteration: nobody reads the results, so none is kept. */
  discard: boolean;
  /** What a worker threw (an input that failed), rethrown to the consumer. */
  failure: { error: unknown } | null;
}

/** An empty queue that holds at most `concurrency` results. */
export function createResultQueue(concurrency: number): ResultQueue {
  return {
    concurrency,
    buffer: [],
    consumerWaiting: null,
    producersWaiting: [],
    finished: false,
    cancelled: false,
    discard: false,
    failure: null,
  };
}

/** Wakes the consumer, if it waits. */
export function wakeConsumer(queue: ResultQueue): void {
  const wake = queue.consumerWaiting;
  queue.consumerWaiting = null;
  wake?.();
}

/** Hands a result on; returns false when the consumer is `concurrency` results behind. */
export function offerResult(queue: ResultQueue, result: DeliveryResult): boolean {
  // summary() without iteration: nobody reads the results, so none is kept.
  if (queue.discard || queue.cancelled) return true;
  queue.buffer.push(result);
  wakeConsumer(queue);
  return queue.buffer.length < queue.concurrency;
}

/** Waits until the buffer has room again, or nobody reads it any more. */
export async function waitForSpace(queue: ResultQueue): Promise<void> {
  while (queue.buffer.length >= queue.concurrency && !queue.cancelled && !queue.discard) {
    await new Promise<void>((resolve) => queue.producersWaiting.push(resolve));
  }
}

/** Marks the end of the workers, with what one of them threw if it did, and wakes the consumer. */
export function finishQueue(queue: ResultQueue, failure: { error: unknown } | null): void {
  if (failure !== null) queue.failure = failure;
  queue.finished = true;
  wakeConsumer(queue);
}

/** The consumer stopped early: workers take no more items, and those waiting for space go on. */
export function cancelQueue(queue: ResultQueue): void {
  queue.cancelled = true;
  for (const release of queue.producersWaiting.splice(0)) release();
}
