// Worker of the send benchmark: builds fresh signed webhooks (generate + toRequestParts + JWT) in
// batches, so that generation can run beside the sender on another core. Replies with plain
// { method, url, headers, body } objects.
import { parentPort, workerData } from 'node:worker_threads';

const dist = workerData?.dist ?? new URL('../dist/', import.meta.url).href;
const pkg = await import(new URL('index.js', dist).href);
const toRequestParts =
  pkg.toRequestParts ?? (await import(new URL('delivery/to-request.js', dist).href)).toRequestParts;

parentPort?.on('message', ({ events, start, count, url, signing }) => {
  const batch = [];
  for (let index = start; index < start + count; index += 1) {
    const name = events[index % events.length];
    const parts = toRequestParts({ name, payload: pkg.generate(name, { seed: index }) }, { url, ...signing });
    batch.push({ method: parts.method, url: parts.url, headers: parts.headers, body: parts.body });
  }
  parentPort?.postMessage(batch);
});
