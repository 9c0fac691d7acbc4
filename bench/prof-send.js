// Where the send path's time goes (docs/decisions/073-send-benchmark.md). Runs sendMany against the
// benchmark sink for BENCH_SECONDS (default 5) with pre-generated items, or with `--fresh` items that
// are generated, built and signed per request, and prints the rate and the CPU per request.
//
//   node bench/prof-send.js [--fresh]            rate and CPU per request
//   node bench/prof-send.js [--fresh] --profile  the same under --cpu-prof: top self-time functions
//   node bench/prof-send.js [--fresh] --gc       the same under --trace-gc: time in GC per 1,000 requests
//   PROF_VARIANT=generate|discard node bench/prof-send.js   the work of a fresh request done beside a
//                                                           pre-generated send (see below)
//
// Needs a build (`npx tsc -p tsconfig.build.json && node scripts/bundle-lib.js`): it imports ../dist.
import { execFileSync, fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const modeArgs = process.argv.slice(2).filter((arg) => arg === '--fresh' || arg === 'fresh');
const TOP = Number(process.env.PROF_TOP ?? 20);

if (process.argv.includes('--profile')) {
  const dir = mkdtempSync(join(tmpdir(), 'vws-prof-'));
  const out = execFileSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, self, ...modeArgs], {
    encoding: 'utf8',
  });
  process.stdout.write(out);
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error('no .cpuprofile written');
  printProfile(JSON.parse(readFileSync(join(dir, file), 'utf8')));
  if (process.env.PROF_KEEP === undefined) rmSync(dir, { recursive: true });
  else console.log(`profile kept in ${join(dir, file)}`);
} else if (process.argv.includes('--gc')) {
  const out = execFileSync(process.execPath, ['--trace-gc', self, ...modeArgs], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  printGc(out);
} else {
  await run(modeArgs.length > 0);
}

/** Self time per function of a V8 CPU profile, the top ones, with their share of all samples. */
function printProfile(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const counts = new Map();
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  const self = new Map();
  let total = 0;
  for (const [id, count] of counts) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const where = url === '' ? '' : ` ${url.replace(/^.*\/(dist|node_modules)\//, '$1/')}:${lineNumber + 1}`;
    const key = `${functionName || '(anonymous)'}${where}`;
    self.set(key, (self.get(key) ?? 0) + count);
    total += count;
  }
  // Inclusive time of the stages of a fresh request: a function's samples and its callees', once per sample.
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const stages = [
    'build',
    'generate',
    'toRequestParts',
    'signWebhookJwt',
    'signJwt',
    'deliverOne',
    'dispatch',
    'runWorker',
  ];
  const inclusive = new Map(stages.map((name) => [name, 0]));
  for (const [id, count] of counts) {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const name = byId.get(at).callFrame.functionName;
      if (inclusive.has(name) && !seen.has(name)) {
        seen.add(name);
        inclusive.set(name, inclusive.get(name) + count);
      }
    }
  }
  console.log(
    `inclusive: ${[...inclusive].map(([name, count]) => `${name} ${((100 * count) / total).toFixed(1)}%`).join(', ')}`,
  );
  console.log(`\ntop ${TOP} self-time functions (${total} samples):`);
  for (const [key, count] of [...self].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
    console.log(`${((100 * count) / total).toFixed(1).padStart(5)}%  ${key}`);
  }
}

/** Sums a --trace-gc log: pauses by kind, per 1,000 requests, and the young-generation MB freed per request. */
function printGc(out) {
  const requests = Number(/^(\d+) requests/m.exec(out)?.[1] ?? Number.NaN);
  const kinds = new Map();
  let freedMb = 0;
  // e.g. "[123:0x...]   512 ms: Scavenge 10.1 (12.3) -> 9.4 (13.0) MB, 0.84 / 0.00 ms  (average mu = ...)"
  const pattern =
    /ms: (Scavenge|Mark-Compact|Mark-Sweep|Minor Mark-Compact|Minor Mark-Sweep)[^\d]*([\d.]+) \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB, (?:pooled: [\d.]+ MB, )?([\d.]+)/;
  for (const line of out.split('\n')) {
    const match = pattern.exec(line);
    if (match === null) continue;
    const [, kind, before, after, ms] = match;
    const entry = kinds.get(kind) ?? { count: 0, ms: 0 };
    entry.count += 1;
    entry.ms += Number(ms);
    kinds.set(kind, entry);
    if (kind === 'Scavenge') freedMb += Number(before) - Number(after);
  }
  console.log(
    out
      .split('\n')
      .filter((line) => !line.startsWith('['))
      .join('\n')
      .trim(),
  );
  let totalMs = 0;
  for (const [kind, { count, ms }] of kinds) {
    totalMs += ms;
    console.log(
      `${kind}: ${count} pauses, ${ms.toFixed(1)} ms, ${((ms * 1000) / requests).toFixed(2)} ms per 1,000 requests`,
    );
  }
  console.log(
    `GC total: ${totalMs.toFixed(1)} ms, ${((totalMs * 1000) / requests).toFixed(2)} ms per 1,000 requests; ` +
      `scavenged ≈ ${((freedMb * 1024 * 1024) / requests / 1024).toFixed(1)} KiB per request`,
  );
}

async function run(fresh) {
  const pkg = await import('../dist/index.js');
  const pick = async (name, path) => pkg[name] ?? (await import(path))[name];
  const createSender = await pick('createSender', '../dist/delivery/create-sender.js');
  const toRequestParts = await pick('toRequestParts', '../dist/delivery/to-request.js');
  const { generate, listEvents } = pkg;

  const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
  const sink = fork(fileURLToPath(new URL('./sink.js', import.meta.url)), { stdio: 'inherit' });
  const { port } = await new Promise((resolve) => sink.once('message', resolve));
  const url = `http://127.0.0.1:${port}/webhooks/status`;
  const events = listEvents()
    .filter((entry) => entry.signing === 'jwt' && entry.formats[0] === 'json')
    .map((entry) => entry.name);
  const options = { url, signatureSecret: 'secret', apiKey: 'a1b2c3d4' };
  const build = (i) => {
    const name = events[i % events.length];
    return toRequestParts({ name, payload: generate(name, { seed: i }) }, options);
  };
  const pregenerated = Array.from({ length: 2000 }, (_, i) => build(i));
  const sender = createSender();
  const end = performance.now() + SECONDS * 1000;
  // PROF_VARIANT splits the fresh cost: `generate` generates a payload per request but sends a
  // pre-generated one; `discard` builds and signs one per request but sends a pre-generated one.
  const variant = process.env.PROF_VARIANT;
  function* items() {
    for (let i = 0; performance.now() < end; i += 1) {
      const cached = pregenerated[i % 2000];
      if (variant === 'generate') generate(events[i % events.length], { seed: i });
      if (variant === 'discard') build(i);
      yield fresh ? () => build(i) : cached;
    }
  }
  const cpuBefore = process.cpuUsage();
  const summary = await sender.sendMany(items(), { concurrency: 32 }).summary();
  const cpu = process.cpuUsage(cpuBefore);
  console.log(
    `${summary.total} requests (${fresh ? 'fresh' : 'pre-generated'}), ${Math.round(summary.ratePerSecond)} req/s, ` +
      `${summary.outcomes.accepted} accepted, ${((cpu.user + cpu.system) / summary.total).toFixed(1)} µs CPU per request`,
  );
  await sender.close();
  sink.disconnect();
}
