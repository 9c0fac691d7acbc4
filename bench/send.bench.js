// Sender throughput against autocannon in one run on one machine: `node bench/send.bench.js` after
// `npx tsc -p tsconfig.build.json`. A node:http sink runs in a child process; the load generator
// being measured (autocannon, sendMany, raw undici) runs here. Phases alternate over several rounds
// and each figure is the median of its per-round ratio to that round's autocannon run, so load
// from other processes hits baseline and candidate alike (docs/decisions/073-send-benchmark.md).
//
//   BENCH_SECONDS      seconds per phase (default 2)
//   BENCH_ROUNDS       rounds (default 3)
//   BENCH_CONNECTIONS  connections = sendMany concurrency (default 32)
//   BENCH_DIST         the build to measure (default ../dist), e.g. another checkout's, for a before/after
//
// Targets (issue 14), medians over rounds of the ratio to autocannon: fresh signed webhooks >= 0.6x,
// pre-generated >= 0.85x, CPU per fresh request <= 1.5x CPU per pre-generated request. A missed
// target shows the ceiling beside it: the ratio undici's own dispatch reaches in the same run.
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import autocannon from 'autocannon';
import { Agent } from 'undici';

const dist = new URL(`${process.env.BENCH_DIST ?? '../dist'}/`, import.meta.url);
const pkg = await import(new URL('index.js', dist).href);
// The root entry may not list the delivery exports yet; fall back to the modules themselves.
const pick = async (name, path) => pkg[name] ?? (await import(new URL(path, dist).href))[name];
const createSender = await pick('createSender', 'delivery/create-sender.js');
const toRequestParts = await pick('toRequestParts', 'delivery/to-request.js');
const toRequest = await pick('toRequest', 'delivery/to-request.js');
const { generate, listEvents } = pkg;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const WORKERS = Math.max(1, availableParallelism() - 1);
const signing = {
  signatureSecret: 'bench-signature-secret',
  apiKey: 'a1b2c3d4',
  applicationId: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab',
};

const sink = fork(fileURLToPath(new URL('./sink.js', import.meta.url)), { stdio: 'inherit' });
const { port } = await new Promise((resolve) => sink.once('message', resolve));
const origin = `http://127.0.0.1:${port}`;
const url = `${origin}/webhooks/status`;

// JWT-signed webhooks that Vonage sends as JSON by default: Messages, Dispatch, Verify, Voice events.
const jwtEvents = listEvents()
  .filter((entry) => entry.signing === 'jwt' && entry.formats[0] === 'json')
  .map((entry) => entry.name);

function freshParts(index) {
  const name = jwtEvents[index % jwtEvents.length];
  return toRequestParts({ name, payload: generate(name, { seed: index }) }, { url, ...signing });
}

const sample = freshParts(0);
const pregenerated = Array.from({ length: 2000 }, (_, index) => freshParts(index));

function cpuSince(before) {
  const cpu = process.cpuUsage(before);
  return cpu.user + cpu.system;
}

async function runAutocannon(seconds) {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: Object.fromEntries(sample.headers),
    body: sample.body,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
  });
  return { rps: result.requests.total / seconds, failed: result.errors + result.non2xx };
}

async function runSendMany(seconds, items) {
  const sender = createSender();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const summary = await sender
    .sendMany(items(performance.now() + seconds * 1000), { concurrency: CONNECTIONS })
    .summary();
  const elapsed = (performance.now() - started) / 1000;
  const cpuMicros = cpuSince(cpuBefore) / summary.total;
  await sender.close();
  return { rps: summary.total / elapsed, failed: summary.failed, cpuMicros, p99: summary.latency.p99 };
}

function* pregeneratedItems(end) {
  for (let index = 0; performance.now() < end; index += 1) yield pregenerated[index % pregenerated.length];
}

function* freshItems(end) {
  for (let index = 0; performance.now() < end; index += 1) yield () => freshParts(index);
}

function* freshFetchRequestItems(end) {
  for (let index = 0; performance.now() < end; index += 1) {
    yield () => {
      const name = jwtEvents[index % jwtEvents.length];
      return toRequest({ name, payload: generate(name, { seed: index }) }, { url, ...signing });
    };
  }
}

