// `vws serve` configured like a Vonage account and application: one spawn of the built binary for the
// start-up lines and one for an --application error.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STARTED } from '../../test/support/start-serve.js';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'vws.js');
const bundle = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'bundle');

/** Spawns the built `vws`; resolves with its exit code and output. SIGTERM once `until` is on stderr; SIGKILL after 10 s. */
function runBin(
  args: readonly string[],
  until?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let stopped = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      // Once: a second signal after the handler ran would meet the default action and kill it.
      if (until !== undefined && !stopped && stderr.includes(until)) {
        stopped = true;
        child.kill('SIGTERM');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe.skipIf(!existsSync(bundle))('vws serve webhook settings (built binary)', () => {
  it('prints the routes at start-up and stops on SIGTERM with exit 0', async () => {
    const result = await runBin(
      ['serve', '--port', '0', '--sms-dlr-url', 'http://127.0.0.1:3000/track-dlr', '--sms-method', 'GET'],
      STARTED,
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('\n  sms_dlr_url          GET  http://127.0.0.1:3000/track-dlr\n');
    expect(result.stderr).toContain('\n  answer_url                (not set: requests must name a URL)\n');
  });

  it('exits 2 with one line for an --application file of malformed JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vws-serve-bin-'));
    try {
      writeFileSync(join(dir, 'app.json'), '{');
      const result = await runBin(['serve', '--port', '0', '--application', join(dir, 'app.json')]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^vws: Malformed JSON in --application \S+app\.json: [^\n]+\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
