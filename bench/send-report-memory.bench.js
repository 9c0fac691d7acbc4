// Peak memory of `vws send --json` and `--junit` at a small and a large count (issue 11): the reports
// are streamed, so the peak RSS of 100,000 deliveries should stay near that of 1,000. Runs the built
// CLI (`npm run build` first) against the loopback sink of bench/sink.js, samples the child's peak
// RSS (VmHWM in /proc/<pid>/status, Linux) until it exits, and prints both figures and their ratio.
//
//   node bench/send-report-memory.bench.js
//   BENCH_SMALL   the baseline count (default 1000)
//   BENCH_LARGE   the large count (default 100000)
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SMALL = Number(process.env.BENCH_SMALL ?? 1000);
const LARGE = Number(process.env.BENCH_LARGE ?? 100_000);
const bin = fileURLToPath(new URL('../bin/vws.js', import.meta.url));

const sink = fork(fileURLToPath(new URL('./sink.js', import.meta.url)), { stdio: 'inherit' });
const { port } = await new Promise((resolve) => sink.once('message', resolve));
const url = `http://127.0.0.1:${port}/webhooks/inbound-sms`;
const dir = mkdtempSync(join(tmpdir(), 'vws-report-bench-'));

/** The peak RSS (VmHWM, in kB) of a live process, or null once it is gone. */
function peakKb(pid) {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Runs `vws send` with its stdout to /dev/null; resolves with the exit code, peak RSS and seconds. */
function runSend(count, report) {
  const args = [
    'send',
    'sms.inbound',
    '--url',
    url,
    '--count',
    String(count),
    '--concurrency',
    '16',
    '--seed',
    '1',
  ];
  if (report === 'json') args.push('--json');
  else args.push('--junit', join(dir, `send-${count}.xml`));
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    let peak = 0;
    // VmHWM is the peak so far; polling until the process is gone keeps the last reading.
    const timer = setInterval(() => {
      peak = Math.max(peak, peakKb(child.pid) ?? 0);
    }, 20);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve({ code, peakMb: peak / 1024, seconds: (performance.now() - started) / 1000, stderr });
    });
  });
}

const fmt = (n, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

console.log(`\nsend report memory: peak RSS of the CLI, Node ${process.version}`);
for (const report of ['json', 'junit']) {
  const small = await runSend(SMALL, report);
  const large = await runSend(LARGE, report);
  for (const [count, run] of [
    [SMALL, small],
    [LARGE, large],
  ]) {
    if (run.code !== 0) console.log(`  exit ${run.code}: ${run.stderr.trim().split('\n').at(-1)}`);
    const size =
      report === 'junit' ? `, file ${fmt(statSync(join(dir, `send-${count}.xml`)).size / 1e6, 1)} MB` : '';
    console.log(
      `  --${report.padEnd(5)} --count ${fmt(count).padStart(7)}: peak RSS ${fmt(run.peakMb, 1).padStart(6)} MB in ${fmt(run.seconds, 1)} s${size}`,
    );
  }
  console.log(
    `  --${report.padEnd(5)} ratio ${fmt(LARGE)} / ${fmt(SMALL)}: ${fmt(large.peakMb / small.peakMb, 2)}x`,
  );
}

rmSync(dir, { recursive: true, force: true });
sink.disconnect();