const workers = Array.from(
  { length: WORKERS },
  () =>
    new Worker(fileURLToPath(new URL('./generate-worker.js', import.meta.url)), {
      workerData: { dist: dist.href },
    }),
);
const BATCH = 512;
let workerSeed = 0;
function requestBatch(worker) {
  const start = workerSeed;
  workerSeed += BATCH;
  return new Promise((resolve) => {
    worker.once('message', resolve);
    worker.postMessage({ events: jwtEvents, start, count: BATCH, url, signing });
  });
}

// Fresh webhooks built in worker threads, two batches ahead per worker.
async function* workerItems(end) {
  const pending = workers.map((worker) => [requestBatch(worker), requestBatch(worker)]);
  for (let turn = 0; ; turn += 1) {
    const slot = turn % workers.length;
    const batch = await pending[slot].shift();
    const worker = workers[slot];
    if (performance.now() < end) pending[slot].push(requestBatch(worker));
    for (const item of batch) {
      if (performance.now() >= end) {
        await Promise.all(pending.flat());
        return;
      }
      yield item;
    }
  }
}

// The floor: undici's dispatcher with a do-nothing handler, no sender logic at all.
async function runRawUndici(seconds) {
  const agent = new Agent({ keepAliveTimeout: 4000, pipelining: 1 });
  const flat = sample.headers.flat();
  const end = performance.now() + seconds * 1000;
  let count = 0;
  const once = () =>
    new Promise((resolve, reject) => {
      agent.dispatch(
        { origin, path: '/webhooks/status', method: 'POST', headers: flat, body: sample.body },
        {
          onRequestStart() {},
          onResponseStart() {},
          onResponseData() {},
          onResponseEnd: resolve,
          onResponseError: (_controller, error) => reject(error),
        },
      );
    });
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        await once();
        count += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpuMicros = cpuSince(cpuBefore) / count;
  await agent.close();
  return { rps: count / elapsed, failed: 0, cpuMicros };
}

function generationRate() {
  const perEvent = 300;
  const rates = [];
  let total = 0;
  let time = 0;
  for (const entry of listEvents()) {
    for (let seed = 0; seed < 20; seed += 1) generate(entry.name, { seed });
    const started = performance.now();
    for (let seed = 0; seed < perEvent; seed += 1) generate(entry.name, { seed });
    const ms = performance.now() - started;
    rates.push({ name: entry.name, rate: (perEvent * 1000) / ms });
    total += perEvent;
    time += ms;
  }
  rates.sort((a, b) => a.rate - b.rate);
  return { rate: (total * 1000) / time, events: rates.length, slowest: rates.slice(0, 5) };
}

