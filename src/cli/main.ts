// The only module that reads the real argv, environment and streams, and sets the exit code.
import { readFile } from 'node:fs/promises';
import { runCli } from './run.js';
import type { CliIo } from './shared/io.js';

/**
 * Runs the CLI for `bin/vws.js` with the real process; `version` comes from the bin, which already
 * read package.json (it answers `--version` itself without loading this module).
 */
export async function main(argv: readonly string[], version: string): Promise<void> {
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
  const code = await runCli(argv, io, { version });
  // Exit once both streams have flushed what was written (large --json output piped to another
  // program), without waiting for libraries' idle clean-up: undici keeps a closed process alive
  // for about 75 ms.
  await new Promise((resolve) => process.stdout.write('', resolve));
  await new Promise((resolve) => process.stderr.write('', resolve));
  process.exit(code);
}
