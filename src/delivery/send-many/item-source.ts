import type { DeliverInput } from '../outgoing-request.js';
import type { SendItem, SendJob } from '../sender-types.js';

/**
 * An item taken from a run's input: as it came, or a thunk of a sync input already run (its request,
 * or what it threw), or the error the input itself threw, which ends the run as before.
 */
export type TakenItem =
  | { readonly kind: 'item'; readonly item: SendItem }
  | { readonly kind: 'built'; readonly job: DeliverInput | SendJob }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'input-error'; readonly error: unknown };

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
  /** How many thunks of a sync input are built in one go (0 or 1: each when its turn comes). */
  readonly readAhead: number;
  /** Items taken from the input ahead of their turn, in order. */
  readonly ahead: TakenItem[];
  /** The input has ended (or thrown) while reading ahead: nothing more is pulled. */
  ended: boolean;
}

/** Opens the input of a run: a sync or async iterable of items. */
export function toItemSource(
  items: Iterable<SendItem> | AsyncIterable<SendItem>,
  readAhead: (isAsync: boolean) => number = () => 0,
): ItemSource {
  const iterator =
    Symbol.asyncIterator in items
      ? (items as AsyncIterable<SendItem>)[Symbol.asyncIterator]()
      : (items as Iterable<SendItem>)[Symbol.iterator]();
  const isAsync = Symbol.asyncIterator in items;
  return {
    iterator,
    isAsync,
    pulling: Promise.resolve(),
    exhausted: false,
    taken: 0,
    readAhead: readAhead(isAsync),
    ahead: [],
    ended: false,
  };
}

/** Takes the next item: at once from a sync input, in turn from an async one. */
export function pullItem(source: ItemSource): Promise<IteratorResult<SendItem>> | IteratorResult<SendItem> {
  if (!source.isAsync) return (source.iterator as Iterator<SendItem>).next();
  // Async iterators are pulled one at a time: not every implementation queues concurrent next() calls.
  const next = source.pulling.then(() => (source.iterator as AsyncIterator<SendItem>).next());
  source.pulling = next.catch(() => undefined);
  return next;
}
