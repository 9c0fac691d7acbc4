import type { Dispatcher } from 'undici';
import { type CatalogEntry, getEvent } from '../fixtures/catalog.js';
import { invalid } from './outgoing-request.js';
import { DEFAULT_TIME_SCALE, type SenderContext, type SenderOptions } from './sender-types.js';
import { DEFAULT_SUCCESS_RANGE } from './success-range.js';

const DEFAULT_EXCERPT = 2048;

/**
 * Checks a sender's options and fills in their defaults: the success range, time scale, excerpt
 * size, clock and sleep, plus a catalog lookup kept per sender. Throws `VWS_ERR_INVALID_OPTION`.
 */
export function toSenderContext(options: SenderOptions, dispatcher: () => Dispatcher): SenderContext {
  const success = options.successStatus ?? DEFAULT_SUCCESS_RANGE;
  if (!(Number.isInteger(success.min) && Number.isInteger(success.max) && success.min <= success.max)) {
    throw invalid(
      `Invalid successStatus ${JSON.stringify(success)}: use { min: ${DEFAULT_SUCCESS_RANGE.min}, max: ${DEFAULT_SUCCESS_RANGE.max} } or another range.`,
    );
  }
  const timeScale = options.timeScale ?? DEFAULT_TIME_SCALE;
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
  const entries = new Map<string, CatalogEntry>();
  const entryOf = (name: string): CatalogEntry => {
    let entry = entries.get(name);
    if (entry === undefined) {
      entry = getEvent(name);
      entries.set(name, entry);
    }
    return entry;
  };
  return {
    options,
    timeScale,
    now,
    sleep,
    attempt: { now, success, excerptBytes },
    dispatcher,
    entryOf,
  };
}
