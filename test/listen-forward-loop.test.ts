// `vws listen --forward-to` must not loop nor leak (issue 12, review): forwarding to the listener's
// own address is refused at start, a loop through another listener is answered 508 once, a
// user:password in the URL is never printed, and an empty --record / --forward-to is refused.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VwsError } from '../src/errors.js';
import { createListener, type ListenerProblem } from '../src/listen/create-listener.js';
import { refuseForwardToSelf } from '../src/listen/forward-step.js';
import { runInProcess } from './support/cli-io.js';
import { oneLine } from './support/expect-one-line.js';

/** A port free a moment ago on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The app: counts what reaches it and answers 204; 127.0.0.1 only. */
async function startSink() {
  const hits: IncomingMessage['headers'][] = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      hits.push(request.headers);
      response.writeHead(204);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Posts to `url` until it answers (the CLI listener starts in the background), at most ~5 s. */
async function postWhenUp(url: string, body: string): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    } catch (error) {
      if (attempt >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe('vws listen --forward-to: no loop, no leak (issue 12)', () => {
  it('refuses to forward to its own address at start, in one line, exit 2 (issue 12)', async () => {
    const port = await freePort();
    const cli = await runInProcess([
      'listen',
      '--port',
      String(port),
      '--forward-to',
      `http://127.0.0.1:${port}`,
    ]);
    expect(cli.code).toBe(2);
    oneLine(cli.stderr);
    expect(cli.stderr).toContain("this listener's own address");
    for (const target of [`http://localhost:${port}/app`, `http://[::1]:${port}`, `http://0.0.0.0:${port}`]) {
      const error = await createListener({ port, forwardTo: target, onWebhook: () => undefined }).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error, target).toBeInstanceOf(VwsError);
      expect((error as VwsError).message, target).not.toContain('\n');
    }
    // The --host given, and on all interfaces every address of this machine.
    expect(() => refuseForwardToSelf(new URL('http://my-box.lan:4111'), 'my-box.lan', 4111)).toThrow(
      VwsError,
    );
    expect(() => refuseForwardToSelf(new URL('http://127.0.0.2:4111'), '0.0.0.0', 4111)).toThrow(VwsError);
    const own = Object.values(networkInterfaces())
      .flatMap((addresses) => addresses ?? [])
      .find((address) => address.family === 'IPv4');
    if (own !== undefined)
      expect(() => refuseForwardToSelf(new URL(`http://${own.address}:4111`), '0.0.0.0', 4111)).toThrow(
        VwsError,
      );
    // Another port, or another host when listening on loopback, is the app: accepted.
    expect(() => refuseForwardToSelf(new URL('http://127.0.0.1:3000'), '127.0.0.1', 4111)).not.toThrow();
    expect(() => refuseForwardToSelf(new URL('http://app.internal:4111'), '127.0.0.1', 4111)).not.toThrow();
    expect(() => refuseForwardToSelf(new URL('https://127.0.0.1'), '127.0.0.1', 4111)).not.toThrow();
  });

  it('answers 508 once to a webhook that comes back through another listener (issue 12)', async () => {
    const portA = await freePort();
    const problemsA: ListenerProblem[] = [];
    const problemsB: ListenerProblem[] = [];
    const seenA: string[] = [];
    const b = await createListener({
      port: 0,
      maxRequests: 1,
      forwardTo: `http://127.0.0.1:${portA}`,
      onWebhook: () => undefined,
      onError: (problem) => problemsB.push(problem),
    });
    const a = await createListener({
      port: portA,
      maxRequests: 1,
      forwardTo: b.url,
      onWebhook: (webhook) => seenA.push(webhook.headers['x-vws-listen-hop'] ?? ''),
      onError: (problem) => problemsA.push(problem),
    });
    const response = await fetch(`${a.url}/webhooks/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text":"hi"}',
    });
    await Promise.all([a.closed, b.closed]);
    expect(response.status).toBe(508);
    expect(problemsA).toHaveLength(1);
    expect(problemsA[0]).toMatchObject({ status: 508, path: '/webhooks/inbound' });
    expect(problemsA[0]?.message).toContain('forwarding loop');
    expect(problemsA[0]?.message).not.toContain('\n');
    expect(problemsB).toEqual([]);
    // A saw the webhook once (from the caller, without a hop header); the loop was cut at its return.
    expect(seenA).toEqual(['']);
  }, 15_000);

  it('adds its hop id to what it forwards, after the ids the webhook came with (issue 12)', async () => {
    const sink = await startSink();
    const listener = await createListener({
      port: 0,
      maxRequests: 1,
      forwardTo: `http://127.0.0.1:${sink.port}`,
      onWebhook: () => undefined,
    });
    const response = await fetch(`${listener.url}/x`, {
      method: 'POST',
      headers: { 'x-vws-listen-hop': 'someone-else' },
      body: 'a=1',
    });
    await listener.closed;
    await sink.close();
    expect(response.status).toBe(204);
    expect(sink.hits[0]?.['x-vws-listen-hop']).toMatch(/^someone-else, [0-9a-f]{16}$/);
  });

  it('never prints nor records the user:password of --forward-to (issue 12)', async () => {
    const sink = await startSink();
    const port = await freePort();
    const recordDir = mkdtempSync(join(tmpdir(), 'vws-userinfo-'));
    const running = runInProcess([
      'listen',
      '--port',
      String(port),
      '--max-requests',
      '1',
      '--forward-to',
      `http://alice:s3cr3t-pw@127.0.0.1:${sink.port}/app`,
      '--record',
      recordDir,
    ]);
    const response = await postWhenUp(`http://127.0.0.1:${port}/webhooks/inbound`, '{"text":"hi"}');
    const cli = await running;
    await sink.close();
    expect(response.status).toBe(204);
    expect(cli.code).toBe(0);
    const [file] = readdirSync(recordDir);
    const record = readFileSync(join(recordDir, file ?? ''), 'utf8');
    for (const text of [cli.stderr, cli.stdout, record]) {
      expect(text).not.toContain('s3cr3t-pw');
      expect(text).not.toContain('alice');
    }
    expect(cli.stderr).toContain(`forwarding to http://[REDACTED]@127.0.0.1:${sink.port}/app`);
    // Nor sent: the webhook's own authorization (none here) goes through untouched.
    expect(sink.hits[0]?.authorization).toBeUndefined();
    // A refused URL is not echoed with its password either.
    const bad = await runInProcess(['listen', '--port', '0', '--forward-to', 'http://bob:hunter2@h/?q=1']);
    expect(bad.code).toBe(2);
    oneLine(bad.stderr);
    expect(bad.stderr).toContain('absolute http(s) base URL');
    expect(bad.stderr).not.toContain('hunter2');
  }, 15_000);

  it('refuses an empty --record or --forward-to in one line, exit 2, and an empty recordDir (issue 12)', async () => {
    for (const argv of [
      ['listen', '--port', '0', '--record', ''],
      ['listen', '--port', '0', '--record', '  '],
      ['listen', '--port', '0', '--forward-to', ''],
    ]) {
      const cli = await runInProcess(argv);
      expect(cli.code, argv.join(' ')).toBe(2);
      oneLine(cli.stderr);
      expect(cli.stderr).toMatch(/record to|base URL/);
    }
    await expect(createListener({ port: 0, recordDir: '', onWebhook: () => undefined })).rejects.toThrow(
      /folder to record to is empty/,
    );
  });
});
