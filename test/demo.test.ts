import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createReceiver, receiverModes } from '../examples/receiver/app.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');
const demo = join(root, 'examples', 'demo.js');
const server = join(root, 'examples', 'receiver', 'server.js');
const built = existsSync(join(root, 'dist', 'cli', 'bundle', 'main.js'));
const env = { ...process.env, VONAGE_SIGNATURE_SECRET: 'demo-test-secret-0123456789' };

async function exitOf(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, args, { env, timeout: 30_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe('npm start (examples/demo.js) and the example receiver', () => {
  it('refuses an unknown mode with one line listing the modes and exit 2, starting nothing (issue 11)', async () => {
    const { code, stdout, stderr } = await exitOf([demo, 'bogus']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(
      /^demo: unknown receiver mode "bogus"\. Use one of: correct, ignore-payload-hash, no-verification/,
    );
  });

  it('has the receiver server refuse an unknown mode and a bad port with one line and exit 2 (issue 11)', async () => {
    for (const args of [['--mode', 'bogus'], ['--port', 'x'], ['--nope']]) {
      const { code, stdout, stderr } = await exitOf([server, ...args]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^example receiver: /);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('has createReceiver refuse an unknown mode rather than run the correct app under its name (issue 11)', () => {
    expect(receiverModes).toEqual(['correct', 'ignore-payload-hash', 'no-verification']);
    // @ts-expect-error an unknown mode, as plain JavaScript could pass it
    expect(() => createReceiver({ signatureSecret: 'x', mode: 'bogus' })).toThrow(
      /Unknown receiver mode "bogus"/,
    );
  });

  it.skipIf(!built)(
    'runs the correct receiver, then shows each broken receiver caught, exit 0 (issue 11)',
    async () => {
      const started = Date.now();
      const { code, stdout } = await exitOf([demo]);
      expect(code).toBe(0);
      expect(stdout).toMatch(/contract holds: \d+ checks passed/);
      expect(stdout).toMatch(
        /✔ caught ignore-payload-hash: \d+ of \d+ checks failed \(full report: npm start -- ignore-payload-hash\)/,
      );
      expect(stdout).toMatch(
        /✔ caught no-verification: \d+ of \d+ checks failed \(full report: npm start -- no-verification\)/,
      );
      expect(Date.now() - started).toBeLessThan(20_000);
    },
    30_000,
  );
});
