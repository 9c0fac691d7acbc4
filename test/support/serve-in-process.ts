// `vws serve` run in-process through runCli for the tests that read its output and stop it
// themselves (test/serve-cli.test.ts, test/redaction.test.ts).
import { runCli } from '../../src/cli/run.js';
import type { CliIo } from '../../src/cli/shared/io.js';

/** A `vws serve` run: its URL (or "exited N: stderr" when it never listened), output and stop. */
export interface ServeInProcess {
  readonly url: string;
  output(): { stdout: string; stderr: string };
  stop(): Promise<number>;
}

/** Runs `vws serve ...args` in-process; resolves once it listens or exits, with a way to stop it. */
export async function startServeInProcess(
  args: readonly string[],
  options: { readonly env: Record<string, string>; readonly seed: number },
): Promise<ServeInProcess> {
  let stdout = '';
  let stderr = '';
  let interrupt: () => void = () => undefined;
  let announce: (url: string) => void = () => undefined;
  const listening = new Promise<string>((resolve) => {
    announce = resolve;
  });
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: {
      write: (text: string) => {
        stderr += text;
        const url = /listening on (http:\/\/\S+)/.exec(stderr)?.[1];
        if (url !== undefined) announce(url);
      },
    },
    env: options.env,
    now: () => Date.now(),
    randomSeed: () => options.seed,
    readFile: async () => '',
    onInterrupt: (handler) => {
      interrupt = handler;
    },
  };
  const exit = runCli(['serve', ...args], io, { version: '0.0.0-test' });
  const url = await Promise.race([listening, exit.then((code) => `exited ${code}: ${stderr}`)]);
  return {
    url,
    output: () => ({ stdout, stderr }),
    stop: async () => {
      interrupt();
      return exit;
    },
  };
}
