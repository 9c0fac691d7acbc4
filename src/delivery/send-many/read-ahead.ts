import type { DeliverInput } from '../outgoing-request.js';
import type { SendItem, SendJob } from '../sender-types.js';
import { type ItemSource, pullItem, type TakenItem } from './item-source.js';

/**
 * The most thunks built in one go. Building a batch of requests back to back, then sending them,
 * costs less CPU per request than alternating one build and one send, as the code and data of
 * generating and signing stay in the CPU caches; larger batches gain a little more
 * (bench/prof-send.js, docs/decisions/073-send-benchmark.md).
 */
const MAX_READ_AHEAD = 128;

/**
 * How many items a run builds ahead: four times `concurrency` (at most {@link MAX_READ_AHEAD}) for a
 * sync input without a rate, so memory stays bounded by `concurrency`; none for an async input, whose
 * items come when they come, or under `ratePerSecond`, where a request built early would carry an
 * early timestamp.
 */
export function toReadAhead(concurrency: number, isAsync: boolean, paced: boolean): number {
  return isAsync || paced ? 0 : Math.min(concurrency * 4, MAX_READ_AHEAD);
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Runs a thunk now: its request, a thunk that hands over its pending promise, or what it threw. */
function runThunk(thunk: () => DeliverInput | SendJob | Promise<DeliverInput | SendJob>): TakenItem {
  try {
    const job = thunk();
    if (!isThenable(job)) return { kind: 'built', job };
    // Waited for at its turn: until then a rejection is not "unhandled" (which would end the process).
    const pending = Promise.resolve(job);
    pending.catch(() => undefined);
    return { kind: 'item', item: () => pending };
  } catch (error) {
    return { kind: 'failed', error };
  }
}

/**
 * Takes the next item. From a sync input whose next item is a thunk, takes and builds up to
 * `source.readAhead` thunks in one go and hands them out in order; the input's end or error is
 * kept until the batch is used up. Returns `null` at the end of the input.
 */
export function takeItem(source: ItemSource): Promise<TakenItem | null> | TakenItem | null {
  const ready = source.ahead.shift();
  if (ready !== undefined) return ready;
  if (source.ended) {
    source.exhausted = true;
    return null;
  }
  const next = pullItem(source);
  if (next instanceof Promise) return next.then((step) => toTaken(source, step));
  return toTaken(source, next);
}

function toTaken(source: ItemSource, step: IteratorResult<SendItem>): TakenItem | null {
  if (step.done === true) {
    source.exhausted = true;
    return null;
  }
  const item = step.value;
  if (typeof item !== 'function' || source.readAhead <= 1) return { kind: 'item', item };
  const first = runThunk(item);
  fillAhead(source);
  return first;
}

/** Builds the following thunks of a sync input, up to `readAhead - 1`, stopping at an item that is not one. */
function fillAhead(source: ItemSource): void {
  const iterator = source.iterator as Iterator<SendItem>;
  while (source.ahead.length < source.readAhead - 1) {
    let step: IteratorResult<SendItem>;
    try {
      step = iterator.next();
    } catch (error) {
      source.ahead.push({ kind: 'input-error', error });
      source.ended = true;
      return;
    }
    if (step.done === true) {
      source.ended = true;
      return;
    }
    const item = step.value;
    if (typeof item !== 'function') {
      source.ahead.push({ kind: 'item', item });
      return;
    }
    source.ahead.push(runThunk(item));
  }
}
