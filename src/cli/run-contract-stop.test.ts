// `vws contract` in-process (issue 11): output paths checked before sending, nothing listening said
// once, and Ctrl-C printing the verdict so far and writing the partial reports.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../../test/support/cli-io.js';
import { oneLine } from '../../test/support/expect-one-line.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

/** A loopback receiver that answers 200, counts requests and runs `onRequest` with the count. */
async function countingReceiver(onRequest: (count: number) => void = () => {}) {
  let count = 0;
  const server = createServer((request, response) => {
    count += 1;
    onRequest(count);
    request.resume();
    request.on('end', () => response.writeHead(200).end());
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, requests: () => count };
}

async function withConfig(dir: string): Promise<string> {
  const file = join(dir, 'vws.config.json');
  await writeFile(
    file,
    JSON.stringify({
      endpoints: [
        { path: '/dlr', events: ['sms.delivery_receipt.failed', 'sms.delivery_receipt.expired'] },
        { path: '/in', events: ['sms.inbound.text'] },
      ],
    }),
  );
  return file;
}

describe('vws contract output paths (issue 11)', () => {
  it.each([
    ['under a regular file', (dir: string) => join(dir, 'vws.config.json', 'report.xml'), /ENOTDIR|EEXIST/],
    ['that is a folder', (dir: string) => dir, /is a folder: give a file path/],
  ])(
    'exits 2 with one line and sends nothing when --junit is %s (issue 11)',
    async (_label, junitOf, reason) => {
      const { baseUrl, requests } = await countingReceiver();
      const dir = await mkdtemp(join(tmpdir(), 'vws-contract-'));
      const config = await withConfig(dir);
      const junit = junitOf(dir);
      const { code, stdout, stderr } = await runInProcess([
        'contract',
        '--config',
        config,
        '--base-url',
        baseUrl,
        '--junit',
        junit,
      ]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      oneLine(stderr);
      expect(stderr).toContain(`--junit ${junit}`);
      expect(stderr).toMatch(reason);
      expect(requests()).toBe(0);
    },
  );
});

describe('vws contract base URL (issue 11)', () => {
  it.each(['javascript:', 'data:,x', 'ftp://127.0.0.1:1/'])(
    'exits 2 with one line for --base-url %s, not an internal error (issue 11)',
    async (baseUrl) => {
      const dir = await mkdtemp(join(tmpdir(), 'vws-contract-'));
      const { code, stdout, stderr } = await runInProcess([
        'contract',
        '--config',
        await withConfig(dir),
        '--base-url',
        baseUrl,
      ]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      oneLine(stderr);
      expect(stderr).toContain(`Invalid --base-url "${baseUrl}": use an absolute http(s) URL`);
    },
  );
});

describe('vws contract when nothing listens (issue 11)', () => {
  it('says so once, prints no refused line per check, exits 1 and writes the reports (issue 11)', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const dir = await mkdtemp(join(tmpdir(), 'vws-contract-'));
    const junit = join(dir, 'contract.xml');
    const argv = ['contract', '--config', await withConfig(dir), '--base-url', `http://127.0.0.1:${port}`];
    const { code, stdout, stderr } = await runInProcess([...argv, '--junit', junit]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `vws: contract seed 777 (rerun with --seed 777)\nvws: nothing is listening at http://127.0.0.1:${port} (connection refused): start your app there, or pass --base-url\n`,
    );
    expect(await readFile(junit, 'utf8')).toMatch(/<testsuites name="vws contract" tests="1" failures="1">/);

    const json = await runInProcess([...argv, '--json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { failed: number; checks: { message: string }[] };
    expect(report.failed).toBe(1);
    expect(report.checks).toHaveLength(1);
    expect(report.checks[0]?.message).toContain('nothing is listening');
  });
});

describe('vws contract on Ctrl-C (issue 11)', () => {
  it('stops, prints the verdict so far and the seed, writes partial reports and exits 130 (issue 11)', async () => {
    let interrupt = (): void => {};
    const { baseUrl, requests } = await countingReceiver((count) => {
      if (count % 2 === 0) interrupt();
    });
    const dir = await mkdtemp(join(tmpdir(), 'vws-contract-'));
    const junit = join(dir, 'contract.xml');
    const argv = ['contract', '--config', await withConfig(dir), '--base-url', baseUrl, '--junit', junit];
    const onInterrupt = (handler: () => void): void => {
      interrupt = handler;
    };
    const { code, stdout, stderr } = await runInProcess(argv, { onInterrupt });
    expect(code).toBe(130);
    expect(requests()).toBe(2);
    expect(stdout).toContain('contract interrupted: 2 checks passed, 0 failed before Ctrl-C');
    expect(stdout).not.toContain('contract holds');
    expect(stderr).toContain('vws: contract seed 777 (rerun with --seed 777)');
    expect(stderr).toContain('interrupted');
    expect(await readFile(junit, 'utf8')).toMatch(/<testsuites name="vws contract" tests="2" failures="0">/);

    const json = await runInProcess([...argv, '--json'], { onInterrupt });
    expect(json.code).toBe(130);
    const report = JSON.parse(json.stdout) as { interrupted: boolean; passed: number; checks: unknown[] };
    expect(report).toMatchObject({ interrupted: true, passed: 2 });
    expect(report.checks).toHaveLength(2);
  });
});
