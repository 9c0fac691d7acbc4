// runContract stopping early (issue 11): on an aborted signal, and when nothing listens at the base URL.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseContractConfig } from './config.js';
import { runContract } from './run-contract.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

// One check per event: the form and defensive checks (issue 12) would only multiply the counts.
const config = parseContractConfig(
  {
    forms: 'documented',
    defensive: false,
    endpoints: [
      { path: '/dlr', events: ['sms.delivery_receipt.failed', 'sms.delivery_receipt.expired'] },
      { path: '/in', events: ['sms.inbound.text'] },
    ],
  },
  'inline',
);

/** A loopback receiver that answers 200, counts requests and runs `onRequest` with the count. */
async function countingReceiver(onRequest: (count: number, server: Server) => void = () => {}) {
  let count = 0;
  const server = createServer((request, response) => {
    count += 1;
    onRequest(count, server);
    request.resume();
    request.on('end', () => response.writeHead(200, { connection: 'close' }).end());
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, requests: () => count };
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('runContract signal (issue 11)', () => {
  it('sends nothing and resolves interrupted with no checks when the signal is already aborted (issue 11)', async () => {
    const { baseUrl, requests } = await countingReceiver();
    const run = await runContract({ config, baseUrl, signal: AbortSignal.abort() });
    expect(run).toMatchObject({ interrupted: true, passed: 0, failed: 0, checks: [] });
    expect(requests()).toBe(0);
  });

  it('starts no new check once aborted and keeps the checks done so far (issue 11)', async () => {
    const controller = new AbortController();
    const { baseUrl, requests } = await countingReceiver((count) => {
      if (count === 2) controller.abort();
    });
    const run = await runContract({ config, baseUrl, signal: controller.signal });
    expect(run.interrupted).toBe(true);
    expect(run.checks).toHaveLength(2);
    expect(run.passed).toBe(2);
    expect(requests()).toBe(2);
  });

  it('is not interrupted when it runs to the end (issue 11)', async () => {
    const { baseUrl } = await countingReceiver();
    const run = await runContract({ config, baseUrl, signal: new AbortController().signal });
    expect(run.interrupted).toBe(false);
    expect(run.checks).toHaveLength(3);
    expect(run).not.toHaveProperty('nothingListening');
  });
});

describe('runContract when nothing listens (issue 11)', () => {
  it('stops after one check and says nothing is listening at the base URL (issue 11)', async () => {
    const port = await closedPort();
    const run = await runContract({ config, baseUrl: `http://127.0.0.1:${port}` });
    expect(run.nothingListening).toBe(`http://127.0.0.1:${port}`);
    expect(run.checks).toHaveLength(1);
    expect(run.failed).toBe(1);
    expect(run.checks[0]?.message).toBe(
      `nothing is listening at http://127.0.0.1:${port} (connection refused): start your app there, or set the base URL (CLI: --base-url)`,
    );
    expect(run.checks[0]?.message).not.toContain('earlier request');
  });

  it('still reports each refused check of a receiver that answered and then went away (issue 11)', async () => {
    const { baseUrl, requests } = await countingReceiver((_count, server) => {
      // Answers this request, then stops listening: every later connection is refused.
      server.close();
    });
    const run = await runContract({ config, baseUrl });
    expect(requests()).toBe(1);
    expect(run.checks).toHaveLength(3);
    expect(run.checks[0]?.passed).toBe(true);
    expect(run.checks.slice(1).map((check) => check.message)).toEqual([
      expect.stringContaining('crash on an earlier request'),
      expect.stringContaining('crash on an earlier request'),
    ]);
    expect(run).not.toHaveProperty('nothingListening');
  });
});
