// `vws serve` configured like a Vonage account and application: the webhook flags, --application,
// the start-up lines and their errors. In-process through runCli, with webhooks arriving at a
// node:http receiver on loopback; one spawn of the built binary.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RecordingApp, startRecordingApp } from '../../test/support/recording-app.js';
import { runCli } from './run.js';
import type { CliIo } from './shared/io.js';

const API_KEY = 'a1b2c3d4';
const API_SECRET = 'Secret123';
const APPLICATION_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab';
const basic = `Basic ${Buffer.from(`${API_KEY}:${API_SECRET}`).toString('base64')}`;
const STARTED = 'Ctrl-C to stop';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A loopback app recording every webhook; paths with "answer" in them answer an NCCO. */
async function receiver(): Promise<RecordingApp> {
  const app = await startRecordingApp();
  closers.push(() => app.close());
  return app;
}

interface Started {
  /** The server's URL, or undefined when the command exited before listening. */
  readonly url: string | undefined;
  readonly exit: Promise<number>;
  readonly stdout: () => string;
  readonly stderr: () => string;
}

/** Runs `vws serve --port 0 ...args` in-process until its start-up lines are out or it exits. */
async function startServe(
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
function routeLines(stderr: string): string[] {
  const lines = stderr.split('\n');
  const start = lines.findIndex((line) => line.startsWith('vws: where webhooks go'));
  return lines.slice(start + 1, start + 10);
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
}

async function settled(url: string): Promise<void> {
  const response = await fetch(`${url}/_vws/settled?timeoutMs=5000`, { signal: AbortSignal.timeout(6000) });
  expect(response.status).toBe(200);
}

/** An application as GET /v2/applications/:id returns it (application.v2.yml), with its links and key. */
const applicationJson = (base: string) => ({
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

describe('vws serve webhook settings', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vws-serve-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one aligned line per webhook setting with its method and URL from every flag', async () => {
    const base = 'http://127.0.0.1:3000';
    const started = await startServe([
      '--answer-url',
      `${base}/voice/answer`,
      '--answer-method',
      'POST',
      '--event-url',
      `${base}/voice/event`,
      '--event-method',
      'GET',
      '--fallback-answer-url',
      `${base}/voice/fallback`,
      '--fallback-answer-method',
      'GET',
      '--inbound-url',
      `${base}/msg/in`,
      '--status-url',
      `${base}/msg/status`,
      '--verify-status-url',
      `${base}/verify/status`,
      '--rtc-event-url',
      `${base}/rtc/event`,
      '--rtc-event-method',
      'GET',
      '--sms-inbound-url',
      `${base}/sms/in`,
      '--sms-dlr-url',
      `${base}/track-dlr`,
    ]);
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(routeLines(started.stderr())).toEqual([
      `  answer_url           POST       ${base}/voice/answer`,
      `  event_url            GET        ${base}/voice/event`,
      `  fallback_answer_url  GET        ${base}/voice/fallback`,
      `  inbound_url          POST       ${base}/msg/in`,
      `  status_url           POST       ${base}/msg/status`,
      `  verify_status_url    POST       ${base}/verify/status`,
      `  rtc_event_url        GET        ${base}/rtc/event`,
      `  sms_inbound_url      POST-JSON  ${base}/sms/in`,
      `  sms_dlr_url          POST-JSON  ${base}/track-dlr`,
    ]);
    expect(started.stderr()).toMatch(/^vws: fake Vonage listening on http:\S+ \(seed 777, time scale 0, /);
    expect(started.stderr()).not.toMatch(/webhooks to /);
  });

  it('says which settings are unset and whether a request can name their URL', async () => {
    const started = await startServe(['--sms-dlr-url', 'http://127.0.0.1:3000/track-dlr']);
    expect(routeLines(started.stderr())).toEqual([
      '  answer_url                      (not set: requests must name a URL)',
      '  event_url                       (not set: requests must name a URL)',
      '  fallback_answer_url             (not set: requests must name a URL)',
      '  inbound_url                     (not set: none sent)',
      '  status_url                      (not set: requests must name a URL)',
      '  verify_status_url               (not set: none sent)',
      '  rtc_event_url                   (not set: none sent)',
      '  sms_inbound_url                 (not set: none sent)',
      '  sms_dlr_url          POST-JSON  http://127.0.0.1:3000/track-dlr',
    ]);
  });

  it('dims the unset lines on a terminal and prints no colour codes with NO_COLOR', async () => {
    const coloured = await startServe([], { tty: true });
    expect(coloured.stderr()).toContain('\u001b[2m(not set: requests must name a URL)\u001b[22m');
    const plain = await startServe([], { tty: true, env: { NO_COLOR: '1' } });
    expect(plain.stderr()).toContain('  answer_url           (not set: requests must name a URL)\n');
    expect(plain.stderr()).not.toContain('\u001b[');
  });

  it('takes --sms-method as another name of --sms-webhook-format', async () => {
    const dlr = 'http://127.0.0.1:3000/track-dlr';
    const alias = await startServe(['--sms-method', 'GET', '--sms-dlr-url', dlr]);
    expect(routeLines(alias.stderr())).toContain(`  sms_dlr_url          GET  ${dlr}`);
    const long = await startServe(['--sms-webhook-format', 'POST', '--sms-dlr-url', dlr]);
    expect(routeLines(long.stderr())).toContain(`  sms_dlr_url          POST  ${dlr}`);
  });

  it('fills the settings no flag gives from --webhook-base-url', async () => {
    const base = 'http://127.0.0.1:3000/app';
    const started = await startServe([
      '--webhook-base-url',
      base,
      '--answer-url',
      'http://127.0.0.1:3001/answer',
      '--sms-method',
      'POST',
    ]);
    expect(routeLines(started.stderr())).toEqual([
      '  answer_url           GET   http://127.0.0.1:3001/answer',
      `  event_url            POST  ${base}/webhooks/event`,
      `  fallback_answer_url  POST  ${base}/webhooks/fallback`,
      `  inbound_url          POST  ${base}/webhooks/inbound`,
      `  status_url           POST  ${base}/webhooks/status`,
      `  verify_status_url    POST  ${base}/webhooks/verify`,
      `  rtc_event_url        POST  ${base}/webhooks/rtc/event`,
      `  sms_inbound_url      POST  ${base}/webhooks/inbound-sms`,
      `  sms_dlr_url          POST  ${base}/webhooks/delivery-receipt`,
    ]);
  });

  it('delivers SMS webhooks to --sms-dlr-url and --sms-inbound-url by --sms-method', async () => {
    const app = await receiver();
    const started = await startServe([
      '--sms-dlr-url',
      `${app.url}/track-dlr`,
      '--sms-inbound-url',
      `${app.url}/in-sms`,
      '--sms-method',
      'GET',
    ]);
    const url = started.url as string;
    const sent = await post(`${url}/sms/json`, {
      api_key: API_KEY,
      api_secret: API_SECRET,
      from: 'AcmeInc',
      to: '447700900123',
      text: 'Hi',
    });
    expect(sent.status).toBe(200);
    expect((await post(`${url}/_vws/inbound/sms`, { text: 'STOP' })).status).toBe(202);
    await settled(url);
    const dlr = app.received.find((request) => request.path === '/track-dlr');
    expect(dlr).toMatchObject({ method: 'GET', body: '' });
    expect(dlr?.query.get('messageId')).toMatch(/\S/);
    const inbound = app.received.find((request) => request.path === '/in-sms');
    expect(inbound).toMatchObject({ method: 'GET' });
    expect(inbound?.query.get('text')).toBe('STOP');
  });

  it('delivers Voice webhooks to --answer-url and --event-url by their methods, and Messages to --inbound-url', async () => {
    const app = await receiver();
    const started = await startServe([
      '--answer-url',
      `${app.url}/voice/answer`,
      '--answer-method',
      'POST',
      '--event-url',
      `${app.url}/voice/events`,
      '--event-method',
      'GET',
      '--inbound-url',
      `${app.url}/msg-in`,
    ]);
    const url = started.url as string;
    expect((await post(`${url}/_vws/inbound/call`, { from: '447700900556' })).status).toBe(202);
    expect((await post(`${url}/_vws/inbound/message`, { channel: 'whatsapp', text: 'Hello?' })).status).toBe(
      202,
    );
    await settled(url);
    const answer = app.received.find((request) => request.path === '/voice/answer');
    expect(answer?.method).toBe('POST');
    expect(answer?.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(answer?.body ?? '{}')).toMatchObject({ from: '447700900556' });
    const events = app.received.filter((request) => request.path === '/voice/events');
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((request) => request.method === 'GET' && request.query.has('status'))).toBe(true);
    const message = app.received.find((request) => request.path === '/msg-in');
    expect(message?.method).toBe('POST');
    expect(JSON.parse(message?.body ?? '{}')).toMatchObject({ channel: 'whatsapp', text: 'Hello?' });
  });

  it('serves the --application file as the account application, flags winning over it', async () => {
    const app = await receiver();
    const file = join(dir, 'application.json');
    writeFileSync(file, JSON.stringify(applicationJson(app.url), null, 2));
    const started = await startServe([
      '--application',
      file,
      '--api-key',
      API_KEY,
      '--api-secret',
      API_SECRET,
      '--status-url',
      `${app.url}/flag/status`,
    ]);
    expect(routeLines(started.stderr())).toEqual([
      `  answer_url           GET   ${app.url}/app/answer`,
      `  event_url            POST  ${app.url}/app/event`,
      `  fallback_answer_url  POST  ${app.url}/app/fallback-answer`,
      `  inbound_url          POST  ${app.url}/app/inbound`,
      `  status_url           POST  ${app.url}/flag/status`,
      `  verify_status_url    POST  ${app.url}/app/verify`,
      `  rtc_event_url        GET   ${app.url}/app/rtc`,
      '  sms_inbound_url            (not set: none sent)',
      '  sms_dlr_url                (not set: requests must name a URL)',
    ]);
    const url = started.url as string;
    const served = await fetch(`${url}/v2/applications/${APPLICATION_ID}`, {
      headers: { authorization: basic },
      signal: AbortSignal.timeout(5000),
    });
    expect(served.status).toBe(200);
    expect(await served.json()).toMatchObject({ id: APPLICATION_ID, name: 'Acme support line' });

    expect((await post(`${url}/_vws/inbound/call`, { from: '447700900556' })).status).toBe(202);
    await settled(url);
    const answer = app.received.find((request) => request.path === '/app/answer');
    expect(answer?.method).toBe('GET');
    expect(answer?.query.get('from')).toBe('447700900556');
    expect(app.received.some((request) => request.path === '/app/event')).toBe(true);
  });

  type ErrorCase = readonly [label: string, args: () => string[], message: RegExp];
  const errorCases: readonly ErrorCase[] = [
    [
      'a missing --application file',
      () => ['--application', join(dir, 'missing.json')],
      /^vws: Cannot read --application \S+missing\.json: no such file\. Give the path of your application's JSON, as GET \/v2\/applications\/:id returns it\.$/,
    ],
    [
      'an --application that is a folder',
      () => ['--application', dir],
      /^vws: Cannot read --application \S+: it is a folder\. Give the path/,
    ],
    [
      'an --application file of malformed JSON',
      () => {
        writeFileSync(join(dir, 'bad.json'), '{"name": "Acme",');
        return ['--application', join(dir, 'bad.json')];
      },
      /^vws: Malformed JSON in --application \S+bad\.json: .+\. Fix the file: it must hold one application object/,
    ],
    [
      'an --application file that is not an object',
      () => {
        writeFileSync(join(dir, 'list.json'), '[]');
        return ['--application', join(dir, 'list.json')];
      },
      /^vws: --application \S+list\.json must hold one JSON object: an application as GET/,
    ],
    [
      'an application the Applications API would refuse, naming each JSON path',
      () => {
        const application = {
          name: 'Acme',
          capabilities: {
            voice: { webhooks: { answer_url: { address: 'ftp://127.0.0.1/answer', http_method: 'PUT' } } },
          },
        };
        writeFileSync(join(dir, 'refused.json'), JSON.stringify(application));
        return ['--application', join(dir, 'refused.json')];
      },
      /^vws: Invalid application in --application \S+refused\.json: capabilities\.voice\.webhooks\.answer_url\.address must be an absolute http\(s\) URL; capabilities\.voice\.webhooks\.answer_url\.http_method must be one of GET, POST\. Fix the file to the Applications API v2 shape\.$/,
    ],
    [
      'an application id other than --application-id',
      () => {
        writeFileSync(join(dir, 'other-id.json'), JSON.stringify({ id: APPLICATION_ID, name: 'Acme' }));
        return ['--application', join(dir, 'other-id.json'), '--application-id', 'another-id'];
      },
      /^vws: --application \S+other-id\.json has id "aaaaaaaa-[^"]+" but --application-id is "another-id": make them equal or drop --application-id\.$/,
    ],
    [
      'a webhook URL that is not absolute',
      () => ['--answer-url', 'localhost:3000/answer'],
      /^vws: option '--answer-url <url>' argument 'localhost:3000\/answer' is invalid\. Use an absolute http\(s\) URL of your app/,
    ],
    [
      'a webhook URL that is not http(s)',
      () => ['--sms-dlr-url', 'ftp://127.0.0.1/dlr'],
      /^vws: option '--sms-dlr-url <url>' argument 'ftp:\/\/127\.0\.0\.1\/dlr' is invalid\./,
    ],
    [
      'a base URL with a query',
      () => ['--webhook-base-url', 'http://127.0.0.1:3000/?x=1'],
      /^vws: option '--webhook-base-url <url>' argument '\S+' is invalid\. Use your app's absolute http\(s\) base URL without query/,
    ],
    [
      'a webhook method Vonage does not use',
      () => ['--answer-method', 'PUT'],
      /^vws: option '--answer-method <method>' argument 'PUT' is invalid\. Allowed choices are GET, POST\./,
    ],
    [
      'an SMS method that is not a dashboard choice',
      () => ['--sms-method', 'JSON'],
      /^vws: option '--sms-method, --sms-webhook-format <method>' argument 'JSON' is invalid\. Allowed choices are GET, POST, POST-JSON\./,
    ],
    [
      'a method flag without any URL to apply to',
      () => ['--event-method', 'GET'],
      /^vws: --event-method GET has no URL to apply to: add --event-url <url>, --webhook-base-url or an --application that sets it\.$/,
    ],
  ];

  it.each(errorCases)('exits 2 with one line and no stack for %s', async (_label, args, message) => {
    const started = await startServe(args());
    expect(started.url).toBeUndefined();
    expect(await started.exit).toBe(2);
    const stderr = started.stderr();
    expect(stderr.endsWith('\n')).toBe(true);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr.trimEnd()).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(started.stdout()).toBe('');
  });

  it('names VONAGE_APPLICATION_ID when it differs from the application file', async () => {
    const file = join(dir, 'env-id.json');
    writeFileSync(file, JSON.stringify({ id: APPLICATION_ID }));
    const started = await startServe(['--application', file], { env: { VONAGE_APPLICATION_ID: 'env-id' } });
    expect(await started.exit).toBe(2);
    expect(started.stderr()).toMatch(
      /but VONAGE_APPLICATION_ID is "env-id": make them equal or drop VONAGE_APPLICATION_ID\.\n$/,
    );
  });

  it('shows the three ways to set webhooks in its help', async () => {
    let stdout = '';
    const io: CliIo = {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: () => true },
      env: {},
      now: () => 0,
      randomSeed: () => 1,
      readFile: async () => '',
    };
    expect(await runCli(['serve', '--help'], io, { version: '0.0.0-test' })).toBe(0);
    expect(stdout).toContain('--sms-method, --sms-webhook-format <method>');
    expect(stdout).toContain('$ vws serve --webhook-base-url http://127.0.0.1:3000 --answer-url');
    expect(stdout).toContain('$ vws serve --application app.json');
    expect(stdout).toMatch(
      /curl -u KEY:SECRET -X PUT http:\/\/127\.0\.0\.1:4010\/v2\/applications\/\$APP_ID/,
    );
    expect(stdout).toMatch(/POST \/v2\/applications,\s+PUT \/v2\/applications\/:id/);
    expect(stdout).toMatch(/curl -u KEY:SECRET http:\/\/127\.0\.0\.1:4010\/account\/settings/);
  });
});

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
