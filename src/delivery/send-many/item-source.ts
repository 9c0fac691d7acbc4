import type { SendItem } from '../sender-types.js';

/** The input of a `sendMany`, taken one item at a time by its workers. */
export interface ItemSource {
  readonly iterator: Iterator<SendItem> | AsyncIterator<SendItem>;
  readonly isAsync: boolean;
  /** The last `next()` of an async input, which the following one waits for. */
  pulling: Promise<unknown>;
  /** Whether the input has ended. */
  exhausted: boolean;
  /** Items taken so far: the index of the next one. */
  taken: number;
}

/** Opens the input of a run: a sync or async iterable of items. */
export function toItemSource(items: Iterable<SendItem> | AsyncIterable<SendItem>): ItemSource {
  const iterator =
    Symbol.asyncIterator in items
      ? (items as AsyncIterable<SendItem>)[Symbol.asyncIterator]()
      : (items as Iterable<SendItem>)[Symbol.iterator]();
  const isAsync = Symbol.asyncIterator in items;
  return { iterator, isAsync, pulling: Promise.resolve(), exhausted: false, taken: 0 };
}

/** Takes the next item: at once from a sync input, in turn from an async one. */
export function pullItem(source: ItemSource): Promise<IteratorResult<SendItem>> | IteratorResult<SendItem> {
  if (!source.isAsync) return (source.iterator as Iterator<SendItem>).next();
  // Async iterators are pulled one at a time: not every implementation queues concurrent next() calls.
  const next = source.pulling.then(() => (source.iterator as AsyncIterator<SendItem>).next());
  source.pulling = next.catch(() => undefined);
  return next;
}
