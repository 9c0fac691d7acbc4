// Start-up cost of the CLI as ratios to `node -e 0`, measured in the same run: `node bench/startup.bench.js`
// after `npm run build`. Commands alternate, each run several times; a figure is the median wall time.
// Targets (issue "CLI"): vws --version <= 1.35x, vws show sms.inbound <= 1.6x, a one-shot vws send <= 1.8x.
//
//   BENCH_RUNS   runs per command (default 15)
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const bin = fileURLToPath(new URL('../bin/vws.js', import.meta.url));

// The one-shot send needs a receiver: a node:http sink in a child process (this process waits in spawnSync).
const sinkSource = `
  const s = require('node:http').createServer((q, r) => { q.resume(); q.on('end', () => { r.writeHead(204); r.end(); }); });
  s.listen(0, '127.0.0.1', () => process.stdout.write(String(s.address().port) + '\\n'));
  process.stdin.on('end', () => process.exit(0)); process.stdin.resume();`;
const { spawn } = await import('node:child_process');
const sink = spawn(process.execPath, ['-e', sinkSource], { stdio: ['pipe', 'pipe', 'inherit'] });
const port = await new Promise((resolve) =>
  sink.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim()))),
);
void createServer;

const commands = [
  { name: 'node -e 0 (baseline)', args: ['-e', '0'], target: null },
  { name: 'vws --version', args: [bin, '--version'], target: 1.35 },
  { name: 'vws show sms.inbound', args: [bin, 'show', 'sms.inbound', '--seed', '1'], target: 1.6 },
  {
    name: 'vws send (one-shot)',
    args: [bin, 'send', 'sms.inbound', '--seed', '1', '--url', `http://127.0.0.1:${port}/in`],
    target: 1.8,
  },
];

const times = commands.map(() => []);
for (let run = 0; run < RUNS; run++) {
  commands.forEach((command, index) => {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, command.args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`${command.name} exited ${result.status}: ${result.stderr}`);
    times[index].push(elapsed);
  });
}
sink.stdin.end();

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const baseline = median(times[0]);
console.log(`start-up benchmark: ${RUNS} runs per command, Node ${process.version}`);
console.log(`${'command'.padEnd(26)}${'median'.padStart(10)}${'ratio'.padStart(8)}${'target'.padStart(9)}`);
for (const [index, command] of commands.entries()) {
  const value = median(times[index]);
  const ratio = value / baseline;
  const verdict = command.target === null ? '' : ratio <= command.target ? '  ok' : '  MISSED';
  console.log(
    `${command.name.padEnd(26)}${`${value.toFixed(1)} ms`.padStart(10)}${`${ratio.toFixed(2)}x`.padStart(8)}${(command.target === null ? '' : `<= ${command.target}x`).padStart(9)}${verdict}`,
  );
}
