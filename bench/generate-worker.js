// Worker of the send benchmark: builds fresh signed webhooks (generate + toRequestParts + JWT) in
// batches, so that generation can run beside the sender on another core. Replies with plain
// { method, url, headers, body } objects.
import { parentPort } from 'node:worker_threads';

const pkg = await import('../dist/index.js');
const toRequestParts = pkg.toRequestParts ?? (await import('../dist/delivery/to-request.js')).toRequestParts;

parentPort?.on('message', ({ events, start, count, url, signing }) => {
  const batch = [];
  for (let index = start; index < start + count; index += 1) {
    const name = events[index % events.length];
    const parts = toRequestParts({ name, payload: pkg.generate(name, { seed: index }) }, { url, ...signing });
    batch.push({ method: parts.method, url: parts.url, headers: parts.headers, body: parts.body });
  }
  parentPort?.postMessage(batch);
});
