// A real Ctrl-C (SIGINT) to the built `vws send --count N --json` (issue 11): it stops, finishes the
// JSON report with what was sent, says so on stderr and exits 130.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'vws.js');
const bundle = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'bundle');

describe.skipIf(!existsSync(bundle))('vws send and a real SIGINT (built binary, issue 11)', () => {
  it('exits 130 with a valid, partial JSON report and one line on stderr (issue 11)', async () => {
    let signalled = false;
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(204).end());
    });
    server.requestTimeout = 10_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const args = [
      'send',
      'sms.inbound',
      '--url',
      `http://127.0.0.1:${port}/in`,
      '--count',
      '100000',
      '--json',
    ];
    const child = spawn(process.execPath, [bin, ...args], {
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      // Once some entries are out: Ctrl-C, once (a second one would kill at once).
      if (!signalled && stdout.includes('"index": 20')) {
        signalled = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(killer);
    server.closeAllConnections();
    server.close();
    expect(code).toBe(130);
    const report = JSON.parse(stdout) as {
      interrupted: boolean;
      summary: { total: number };
      deliveries: unknown[];
    };
    expect(report.interrupted).toBe(true);
    expect(report.deliveries).toHaveLength(report.summary.total);
    expect(report.summary.total).toBeLessThan(100_000);
    expect(stderr).toContain(`vws: interrupted after ${report.summary.total} of 100000 webhooks (Ctrl-C)`);
    expect(stderr).toMatch(/vws: seed \d+ ref-date /);
  });
});
