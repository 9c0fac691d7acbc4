// `npm start`: the whole story offline. Starts the example receiver (examples/receiver, a real app
// that verifies signatures as Vonage documents) on 127.0.0.1, runs `vws contract` against it with the
// example config, prints the report, stops the receiver and exits with the contract's exit code.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const env = {
  ...process.env,
  // A demo secret unless you bring your own; nothing leaves 127.0.0.1.
  VONAGE_SIGNATURE_SECRET: process.env.VONAGE_SIGNATURE_SECRET || 'demo-signature-secret-0123456789',
};
const mode = process.argv[2] ?? 'correct';

const receiver = spawn(
  process.execPath,
  [join(here, 'receiver', 'server.js'), '--port', '0', '--mode', mode],
  {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const url = await new Promise((resolve, reject) => {
  let output = '';
  receiver.stdout.on('data', (chunk) => {
    output += chunk;
    const match = /listening on (http:\/\/\S+)/.exec(output);
    if (match) resolve(match[1]);
  });
  receiver.once('exit', (code) =>
    reject(new Error(`the example receiver exited with ${code} before listening`)),
  );
});
console.log(
  `example receiver (${mode} mode) listening on ${url}\nrunning: vws contract --config examples/receiver/vws.config.json --base-url ${url}`,
);

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
  { env, stdio: 'inherit' },
);
const code = await new Promise((resolve) => contract.once('exit', (exitCode) => resolve(exitCode ?? 1)));
receiver.kill('SIGTERM');
process.exitCode = code;
