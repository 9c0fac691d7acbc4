// vws send --json and --junit written as results arrive, and Ctrl-C during a run (issue 11): the
// reports stay valid, cover what was sent, and the run exits 130 with the summary and the seed.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../../test/support/cli-io.js';

const servers: Server[] = [];

/** A receiver on 127.0.0.1; `handle` gets each request with its 1-based number. */
async function receiver(
  handle: (number: number, request: IncomingMessage, response: ServerResponse) => void,
): Promise<string> {
  let count = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => handle(++count, request, response));
  });
  server.requestTimeout = 10_000;
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return `http://127.0.0.1:${port}/webhooks/inbound-sms`;
}

afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

/** Polls `check` every 10 ms for up to 3 s; resolves whether it came true. */
async function eventually(check: () => boolean): Promise<boolean> {
  for (let waited = 0; waited < 3000; waited += 10) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
}

interface Report {
  seed: number;
  event: string;
  summary: { total: number; accepted: number; failed: number };
  deliveries: { index: number; ok: boolean }[];
  interrupted: boolean;
}

describe('vws send --json and --junit, streamed (issue 11)', () => {
  it('writes the first JSON entry and JUnit test case before the last delivery ends (issue 11)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vws-send-stream-'));
    const junit = join(dir, 'send.xml');
    let stdout = '';
    let seenBeforeLast = { json: false, junit: false };
    const url = await receiver((number, _request, response) => {
      if (number < 5) return response.writeHead(204).end();
      // Hold the last request until the first entry is out (3 s at most).
      void (async () => {
        const json = await eventually(() => stdout.includes('"index": 0'));
        const part = existsSync(`${junit}.part`) ? await readFile(`${junit}.part`, 'utf8') : '';
        seenBeforeLast = { json, junit: part.includes('<testcase') };
        response.writeHead(204).end();
      })();
    });
    const { code } = await runInProcess(
      ['send', 'sms.inbound', '--url', url, '--count', '5', '--concurrency', '1', '--json', '--junit', junit],
      { stdout: { write: (text: string) => (stdout += text) } },
    );
    expect(code).toBe(0);
    expect(seenBeforeLast).toEqual({ json: true, junit: true });
    const report = JSON.parse(stdout) as Report;
    expect(report).toMatchObject({ seed: 777, event: 'sms.inbound.text', interrupted: false });
    expect(report.summary).toMatchObject({ total: 5, accepted: 5, failed: 0 });
    expect(report.deliveries.map((entry) => entry.index)).toEqual([0, 1, 2, 3, 4]);
    const xml = await readFile(junit, 'utf8');
    expect(xml).toMatch(/<testsuite name="vws send sms.inbound.text" tests="5" failures="0" errors="0"/);
    expect(xml.match(/<testcase /g)).toHaveLength(5);
    expect(xml.endsWith('  </testsuite>\n</testsuites>\n')).toBe(true);
    expect(existsSync(`${junit}.part`)).toBe(false);
  });

  it('writes an empty deliveries array as valid JSON when nothing was sent (issue 11)', async () => {
    const fire = () => {};
    const url = await receiver((_number, _request, response) => {
      fire();
      response.writeHead(204).end();
    });
    const { code, stdout } = await runInProcess(
      ['send', 'sms.inbound', '--url', url, '--count', '3', '--concurrency', '1', '--json'],
      { onInterrupt: (handler) => handler() },
    );
    expect(code).toBe(130);
    const report = JSON.parse(stdout) as Report;
    expect(report.deliveries).toEqual([]);
    expect(report.interrupted).toBe(true);
  });
});

describe('vws send interrupted by Ctrl-C (issue 11)', () => {
  /** A receiver that answers 204 and fires the interrupt at its `at`-th request. */
  async function interruptedRun(at: number, more: string[]) {
    let handler = () => {};
    const url = await receiver((number, _request, response) => {
      if (number === at) handler();
      response.writeHead(204).end();
    });
    return runInProcess(
      ['send', 'sms.inbound', '--url', url, '--count', '50', '--concurrency', '1', ...more],
      {
        onInterrupt: (registered) => {
          handler = registered;
        },
      },
    );
  }

  it('stops, prints the summary so far and the seed, and exits 130 (issue 11)', async () => {
    const { code, stdout, stderr } = await interruptedRun(3, []);
    expect(code).toBe(130);
    expect(stdout).toMatch(/^sent 3 of 50 sms\.inbound\.text webhooks to http:\/\/127\.0\.0\.1:\d+/m);
    expect(stderr).toContain('vws: seed 777 ref-date 2026-03-01T08:00:00.000Z (rerun with --seed 777');
    expect(stderr).toContain(
      'vws: interrupted after 3 of 50 webhooks (Ctrl-C); the report above covers those.\n',
    );
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('finishes the JSON document and the JUnit file with what was sent (issue 11)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vws-send-interrupt-'));
    const junit = join(dir, 'send.xml');
    const { code, stdout, stderr } = await interruptedRun(4, ['--json', '--junit', junit]);
    expect(code).toBe(130);
    const report = JSON.parse(stdout) as Report;
    expect(report.interrupted).toBe(true);
    expect(report.summary).toMatchObject({ total: 4, accepted: 4, failed: 0 });
    expect(report.deliveries).toHaveLength(4);
    expect(stderr).toContain('interrupted after 4 of 50 webhooks');
    const xml = await readFile(junit, 'utf8');
    expect(xml).toMatch(/<testsuites name="vws send sms.inbound.text" tests="4" failures="0" errors="0"/);
    expect(xml).toContain('<property name="interrupted" value="true"/>');
    expect(xml.match(/<testcase /g)).toHaveLength(4);
    expect(existsSync(`${junit}.part`)).toBe(false);
  });

  it('leaves a delivery that hangs after a short grace, and still reports and exits 130 (issue 11)', async () => {
    let handler = () => {};
    const url = await receiver((number, _request, response) => {
      if (number === 1) return response.writeHead(204).end();
      handler(); // the second request never gets an answer
    });
    const started = Date.now();
    const { code, stdout, stderr } = await runInProcess(
      ['send', 'sms.inbound', '--url', url, '--count', '10', '--concurrency', '1', '--json'],
      {
        onInterrupt: (registered) => {
          handler = registered;
        },
      },
    );
    expect(code).toBe(130);
    expect(Date.now() - started).toBeLessThan(8000);
    const report = JSON.parse(stdout) as Report;
    expect(report).toMatchObject({ interrupted: true, summary: { total: 1 } });
    expect(stderr).toContain('interrupted after 1 of 10 webhooks');
  });

  it('refuses a --junit path that is a folder before sending anything (issue 11)', async () => {
    let requests = 0;
    const url = await receiver((_number, _request, response) => {
      requests++;
      response.end();
    });
    const folder = await mkdtemp(join(tmpdir(), 'vws-junit-folder-'));
    const { code, stdout, stderr } = await runInProcess([
      'send',
      'sms.inbound',
      '--count',
      '5',
      '--url',
      url,
      '--junit',
      folder,
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`Cannot write --junit ${folder}: it is a folder`);
    expect(requests).toBe(0);
  });
});
