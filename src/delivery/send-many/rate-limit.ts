/**
 * Paces the starts of a run at `ratePerSecond` on the sender's clock: each call waits for the next
 * free slot, one interval after the previous one.
 */
export function createRateLimit(
  rate: number,
  now: () => number,
  sleep: (ms: number) => Promise<void>,
): () => Promise<void> {
  let nextSlot = 0;
  return async (): Promise<void> => {
    const interval = 1000 / rate;
    const current = now();
    const slot = Math.max(current, nextSlot);
    nextSlot = slot + interval;
    if (slot > current) await sleep(slot - current);
  };
}
