// `vws call` (decision 107, "What the app and the user see"): an inbound call placed into a tiny IVR
// on loopback, on its own (an in-process fake) and through a `vws serve`; in-process through runCli,
// plus one spawn of the built binary.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../../test/support/cli-io.js';
import { type IvrApp, startIvrApp } from '../../test/support/ivr-app.js';
import type { TranscriptEntry } from '../fake-vonage/engine/conversation.js';
import { createFakeVonageServer, type FakeVonageServer } from '../serve/create-fake-vonage-server.js';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'vws.js');
const built = existsSync(join(root, 'dist', 'cli', 'bundle', 'main.js'));

let app: IvrApp;
const servers: FakeVonageServer[] = [];

beforeAll(async () => {
  app = await startIvrApp();
});
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  app.received.length = 0;
});
afterAll(async () => {
  await app.close();
});

const standalone = (...args: string[]) => [
  'call',
  '--answer-url',
  `${app.url}/answer`,
  '--event-url',
  `${app.url}/event`,
  ...args,
];

function oneLine(text: string): void {
  expect(text.trimEnd().split('\n')).toHaveLength(1);
  expect(text).not.toMatch(/\n\s+at /);
}

/** What the IVR's /menu heard, in order: digits or words. */
const menuInputs = () =>
  app.received
    .filter((request) => request.path === '/menu')
    .map((request) => {
      const { dtmf, speech } = request.body as {
        dtmf?: { digits?: string };
        speech?: { results?: { text: string }[] };
      };
      return dtmf?.digits || speech?.results?.[0]?.text || '(timed out)';
    });