function stepRate(label, step) {
  const count = 20_000;
  for (let index = 0; index < 2000; index += 1) step(index);
  const started = performance.now();
  for (let index = 0; index < count; index += 1) step(index);
  return { label, micros: ((performance.now() - started) * 1000) / count };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const phases = {
  autocannon: (s) => runAutocannon(s),
  pre: (s) => runSendMany(s, pregeneratedItems),
  fresh: (s) => runSendMany(s, freshItems),
  freshRequest: (s) => runSendMany(s, freshFetchRequestItems),
  workers: (s) => runSendMany(s, workerItems),
  raw: (s) => runRawUndici(s),
};

for (const run of Object.values(phases)) await run(0.5); // warm-up: JIT, connections, workers

const rounds = [];
for (let round = 0; round < ROUNDS; round += 1) {
  const results = {};
  for (const [name, run] of Object.entries(phases)) results[name] = await run(SECONDS);
  rounds.push(results);
}
const generation = generationRate();
const payloads = jwtEvents.map((name, index) => generate(name, { seed: index }));
const steps = [
  stepRate('generate (JWT JSON events)', (i) => generate(jwtEvents[i % jwtEvents.length], { seed: i })),
  stepRate('toRequestParts + sign', (i) =>
    toRequestParts(
      { name: jwtEvents[i % jwtEvents.length], payload: payloads[i % payloads.length] },
      { url, ...signing },
    ),
  ),
  stepRate('toRequest + sign (fetch Request)', (i) =>
    toRequest(
      { name: jwtEvents[i % jwtEvents.length], payload: payloads[i % payloads.length] },
      { url, ...signing },
    ),
  ),
];

const ratio = (name) => median(rounds.map((round) => round[name].rps / round.autocannon.rps));
const rate = (name) => median(rounds.map((round) => round[name].rps));
const cpu = (name) => median(rounds.map((round) => round[name].cpuMicros));
const cpuRatio = median(rounds.map((round) => round.fresh.cpuMicros / round.pre.cpuMicros));
const failures = rounds.reduce(
  (sum, round) => sum + Object.values(round).reduce((s, r) => s + r.failed, 0),
  0,
);
const fmt = (n, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const x = (n) => `${fmt(n, 2)}x`;
const ceiling = ratio('raw');
/** `ok`, or `MISSED` with the ceiling undici's own dispatch reaches in this run. */
const verdict = (met) => (met ? 'ok' : `MISSED (undici ceiling ${x(ceiling)})`);

const rows = [
  ['autocannon (baseline)', `${fmt(rate('autocannon'))} req/s`, '1.00x', '', '', ''],
  [
    'undici dispatch alone (no sender logic: the ceiling)',
    `${fmt(rate('raw'))} req/s`,
    x(ceiling),
    '',
    '',
    `${fmt(cpu('raw'), 1)} µs`,
  ],
  [
    'sendMany, pre-generated signed bodies',
    `${fmt(rate('pre'))} req/s`,
    x(ratio('pre')),
    '>= 0.85x',
    verdict(ratio('pre') >= 0.85),
    `${fmt(cpu('pre'), 1)} µs`,
  ],
  [
    'sendMany, fresh: generate + toRequestParts + sign',
    `${fmt(rate('fresh'))} req/s`,
    x(ratio('fresh')),
    '>= 0.60x',
    verdict(ratio('fresh') >= 0.6),
    `${fmt(cpu('fresh'), 1)} µs`,
  ],
  [
    'CPU per fresh / per pre-generated request',
    '',
    x(cpuRatio),
    '<= 1.50x',
    cpuRatio <= 1.5 ? 'ok' : 'MISSED',
    '',
  ],
  [
    `fresh, built in ${WORKERS} worker thread(s)`,
    `${fmt(rate('workers'))} req/s`,
    x(ratio('workers')),
    '',
    '',
    `${fmt(cpu('workers'), 1)} µs`,
  ],
  [
    'fresh with toRequest (fetch Request)',
    `${fmt(rate('freshRequest'))} req/s`,
    x(ratio('freshRequest')),
    '',
    '',
    `${fmt(cpu('freshRequest'), 1)} µs`,
  ],
  [
    `payloads generated / s / core (${generation.events} events)`,
    fmt(generation.rate),
    '',
    '>= 50,000',
    generation.rate >= 50_000 ? 'ok' : 'MISSED',
    '',
  ],
];
const head = ['measure', 'value', 'ratio', 'target', '', 'CPU/req'];
const widths = head.map((title, c) => Math.max(title.length, ...rows.map((row) => row[c].length)));
const line = (cells) =>
  cells
    .map((cell, c) => (c === 0 || c === 4 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
    .join('  ')
    .trimEnd();

console.log(
  `\nsend benchmark (${fileURLToPath(dist)}): ${ROUNDS} rounds x ${SECONDS} s per phase, ${CONNECTIONS} connections, Node ${process.version}, ${availableParallelism()} CPUs`,
);
console.log(
  `autocannon per round: ${rounds.map((round) => fmt(round.autocannon.rps)).join(', ')} req/s; failed requests: ${failures}\n`,
);
console.log(line(head));
for (const row of rows) console.log(line(row));
console.log(
  `\nper-item cost on this thread: ${steps.map((s) => `${s.label} ${fmt(s.micros, 1)} µs`).join('; ')}`,
);
console.log(
  `slowest generators (payloads/s): ${generation.slowest.map((s) => `${s.name} ${fmt(s.rate)}`).join(', ')}`,
);

await Promise.all(workers.map((worker) => worker.terminate()));
sink.disconnect();
