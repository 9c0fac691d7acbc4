// The only module that reads argv and the real environment and calls process.exit.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { CliIo } from './io.js';
import { runCli } from './run.js';

const require = createRequire(import.meta.url);
const { version } = require('../../package.json') as { version: string };

// A reader that stops early (`vws list | head`) closes the pipe: stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const io: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  now: () => Date.now(),
  randomSeed: () => Math.floor(Math.random() * 2 ** 31),
  readFile: (path) => readFile(path, 'utf8'),
  onInterrupt: (handler) => {
    process.once('SIGINT', handler);
    process.once('SIGTERM', handler);
  },
};

const code = await runCli(process.argv.slice(2), io, { version });
// Let stdout drain before exiting (large --json output piped to another program).
process.exitCode = code;