/** A free loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('vws call (standalone)', () => {
  it('prints the transcript and a summary line and exits 0 when the app takes every webhook', async () => {
    const { code, stdout, stderr } = await runInProcess(standalone('--press', '1', '--seed', '7'));
    expect(stderr).toBe('vws: seed 7 (rerun with --seed 7)\n');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      new RegExp(
        `^ +0\\.0s {2}A {2}webhook voice\\.answer\\.inbound GET ${app.url}/answer -> 200 accepted NCCO \\[talk, input\\]$`,
      ),
    );
    expect(stdout).toContain('person: press 1');
    expect(stdout).toContain(
      `webhook voice.event.input.dtmf POST ${app.url}/menu -> 200 accepted NCCO [talk, input]`,
    );
    expect(stdout).toContain('Vonage says: "You chose 1."');
    expect(lines.at(-1)).toMatch(
      /^Call ended: the NCCO ran out after [\d.]+ s; \d+ webhooks, all accepted\.$/,
    );
    expect(menuInputs()).toEqual(['1', '(timed out)']);
    // The answer request went as --answer-method's default, GET; events as POST.
    expect(app.received[0]).toMatchObject({ method: 'GET', path: '/answer' });
    expect(
      app.received.filter((request) => request.path === '/event').every((r) => r.method === 'POST'),
    ).toBe(true);
  });

  it('prints the same transcript for the same seed', async () => {
    const first = await runInProcess(standalone('--press', '1', '--seed', '11', '--from', '447700900001'));
    const second = await runInProcess(standalone('--press', '1', '--seed', '11', '--from', '447700900001'));
    expect(second.stdout).toBe(first.stdout);
    expect(app.received.filter((request) => request.path === '/answer').map((r) => r.body.from)).toEqual([
      '447700900001',
      '447700900001',
    ]);
  });

  it('plays mixed --press, --wait, --say, --caller and --hang-up in the order given on the command line', async () => {
    const { code, stdout } = await runInProcess(
      standalone(
        '--say',
        'sales please',
        '--press',
        '2',
        '--wait',
        '3s',
        '--say',
        'an "agent"',
        '--caller',
        'press 3; press 4',
        '--wait',
        '1s',
        '--hang-up',
      ),
    );
    expect(code).toBe(0);
    expect(menuInputs()).toEqual(['sales please', '2', 'an "agent"', '3', '4']);
    const did = stdout
      .split('\n')
      .filter((line) => line.includes('person: '))
      .map((line) => line.replace(/^.*person: /, ''));
    expect(did).toEqual([
      'say "sales please"',
      'press 2',
      'say "an \\"agent\\""',
      'press 3',
      'press 4',
      'hang up',
    ]);
    // --wait 3s sits between the second and the third input: at least 3 s of virtual time.
    const at = (step: string) =>
      Number(
        /^ *([\d.]+)s/.exec(stdout.split('\n').find((line) => line.endsWith(`person: ${step}`)) ?? '')?.[1],
      );
    expect(at('say "an \\"agent\\""') - at('press 2')).toBeGreaterThanOrEqual(3);
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^Call ended: the caller hung up after/);
  });

  it('lets --silence time the current input out', async () => {
    const { code } = await runInProcess(standalone('--silence', '--press', '1'));
    expect(code).toBe(0);
    // The first input timed out, so the IVR said goodbye and the press was never asked for.
    expect(menuInputs()).toEqual(['(timed out)']);
  });

  it('exits 1 naming the webhook and the invalid NCCO when the answer URL answers one', async () => {
    const { code, stdout, stderr } = await runInProcess([
      'call',
      '--answer-url',
      `${app.url}/bad`,
      '--event-url',
      `${app.url}/event`,
      '--press',
      '1',
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain(`webhook voice.answer.inbound GET ${app.url}/bad -> 200 ncco_invalid`);
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(
      new RegExp(
        `^Call ended: .*invalid NCCO.* after [\\d.]+ s; 1 of \\d+ webhooks not accepted: voice\\.answer\\.inbound GET ${app.url}/bad → 200 with an invalid NCCO\\.$`,
      ),
    );
    const [error] = stderr.split('\n').filter((line) => !line.startsWith('vws: seed'));
    expect(error).toMatch(
      /^vws: Your app answered voice\.answer\.inbound .* with an invalid NCCO: \$\[0\]\.action: .*"tlak"/,
    );
    expect(error).toContain('fix the NCCO it returns');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 naming the webhook the app answered 500', async () => {
    const { code, stdout, stderr } = await runInProcess(standalone('--press', '9'));
    expect(code).toBe(1);
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(
      new RegExp(
        `; 1 of \\d+ webhooks not accepted: voice\\.event\\.input\\.dtmf POST ${app.url}/menu → 500\\.$`,
      ),
    );
    expect(stderr).toContain(`(first: voice.event.input.dtmf POST ${app.url}/menu → 500)`);
  });

  it('exits 1 and names --event-url when the call events had no URL to go to', async () => {
    const { code, stdout, stderr } = await runInProcess(['call', '--answer-url', `${app.url}/answer`]);
    expect(code).toBe(1);
    expect(stdout).toContain('voice.event.started not sent (no URL)');
    expect(stderr).toMatch(
      /webhooks of the call had no URL to go to \(voice\.event\.started, .*\): pass --event-url <url>/,
    );
  });

  it('prints { lifecycle, ok, failures, transcript } with --json', async () => {
    const { code, stdout } = await runInProcess(standalone('--press', '1', '--json'));
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['lifecycle', 'ok', 'failures', 'transcript']);
    expect(report).toMatchObject({ lifecycle: 0, ok: true, failures: [] });
    const transcript = report.transcript as TranscriptEntry[];
    expect(transcript[0]).toMatchObject({
      kind: 'webhook',
      event: 'voice.answer.inbound',
      method: 'GET',
      url: `${app.url}/answer`,
      status: 200,
      outcome: 'accepted',
      ncco: ['talk', 'input'],
    });
    expect(transcript).toContainEqual(expect.objectContaining({ kind: 'did', step: 'press 1' }));
    expect(transcript.at(-1)).toMatchObject({ kind: 'end', reason: 'the NCCO ran out' });
  });

  it('lists the failed webhooks in --json and exits 1', async () => {
    const { code, stdout } = await runInProcess(standalone('--press', '9', '--json'));
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { ok: boolean; failures: Record<string, unknown>[] };
    expect(report.ok).toBe(false);
    expect(report.failures).toEqual([
      expect.objectContaining({
        kind: 'webhook',
        event: 'voice.event.input.dtmf',
        status: 500,
        outcome: 'rejected',
      }),
    ]);
  });

  it('signs the webhooks with --signature-secret (or VONAGE_SIGNATURE_SECRET) and never prints it', async () => {
    const secret = 'S3cretForCallTest';
    const { code, stdout, stderr } = await runInProcess(standalone('--press', '1'), {
      env: { VONAGE_SIGNATURE_SECRET: secret },
    });
    expect(code).toBe(0);
    expect(app.received.every((request) => request.headers.authorization?.startsWith('Bearer ey'))).toBe(
      true,
    );
    expect(`${stdout}${stderr}`).not.toContain(secret);
  });

  it('stops waiting at --timeout, prints how far the call got and exits 1', async () => {
    const { code, stdout, stderr } = await runInProcess(
      // At a fifth of real time the call lasts over a second; its answer request comes within 0.2 s.
      standalone('--time-scale', '0.2', '--timeout', '600ms'),
    );
    expect(code).toBe(1);
    expect(stdout).toContain('webhook voice.answer.inbound');
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^Call not ended after [\d.]+ s; /);
    expect(stderr).toContain(
      "vws: The call did not end within 600 ms: raise --timeout, or end it from the caller's side with --hang-up.",
    );
  });
});

describe('vws call usage errors', () => {
  it.each([
    [['--press', 'x'], /^vws: Invalid caller step "press x": press takes keys 0-9/],
    [['--wait', '3'], /^vws: Invalid caller step "wait 3": wait takes a time/],
    [['--hang-up', '--press', '1'], /^vws: Caller step "press 1" comes after "hang up"/],
    [['--caller', 'dance'], /^vws: Invalid caller step "dance": "dance" is not a caller step/],
    [['--caller', 'busy'], /busy is a callee step, not a caller step/],
  ])('exits 2 with one line for the caller step %j, before any call starts', async (args, message) => {
    const { code, stdout, stderr } = await runInProcess(standalone(...args));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    oneLine(stderr);
    expect(stderr).toMatch(message);
    expect(app.received).toEqual([]);
  });

  it('exits 2 naming --answer-url and --server when neither is given', async () => {
    const { code, stderr } = await runInProcess(['call', '--press', '1']);
    expect(code).toBe(2);
    oneLine(stderr);
    expect(stderr).toMatch(/needs --answer-url <url> .* or --server <url>/);
  });

  it.each([
    [
      ['--answer-url', 'localhost:3000/answer'],
      /option '--answer-url <url>' argument .* is invalid\. Use an absolute http\(s\) URL/,
    ],
    [
      ['--server', 'nope'],
      /option '--server <url>' argument 'nope' is invalid\. Use the URL "vws serve" prints/,
    ],
    [
      ['--answer-url', 'http://127.0.0.1:1/a', '--timeout', '5'],
      /argument '5' is invalid\. Use a time from 1ms to 2h/,
    ],
    [['--answer-url', 'http://127.0.0.1:1/a', '--answer-method', 'PUT'], /Allowed choices are GET, POST/],
    [
      ['--answer-url', 'http://127.0.0.1:1/a', '--event-method', 'GET'],
      /--event-method GET has no URL to apply to: add --event-url/,
    ],
    [
      ['--server', 'http://127.0.0.1:1', '--seed', '3', '--event-url', 'http://127.0.0.1:1/e'],
      /--event-url and --seed do not apply with --server/,
    ],
  ])('exits 2 with one line for %j', async (args, message) => {
    const { code, stderr } = await runInProcess(['call', ...args]);
    expect(code).toBe(2);
    oneLine(stderr);
    expect(stderr).toMatch(message);
  });

  it('exits 2 naming the number when --from is not one', async () => {
    const { code, stderr } = await runInProcess(standalone('--from', 'abc'));
    expect(code).toBe(2);
    expect(stderr).toContain('vws: Invalid from "abc": use an E.164 number');
  });
});

describe('vws call --server', () => {
  async function serve(options: { timeScale?: number } = {}): Promise<FakeVonageServer> {
    const server = await createFakeVonageServer({
      timeScale: options.timeScale ?? 0,
      seed: 3,
      webhooks: { answerUrl: `${app.url}/answer`, eventUrl: `${app.url}/event` },
    });
    servers.push(server);
    return server;
  }

  it('places the call in the running vws serve, prints its transcript and exits 0', async () => {
    const server = await serve();
    const { code, stdout, stderr } = await runInProcess([
      'call',
      '--server',
      `${server.url}/`,
      '--press',
      '1',
      '--from',
      '447700900002',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('person: press 1');
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(
      /^Call ended: the NCCO ran out after .*, all accepted\.$/,
    );
    // The call is the server's: in its records, with its transcript at /_vws/lifecycles/:index/transcript.
    expect(server.fake.lifecycles).toHaveLength(1);
    expect(server.fake.deliveries[0]).toMatchObject({ payload: { from: '447700900002' } });
    const shown = (await (await fetch(`${server.url}/_vws/lifecycles/0/transcript`)).json()) as {
      text: string;
    };
    expect(stdout.startsWith(`${shown.text}\n`)).toBe(true);
  });

  it('prints the same --json shape as a standalone call, and exits 1 when a webhook failed', async () => {
    const server = await serve();
    const { code, stdout, stderr } = await runInProcess([
      'call',
      '--server',
      server.url,
      '--press',
      '9',
      '--json',
    ]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['lifecycle', 'ok', 'failures', 'transcript']);
    expect(report).toMatchObject({
      lifecycle: 0,
      ok: false,
      failures: [{ event: 'voice.event.input.dtmf', status: 500 }],
    });
    oneLine(stderr);
  });

  it('exits 1 naming --timeout when the call outlasts it', async () => {
    const server = await serve({ timeScale: 1 });
    const { code, stderr } = await runInProcess(['call', '--server', server.url, '--timeout', '200ms']);
    expect(code).toBe(1);
    oneLine(stderr);
    expect(stderr).toMatch(/^vws: Call #0 did not end within 200 ms .* Raise --timeout/);
  });

  it('exits 2 with one line when nothing answers at --server', async () => {
    const port = await closedPort();
    const { code, stderr } = await runInProcess([
      'call',
      '--server',
      `http://127.0.0.1:${port}`,
      '--press',
      '1',
    ]);
    expect(code).toBe(2);
    oneLine(stderr);
    expect(stderr).toBe(
      `vws: Cannot reach vws serve at http://127.0.0.1:${port} (connection refused): start it ("vws serve --answer-url <url>") or fix --server.\n`,
    );
  });

  it('exits 2 when --server is not a vws serve', async () => {
    const { code, stderr } = await runInProcess(['call', '--server', app.url, '--press', '1']);
    expect(code).toBe(2);
    oneLine(stderr);
    expect(stderr).toContain(
      `${app.url} does not look like a running "vws serve" (POST /_vws/inbound/call answered 204)`,
    );
  });

  it("exits 2 with the server's one-line answer for a --from it refuses", async () => {
    const server = await serve();
    const { code, stderr } = await runInProcess(['call', '--server', server.url, '--from', 'abc']);
    expect(code).toBe(2);
    oneLine(stderr);
    expect(stderr).toContain('Invalid from "abc"');
  });
});

describe.skipIf(!built)('vws call (built binary)', () => {
  it('runs a call and exits 0', async () => {
    const child = spawn(
      process.execPath,
      [
        bin,
        'call',
        '--answer-url',
        `${app.url}/answer`,
        '--event-url',
        `${app.url}/event`,
        '--press',
        '1',
        '--seed',
        '5',
      ],
      { cwd: root, env: { ...process.env, NO_COLOR: '1', VONAGE_SIGNATURE_SECRET: '' } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill(), 15_000);
      child.on('close', (exit) => {
        clearTimeout(timer);
        resolve(exit);
      });
    });
    expect(code, stderr).toBe(0);
    expect(stderr).toBe('vws: seed 5 (rerun with --seed 5)\n');
    expect(stdout).toContain('person: press 1');
    expect(stdout).toMatch(/Call ended: the NCCO ran out after [\d.]+ s; \d+ webhooks, all accepted\.\n$/);
  });
});
