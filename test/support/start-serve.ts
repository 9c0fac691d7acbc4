// The shared setup of src/cli/serve-*.test.ts: `vws serve` run in-process through runCli until its
// start-up lines are out, a loopback app recording every webhook, both stopped by closeServeRuns after
// each test, and the requests and application file the tests use.
import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import type { CliIo } from '../../src/cli/shared/io.js';
import { type RecordingApp, startRecordingApp } from './recording-app.js';

export const API_KEY = 'a1b2c3d4';
export const API_SECRET = 'Secret123';
export const APPLICATION_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab';
export const basic = `Basic ${Buffer.from(`${API_KEY}:${API_SECRET}`).toString('base64')}`;
export const STARTED = 'Ctrl-C to stop';

const closers: (() => Promise<unknown>)[] = [];

/** Stops every server and app the test started, last first; each file runs it after each test. */
export async function closeServeRuns(): Promise<void> {
  for (const close of closers.splice(0).reverse()) await close();
}

/** A loopback app recording every webhook; paths with "answer" in them answer an NCCO. */
export async function receiver(): Promise<RecordingApp> {
  const app = await startRecordingApp();
  closers.push(() => app.close());
  return app;
}

export interface Started {
  /** The server's URL, or undefined when the command exited before listening. */
  readonly url: string | undefined;
  readonly exit: Promise<number>;
  readonly stdout: () => string;
  readonly stderr: () => string;
}

/** Runs `vws serve --port 0 ...args` in-process until its start-up lines are out or it exits. */
export async function startServe(
  args: readonly string[],
  options: { env?: Record<string, string>; tty?: boolean } = {},
): Promise<Started> {
  let stdout = '';
  let stderr = '';
  let interrupt: () => void = () => undefined;
  let announce: () => void = () => undefined;
  const listening = new Promise<void>((resolve) => {
    announce = resolve;
  });
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: {
      ...(options.tty === undefined ? {} : { isTTY: options.tty }),
      write: (text: string) => {
        stderr += text;
        if (stderr.includes(STARTED)) announce();
      },
    },
    env: options.env ?? {},
    now: () => Date.now(),
    randomSeed: () => 777,
    readFile: (path) => readFile(path, 'utf8'),
    onInterrupt: (handler) => {
      interrupt = handler;
    },
  };
  const exit = runCli(['serve', '--port', '0', '--time-scale', '0', ...args], io, {
    version: '0.0.0-test',
  });
  const up = await Promise.race([listening.then(() => true), exit.then(() => false)]);
  if (up) {
    closers.push(async () => {
      interrupt();
      return exit;
    });
  }
  return {
    url: up ? /listening on (http:\/\/\S+)/.exec(stderr)?.[1] : undefined,
    exit,
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

/** The start-up table: the lines between the "where webhooks go" line and the last line. */
export function routeLines(stderr: string): string[] {
  const lines = stderr.split('\n');
  const start = lines.findIndex((line) => line.startsWith('vws: where webhooks go'));
  return lines.slice(start + 1, start + 10);
}

export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
}

export async function settled(url: string): Promise<void> {
  const response = await fetch(`${url}/_vws/settled?timeoutMs=5000`, { signal: AbortSignal.timeout(6000) });
  expect(response.status).toBe(200);
}

/** An application as GET /v2/applications/:id returns it (application.v2.yml), with its links and key. */
export const applicationJson = (base: string) => ({
  id: APPLICATION_ID,
  name: 'Acme support line',
  capabilities: {
    voice: {
      webhooks: {
        answer_url: { address: `${base}/app/answer`, http_method: 'GET', connection_timeout: 500 },
        fallback_answer_url: { address: `${base}/app/fallback-answer`, http_method: 'POST' },
        event_url: { address: `${base}/app/event`, http_method: 'POST', socket_timeout: 3000 },
      },
      signed_callbacks: true,
      conversations_ttl: 9000,
    },
    messages: {
      version: 'v1',
      webhooks: {
        inbound_url: { address: `${base}/app/inbound`, http_method: 'POST' },
        status_url: { address: `${base}/app/status`, http_method: 'POST' },
      },
    },
    rtc: { webhooks: { event_url: { address: `${base}/app/rtc`, http_method: 'GET' } } },
    verify: {
      webhooks: { status_url: { address: `${base}/app/verify`, http_method: 'POST' } },
      version: 'v2',
    },
  },
  keys: { public_key: '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n' },
  privacy: { improve_ai: false },
  _links: { self: { href: `/v2/applications/${APPLICATION_ID}` } },
});
