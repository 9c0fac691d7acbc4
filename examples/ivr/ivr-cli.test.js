// The IVR's flows from the terminal, as CI would run them: the app (server.js) and two `vws serve`
// (one whose agent answers, one whose agent is busy) run as child processes on 127.0.0.1, and
// `vws call` places each call and prints its transcript. Needs the build (`npm run build`).
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prompts } from './app.js';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'vws.js');
const built = existsSync(join(root, 'dist', 'cli', 'bundle', 'main.js'));

const signatureSecret = 'ivr-cli-signature-secret';
const agentNumber = '447700900100';
// Every child process is bounded: a hung one fails the test instead of holding CI.
const CHILD_TIMEOUT_MS = 30_000;
const env = { ...process.env, NO_COLOR: '1', VONAGE_SIGNATURE_SECRET: '', VONAGE_APPLICATION_ID: '' };

/** @type {import('node:child_process').ChildProcess[]} */
const children = [];
let appUrl = '';
let answeringServe = '';
let busyServe = '';

/**
 * Starts a long-running child and resolves with the first match of `pattern` in its output.
 * @param {string[]} args
 * @param {'stdout' | 'stderr'} stream
 * @param {RegExp} pattern
 * @param {NodeJS.ProcessEnv} [childEnv]
 */
function start(args, stream, pattern, childEnv = env) {
  const child = spawn(process.execPath, args, { cwd: root, env: childEnv, timeout: 120_000 });
  children.push(child);
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} on ${stream} in 10 s: ${text}`)), 10_000);
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${text}`)));
    child[stream]?.on('data', (/** @type {Buffer} */ chunk) => {
      text += chunk.toString('utf8');
      const found = pattern.exec(text);
      if (found !== null) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
  });
}

/**
 * Starts `vws serve` for the app, with what the agent does; resolves with its URL.
 * @param {string} agent the agent's script
 */
const startServe = (agent) =>
  start(
    [
      bin,
      'serve',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--seed',
      '7',
      '--time-scale',
      '0',
      '--signature-secret',
      signatureSecret,
      '--answer-url',
      `${appUrl}/ivr/answer`,
      '--event-url',
      `${appUrl}/ivr/events`,
      '--end-user',
      `${agentNumber}=${agent}`,
    ],
    'stderr',
    /listening on (http:\/\/127\.0\.0\.1:\d+)/,
  );

/**
 * Runs `vws <args>` to its end.
 * @param {string[]} args
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
function vws(args) {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: root, env, timeout: CHILD_TIMEOUT_MS },
      (error, stdout, stderr) => {
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : null,
          stdout,
          stderr,
        });
      },
    );
  });
}

/**
 * `vws call` through a running `vws serve`.
 * @param {string} server
 * @param {string[]} caller the caller's flags
 */
const callThrough = (server, ...caller) => vws(['call', '--server', server, ...caller]);

/**
 * Checks that each text appears in `output`, in this order.
 * @param {string} output
 * @param {string[]} texts
 */
function expectInOrder(output, texts) {
  let from = 0;
  for (const text of texts) {
    const at = output.indexOf(text, from);
    expect(at, `"${text}" after position ${from} in:\n${output}`).toBeGreaterThanOrEqual(0);
    from = at + text.length;
  }
}

/** What the app received so far: `{ webhooks, recordings }`. */
async function received() {
  const response = await fetch(`${appUrl}/ivr/received`);
  return /** @type {Promise<{ webhooks: any[], recordings: any[] }>} */ (response.json());
}

/** @param {string} text */
const says = (text) => `Vonage says: "${text}"`;

