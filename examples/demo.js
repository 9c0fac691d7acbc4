// `npm start`: the whole story offline. Starts the example receiver (examples/receiver, a real app
// that verifies signatures as Vonage documents) on 127.0.0.1, runs `vws contract` against it with the
// example config and prints the report; then runs the contract against each broken receiver (the
// mistakes real projects ship) and prints one verdict line for each. Exits 0 when the correct receiver
// holds and every broken one is caught, 1 when not, 2 for an unknown mode.
//
// `npm start -- <mode>` (or `node examples/demo.js <mode>`) runs one mode with the full report and
// exits with the contract's exit code: 0 when it holds, 1 when it catches the receiver.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { receiverModes } from './receiver/app.js';

const here = dirname(fileURLToPath(import.meta.url));
const env = {
  ...process.env,
  // A demo secret unless you bring your own; nothing leaves 127.0.0.1.
  VONAGE_SIGNATURE_SECRET: process.env.VONAGE_SIGNATURE_SECRET || 'demo-signature-secret-0123456789',
};
const brokenModes = receiverModes.filter((mode) => mode !== 'correct');
const args = process.argv.slice(2);
if (args.length > 1 || (args.length === 1 && !receiverModes.includes(args[0]))) {
  console.error(
    `demo: unknown receiver mode "${args.join(' ')}". Use one of: ${receiverModes.join(', ')} (e.g. npm start -- ${brokenModes[0]}).`,
  );
  process.exit(2);
}

/** Starts the receiver in `mode` and resolves with it and its URL once it listens. */
async function startReceiver(mode) {
  const receiver = spawn(
    process.execPath,
    [join(here, 'receiver', 'server.js'), '--port', '0', '--mode', mode],
    { env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise((resolve, reject) => {
    let output = '';
    receiver.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    receiver.once('exit', (code) =>
      reject(new Error(`the example receiver (${mode} mode) exited with ${code} before listening`)),
    );
  });
  return { receiver, url };
}

/** Runs `vws contract` against the receiver in `mode`: the report on the terminal, or captured when `quiet`. */
async function runContract(mode, quiet) {
  const { receiver, url } = await startReceiver(mode);
  if (!quiet) {
    console.log(
      `example receiver (${mode} mode) listening on ${url}\nrunning: vws contract --config examples/receiver/vws.config.json --base-url ${url}`,
    );
  }
  const contract = spawn(
    process.execPath,
    [
      join(here, '..', 'bin', 'vws.js'),
      'contract',
      '--config',
      join(here, 'receiver', 'vws.config.json'),
      '--base-url',
      url,
      '--seed',
      '20200101',
    ],
    { env, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' },
  );
  let output = '';
  contract.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  contract.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const code = await new Promise((resolve) => contract.once('exit', (exitCode) => resolve(exitCode ?? 1)));
  receiver.kill('SIGTERM');
  return { code, output };
}

/** One line for a broken receiver: caught (the contract exits 1), or not. Returns whether it was caught. */
function verdict(mode, { code, output }) {
  const command = `npm start -- ${mode}`;
  if (code === 1) {
    const failed = /contract broken: (\d+ of \d+ checks failed)/.exec(output)?.[1] ?? 'checks failed';
    console.log(`  ✔ caught ${mode}: ${failed} (full report: ${command})`);
    return true;
  }
  const why =
    code === 0
      ? 'the contract PASSED a broken receiver'
      : `the contract exited ${code}: ${output.trim().split('\n').pop()}`;
  console.log(`  ✘ NOT caught ${mode}: ${why} (full report: ${command})`);
  return false;
}

try {
  if (args.length === 1) {
    process.exitCode = (await runContract(args[0], false)).code;
  } else {
    const { code } = await runContract('correct', false);
    if (code !== 0) {
      process.exitCode = code;
    } else {
      console.log('\nthe broken receivers, which the contract must catch:');
      let allCaught = true;
      for (const mode of brokenModes) allCaught = verdict(mode, await runContract(mode, true)) && allCaught;
      process.exitCode = allCaught ? 0 : 1;
    }
  }
} catch (error) {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
