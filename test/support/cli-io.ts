import { readFile } from 'node:fs/promises';
import { runCli } from '../../src/cli/run.js';
import type { CliIo } from '../../src/cli/shared/io.js';

/** Runs the CLI in-process with captured output, a fixed clock and a fixed "random" seed. */
export async function runInProcess(
  argv: readonly string[],
  overrides: Partial<CliIo> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
    now: () => Date.parse('2026-03-01T08:00:00.000Z'),
    randomSeed: () => 777,
    readFile: (path) => readFile(path, 'utf8'),
    ...overrides,
  };
  const code = await runCli(argv, io, { version: '0.0.0-test' });
  return { code, stdout, stderr };
}