describe.skipIf(!built)('the IVR through vws serve and vws call', () => {
  beforeAll(async () => {
    appUrl = await start(
      [join(import.meta.dirname, 'server.js')],
      'stdout',
      /listening on (http:\/\/127\.0\.0\.1:\d+)/,
      {
        ...env,
        PORT: '0',
        HOST: '127.0.0.1',
        VONAGE_SIGNATURE_SECRET: signatureSecret,
        AGENT_NUMBER: agentNumber,
      },
    );
    [answeringServe, busyServe] = await Promise.all([
      startServe('answer; wait 300s; hang up'),
      startServe('busy'),
    ]);
  }, 30_000);

  afterAll(() => {
    for (const child of children) {
      child.removeAllListeners('exit');
      child.kill();
    }
  });

  it('takes a message: --press 1 --say "please call me back"', async () => {
    const before = (await received()).recordings.length;
    const { code, stdout, stderr } = await callThrough(
      answeringServe,
      '--press',
      '1',
      '--say',
      'please call me back',
    );

    expect(code, stderr).toBe(0);
    expectInOrder(stdout, [
      says(prompts.welcome),
      'person: press 1',
      `/ivr/menu -> 200 accepted NCCO [talk, record, talk]`,
      says(prompts.leaveMessage),
      'beep',
      'person: say "please call me back"',
      '/ivr/recording -> 204 accepted',
      says(prompts.thanks),
      'ended: the NCCO ran out (disconnected_by platform)',
    ]);
    const { recordings } = await received();
    expect(recordings).toHaveLength(before + 1);
    expect(recordings.at(-1).url).toMatch(/^https:\/\/api\.nexmo\.com\/v1\/files\//);
  });

  it('connects to the agent until the caller hangs up: --press 2 --wait 30s --hang-up', async () => {
    const { code, stdout, stderr } = await callThrough(
      answeringServe,
      '--press',
      '2',
      '--wait',
      '30s',
      '--hang-up',
    );

    expect(code, stderr).toBe(0);
    expectInOrder(stdout, [
      'person: press 2',
      says(prompts.connecting),
      `B  connect: phone ${agentNumber}`,
      'B  webhook voice.event.answered POST',
      'A  person: hang up',
      'B  webhook voice.event.completed POST',
      'ended: the caller hung up (disconnected_by user)',
    ]);
    expect(stdout).toContain('/ivr/agent-events -> 204 accepted');
  });

  it('hears that the agent is busy: --press 2 against a serve whose agent is busy', async () => {
    const { code, stdout, stderr } = await callThrough(
      busyServe,
      '--press',
      '2',
      '--say',
      'it is about my order',
    );

    expect(code, stderr).toBe(0);
    expectInOrder(stdout, [
      says(prompts.connecting),
      `B  connect: phone ${agentNumber}`,
      'B  webhook voice.event.busy POST',
      '/ivr/agent-events -> 200 accepted NCCO [talk, record, talk]',
      says(prompts.agentsBusy),
      'person: say "it is about my order"',
      'webhook voice.event.record POST',
      says(prompts.thanks),
    ]);
  });

  it('says sorry to any other key: --press 9', async () => {
    const { code, stdout, stderr } = await callThrough(answeringServe, '--press', '9');

    expect(code, stderr).toBe(0);
    expectInOrder(stdout, ['person: press 9', says(prompts.sorry), 'ended: the NCCO ran out']);
    expect(stdout).not.toContain('/ivr/agent-events');
  });

  it('says sorry when the caller is silent: --silence', async () => {
    const { code, stdout, stderr } = await callThrough(answeringServe, '--silence');

    expect(code, stderr).toBe(0);
    expectInOrder(stdout, [
      says(prompts.welcome),
      'person: silence',
      'webhook voice.event.input.timeout POST',
      says(prompts.sorry),
    ]);
  });

  it('stops when the caller hangs up during the welcome: --wait 2s --hang-up', async () => {
    const { code, stdout, stderr } = await callThrough(answeringServe, '--wait', '2s', '--hang-up');

    expect(code, stderr).toBe(0);
    expectInOrder(stdout, [says(prompts.welcome), 'person: hang up', 'ended: the caller hung up']);
    expect(stdout).not.toContain('/ivr/menu');
  });

  it('prints the call as JSON with --json and a whole --caller script', async () => {
    const { code, stdout, stderr } = await callThrough(
      answeringServe,
      '--caller',
      'press 1; say "please call me back"',
      '--json',
    );

    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ ok: true, failures: [] });
    const said = report.transcript.flatMap((/** @type {any} */ entry) =>
      entry.kind === 'said' && entry.via === 'talk' ? [entry.text] : [],
    );
    expect(said).toEqual([prompts.welcome, prompts.leaveMessage, prompts.thanks]);
  });

  it('runs without a server, the same for the same seed: --answer-url --event-url --seed', async () => {
    const args = [
      'call',
      '--answer-url',
      `${appUrl}/ivr/answer`,
      '--event-url',
      `${appUrl}/ivr/events`,
      '--signature-secret',
      signatureSecret,
      '--seed',
      '7',
      // Vonage's "now" pinned too: billed seconds follow the start's sub-second part (decision 012).
      '--ref-date',
      '2026-01-15T12:00:00.250Z',
      '--press',
      '9',
    ];
    const first = await vws(args);
    const second = await vws(args);

    expect(first.code, first.stderr).toBe(0);
    expectInOrder(first.stdout, [says(prompts.welcome), 'person: press 9', says(prompts.sorry)]);
    expect(first.stdout).toMatch(/\(disconnected_by platform\), \d+ s, price [\d.]+$/m);
    expect(second.stdout).toBe(first.stdout);
    expect(first.stderr).toContain('seed 7');
  });

  it('exits 1 when the app refuses the signature (another secret)', async () => {
    const { code, stdout, stderr } = await vws([
      'call',
      '--answer-url',
      `${appUrl}/ivr/answer`,
      '--event-url',
      `${appUrl}/ivr/events`,
      '--signature-secret',
      'not-the-account-secret',
      '--press',
      '1',
    ]);

    expect(code, stderr).toBe(1);
    expect(stdout).toContain('/ivr/answer -> 401 rejected');
    expect(stderr).toContain('401');
  });

  it('exits 2 for a step it cannot read: --press x', async () => {
    const { code, stderr } = await callThrough(answeringServe, '--press', 'x');

    expect(code, stderr).toBe(2);
    expect(stderr).toContain('press x');
  });
});
