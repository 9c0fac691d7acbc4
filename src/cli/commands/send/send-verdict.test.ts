// vws send judged against the expectation of its signing mode: a negative mode expects a rejection
// (issue 11), and a rejected SMS signature names the method it was signed with.

import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../../../../test/support/cli-io.js';
import { oneLine } from '../../../../test/support/expect-one-line.js';

const servers: Server[] = [];

/** A receiver on 127.0.0.1 that answers every request with `status` (and a Location on a 3xx). */
async function answering(status: number): Promise<string> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const headers = status >= 300 && status < 400 ? { location: 'http://127.0.0.1:1/elsewhere' } : {};
      response.writeHead(status, headers).end();
    });
  });
  server.requestTimeout = 5000;
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return `http://127.0.0.1:${port}/webhooks/inbound-sms`;
}

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
  );
});

const forged = (url: string, ...more: string[]) => [
  'send',
  'sms.inbound',
  '--url',
  url,
  '--signature-secret',
  'the-right-secret-0123456789',
  '--signing-mode',
  'wrong-secret',
  ...more,
];

describe('vws send with a negative signing mode (issue 11)', () => {
  it('exits 0 and says "rejected, as it should" when the receiver answers 401 (issue 11)', async () => {
    const { code, stdout, stderr } = await runInProcess(forged(await answering(401)));
    expect(stderr).not.toContain('did not meet');
    expect(code).toBe(0);
    expect(stdout).toContain('rejected, as it should');
    expect(stdout).toContain('✔');
  });

  it('exits 1 and says "ACCEPTED a forged webhook" when the receiver answers 200 (issue 11)', async () => {
    const { code, stdout, stderr } = await runInProcess(forged(await answering(200)));
    expect(code).toBe(1);
    expect(stdout).toContain('ACCEPTED a forged webhook');
    expect(stderr).toContain('ACCEPTED a forged webhook');
  });

  it.each([
    [302, /answered 302 \(a redirect, not followed\) to .*: expected a rejection \(400-599\)/],
    [206, /answered 206 \(.*\) to .*: expected a rejection \(400-599\)/],
  ])(
    'exits 1 and says what a receiver answering %i did, not that it accepted (issue 11)',
    async (status, said) => {
      const { code, stdout } = await runInProcess(forged(await answering(status)));
      expect(code).toBe(1);
      expect(stdout).toMatch(said);
      expect(stdout).not.toMatch(/accepted/i);
    },
  );

  it('carries the verdict into --json and --junit, several deliveries included (issue 11)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vws-send-verdict-'));
    const rejecting = await runInProcess(forged(await answering(401), '--count', '3', '--json'));
    expect(rejecting.code).toBe(0);
    const report = JSON.parse(rejecting.stdout) as {
      summary: { failed: number };
      deliveries: { ok: boolean; message: string | null }[];
    };
    expect(report.summary.failed).toBe(0);
    expect(report.deliveries.map((delivery) => delivery.ok)).toEqual([true, true, true]);
    expect(report.deliveries[0]?.message).toContain('rejected, as it should');

    const junit = join(dir, 'send.xml');
    const accepting = await runInProcess(
      forged(await answering(200), '--count', '2', '--json', '--junit', junit),
    );
    expect(accepting.code).toBe(1);
    const accepted = JSON.parse(accepting.stdout) as {
      summary: { failed: number };
      deliveries: { ok: boolean; message: string | null }[];
    };
    expect(accepted.summary.failed).toBe(2);
    expect(accepted.deliveries.every((delivery) => !delivery.ok)).toBe(true);
    expect(accepted.deliveries[0]?.message).toContain('ACCEPTED a forged webhook');
    const xml = await readFile(junit, 'utf8');
    expect(xml).toMatch(/tests="2" failures="2"/);
    expect(xml).toContain('ACCEPTED a forged webhook');
  });

  it('prints every failure of a longer run in the verdict’s words (issue 11)', async () => {
    const { code, stdout } = await runInProcess(forged(await answering(200), '--count', '2'));
    expect(code).toBe(1);
    expect(stdout.match(/ACCEPTED a forged webhook/g)).toHaveLength(2);
  });
});

describe('vws send of a signed SMS webhook that is refused (issue 11)', () => {
  it('names the md5hash method it signed with and how to pick another (issue 11)', async () => {
    const { code, stdout } = await runInProcess([
      'send',
      'sms.inbound',
      '--url',
      await answering(401),
      '--signature-secret',
      'the-right-secret-0123456789',
    ]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/md5hash/);
    expect(stdout).toMatch(/--signature-method/);
  });
});

describe('vws send --expect with a negative signing mode (issue 11)', () => {
  it('narrows the rejection to the --expect given (issue 11)', async () => {
    const { code, stdout } = await runInProcess(forged(await answering(403), '--expect', '401'));
    expect(code).toBe(1);
    expect(stdout).toContain(
      'answered 403 to a webhook signed with the wrong secret (forged): expected a rejection (401)',
    );
  });

  it('exits 2 with one line for an --expect outside 400-599 (issue 11)', async () => {
    const { code, stdout, stderr } = await runInProcess(
      forged('http://127.0.0.1:9/x', '--expect', '200-205'),
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    oneLine(stderr);
    expect(stderr).toMatch(
      /--expect 200-205 with --signing-mode wrong-secret: .*use statuses within 400-599/,
    );
  });
});
