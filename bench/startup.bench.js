// Start-up cost as ratios to `node -e 0`, measured in the same run: `node bench/startup.bench.js`
// after `npm run build`. Commands alternate, each run several times; a figure is the median wall time.
// Targets: the CLI (issue "CLI"): vws --version <= 1.35x, vws show sms.inbound <= 1.6x, a one-shot
// vws send <= 1.8x; importing the library (issue 13): the root entry <= 2x, /fixtures <= 1.6x,
// /msw <= 3x, each as Node resolves it through package.json `exports` (dist/bundle/). msw's own
// `msw/core/http` is printed beside /msw for scale. Then the browser bundle of `/fixtures` (its
// `default` condition, bundled and minified by esbuild as an app's bundler would), gzipped, whole
// and per API namespace.
//
//   BENCH_RUNS   runs per command (default 15)
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const bin = fileURLToPath(new URL('../bin/vws.js', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));

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

// The package imports itself by name, as a user's code would (Node resolves a package's own name
// through its `exports`).
const importOf = (specifier) => ['--input-type=module', '-e', `await import('${specifier}')`];

const commands = [
  { name: 'node -e 0 (baseline)', args: ['-e', '0'], target: null },
  { name: "import 'vonage-webhook-simulator'", args: importOf('vonage-webhook-simulator'), target: 2 },
  { name: "import '…/fixtures'", args: importOf('vonage-webhook-simulator/fixtures'), target: 1.6 },
  { name: "import '…/msw'", args: importOf('vonage-webhook-simulator/msw'), target: 3 },
  { name: "  (msw's own msw/core/http)", args: importOf('msw/core/http'), target: null },
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
    const result = spawnSync(process.execPath, command.args, {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
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
console.log(`${'command'.padEnd(36)}${'median'.padStart(10)}${'ratio'.padStart(8)}${'target'.padStart(9)}`);
for (const [index, command] of commands.entries()) {
  const value = median(times[index]);
  const ratio = value / baseline;
  const verdict = command.target === null ? '' : ratio <= command.target ? '  ok' : '  MISSED';
  console.log(
    `${command.name.padEnd(36)}${`${value.toFixed(1)} ms`.padStart(10)}${`${ratio.toFixed(2)}x`.padStart(8)}${(command.target === null ? '' : `<= ${command.target}x`).padStart(9)}${verdict}`,
  );
}

// The browser bundle of `vonage-webhook-simulator/fixtures`: what an app that imports one API ships.
const namespaces = ['sms', 'shortCodes', 'voice', 'numberInsight', 'messages', 'dispatch', 'rtc', 'verify'];
const imports = [
  ['everything (import *)', "import * as all from 'vonage-webhook-simulator/fixtures'; console.log(all);"],
  ['generate', "import { generate } from 'vonage-webhook-simulator/fixtures'; console.log(generate);"],
  ['getSchema', "import { getSchema } from 'vonage-webhook-simulator/fixtures'; console.log(getSchema);"],
  ...namespaces.map((name) => [
    name,
    `import { ${name} } from 'vonage-webhook-simulator/fixtures'; console.log(${name});`,
  ]),
];
console.log('\n/fixtures browser bundle (esbuild, platform browser, minified), gzipped:');
for (const [label, contents] of imports) {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    minify: true,
    logLevel: 'silent',
  });
  const bytes = result.outputFiles[0].contents;
  console.log(
    `${label.padEnd(24)}${`${(gzipSync(bytes).length / 1024).toFixed(1)} kB`.padStart(10)}${`(${(bytes.length / 1024).toFixed(0)} kB raw)`.padStart(18)}`,
  );
}
