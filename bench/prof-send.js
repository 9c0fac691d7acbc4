// Profiling aid for the sender hot path: `node --cpu-prof --cpu-prof-dir=/tmp/prof bench/prof-send.js [fresh]`.
// Runs sendMany against the benchmark sink for BENCH_SECONDS (default 5) and prints the rate.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const pkg = await import('../dist/index.js');
const pick = async (name, path) => pkg[name] ?? (await import(path))[name];
const createSender = await pick('createSender', '../dist/delivery/create-sender.js');
const toRequestParts = await pick('toRequestParts', '../dist/delivery/to-request.js');
const { generate, listEvents } = pkg;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const fresh = process.argv.includes('fresh');
const sink = fork(fileURLToPath(new URL('./sink.js', import.meta.url)), { stdio: 'inherit' });
const { port } = await new Promise((resolve) => sink.once('message', resolve));
const url = `http://127.0.0.1:${port}/webhooks/status`;
const events = listEvents()
  .filter((entry) => entry.signing === 'jwt' && entry.formats[0] === 'json')
  .map((entry) => entry.name);
const build = (i) => {
  const name = events[i % events.length];
  return toRequestParts(
    { name, payload: generate(name, { seed: i }) },
    { url, signatureSecret: 'secret', apiKey: 'a1b2c3d4' },
  );
};
const pregenerated = Array.from({ length: 2000 }, (_, i) => build(i));
const sender = createSender();
const end = performance.now() + SECONDS * 1000;
function* items() {
  for (let i = 0; performance.now() < end; i += 1) yield fresh ? () => build(i) : pregenerated[i % 2000];
}
const summary = await sender.sendMany(items(), { concurrency: 32 }).summary();
console.log(
  `${Math.round(summary.ratePerSecond)} req/s`,
  summary.outcomes.accepted,
  'accepted of',
  summary.total,
);
await sender.close();
sink.disconnect();
