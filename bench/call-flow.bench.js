// What a simulated call costs: `node bench/call-flow.bench.js` after `npm run build`. A 60-second IVR
// call (answer → talk → input → talk → wait 50 → end) runs on a manual clock against a loopback app
// in a child process, BENCH_RUNS times; each run's real time is set against its simulated time and
// against a baseline measured here, on the same app, in the same way: as many plain sequential HTTP
// POSTs as the call made requests, on a fresh connection pool as each fake has its own sender.
// Call and baseline alternate run by run so that other load hits both.
//
//   BENCH_RUNS    calls per round (default 40)
//   BENCH_ROUNDS  rounds (default 3)
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';

// --- The app (child process): answers the IVR's NCCOs, 204 to everything else. ---------------------

if (process.argv[2] === 'app') {
  const ncco = {
    '/answer': [
      { action: 'talk', text: 'Welcome to Acme support. Press 1 for billing or 2 for sales.' },
      { action: 'input', type: ['dtmf'], dtmf: { maxDigits: 1 }, eventUrl: ['/menu'] },
    ],
    '/menu': [
      { action: 'talk', text: 'Thank you, please hold while we find someone for you.' },
      { action: 'wait', timeout: 50 },
    ],
  };
  let origin = '';
  const server = createServer((req, res) => {
    req.on('data', () => {});
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const body = ncco[path];
      if (body === undefined) {
        res.writeHead(204);
        res.end();
        return;
      }
      const absolute = JSON.stringify(body).replaceAll('"/menu"', `"${origin}/menu"`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(absolute);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    origin = `http://127.0.0.1:${server.address().port}`;
    process.send?.({ origin });
  });
  process.on('disconnect', () => {
    server.closeAllConnections();
    server.close();
  });
} else {
  await main();
}

async function main() {
  const { createFakeVonage } = await import('../dist/index.js');
  const RUNS = Number(process.env.BENCH_RUNS ?? 40);
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

  const app = fork(fileURLToPath(import.meta.url), ['app'], { stdio: 'inherit' });
  const { origin } = await new Promise((resolve) => app.once('message', resolve));

  async function oneCall() {
    const vonage = createFakeVonage({
      clock: 'manual',
      seed: 42,
      refDate: '2026-01-01T00:00:00Z',
      webhooks: { answerUrl: `${origin}/answer`, eventUrl: `${origin}/event` },
    });
    const started = performance.now();
    const call = vonage.pushIncomingCall({ caller: ['press 1'] });
    await vonage.runUntilIdle();
    const realMs = performance.now() - started;
    const simulatedMs = vonage.now();
    const requests = vonage.deliveries.length;
    const ended = call.transcript.at(-1);
    await vonage.close();
    if (call.error !== null) throw call.error;
    if (ended?.kind !== 'end') throw new Error('the call did not end');
    return { realMs, simulatedMs, requests };
  }

  // The floor for the same work: `count` sequential JSON POSTs (about a webhook's size) to the app.
  const payload = JSON.stringify({
    from: '447700900001',
    to: '447700900000',
    uuid: '63f61863-4a51-4f6b-86e1-46edebcf9356',
    conversation_uuid: 'CON-f972836a-550f-45fa-956c-12a2ab5b7d22',
    status: 'answered',
    direction: 'inbound',
    timestamp: '2026-01-01T00:00:01.000Z',
  });
  async function plainPosts(count) {
    const agent = new Agent({ keepAliveTimeout: 4_000 });
    const started = performance.now();
    for (let index = 0; index < count; index += 1) {
      const response = await request(`${origin}/event`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: payload,
        dispatcher: agent,
      });
      await response.body.dump();
    }
    const realMs = performance.now() - started;
    await agent.close();
    return realMs;
  }

  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  };

  // Warm up both paths (JIT, connections).
  for (let index = 0; index < 5; index += 1) {
    const { requests } = await oneCall();
    await plainPosts(requests);
  }

  const calls = [];
  const baselines = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    for (let run = 0; run < RUNS; run += 1) {
      const measured = await oneCall();
      calls.push(measured);
      baselines.push(await plainPosts(measured.requests));
    }
  }
  app.disconnect();

  const callMs = median(calls.map((each) => each.realMs));
  const baseMs = median(baselines);
  const simulatedMs = median(calls.map((each) => each.simulatedMs));
  const requests = median(calls.map((each) => each.requests));
  const perRequest = (callMs - baseMs) / requests;
  const fmt = (value, digits = 2) => value.toFixed(digits);
  console.log(`call-flow bench: ${ROUNDS} rounds × ${RUNS} calls, node ${process.version}`);
  console.log(`  simulated call          ${fmt(simulatedMs / 1000, 1)} s virtual, ${requests} webhooks`);
  console.log(`  real time per call      ${fmt(callMs)} ms (median)`);
  console.log(
    `  real / simulated        ${(callMs / simulatedMs).toExponential(2)} (${fmt(simulatedMs / callMs, 0)}× faster than real time)`,
  );
  console.log(`  baseline: ${requests} plain POSTs ${fmt(baseMs)} ms (median)`);
  console.log(`  call / baseline         ${fmt(callMs / baseMs)}×`);
  console.log(`  engine overhead         ${fmt(perRequest * 1000, 0)} µs a webhook over a plain POST`);
}
