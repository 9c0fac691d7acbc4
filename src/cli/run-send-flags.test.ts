// The CLI in-process (runInProcess): the placeholder API key of JWT-signed sends, inert or conflicting
// flags refused, and `--max-attempts` / `--time-scale` bounding `--retries vonage` (issue 11).
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../../test/support/cli-io.js';
import { oneLine } from '../../test/support/expect-one-line.js';
import { PLACEHOLDER_API_KEY } from '../signing/placeholder-api-key.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A 127.0.0.1 receiver answering every request with `status` (and `body`); `requests` lists what it received. */
async function startReceiver(status: number, body = '') {
  const requests: { url: string; authorization: string | undefined }[] = [];
  const server = createServer((request, response) => {
    requests.push({ url: request.url ?? '', authorization: request.headers.authorization });
    request.resume();
    request.on('end', () =>
      response.writeHead(status, body === '' ? {} : { 'content-type': 'application/json' }).end(body),
    );
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/hook`, requests };
}

function claimsOf(authorization: string | undefined): Record<string, unknown> {
  const payload = authorization?.replace(/^Bearer /, '').split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

const placeholderNote = /placeholder API key .*--api-key or VONAGE_API_KEY/;

describe('the placeholder API key of JWT-signed webhooks (issue 11)', () => {
  it('signs a JWT send without --api-key with the placeholder key and says so once (issue 11)', async () => {
    const receiver = await startReceiver(200);
    const { code, stderr } = await runInProcess(
      ['send', 'messages.status.read', '--url', receiver.url, '--count', '2'],
      { env: { VONAGE_SIGNATURE_SECRET: 's3cret' } },
    );
    expect(code).toBe(0);
    expect(receiver.requests).toHaveLength(2);
    for (const request of receiver.requests) {
      expect(claimsOf(request.authorization).api_key).toBe(PLACEHOLDER_API_KEY);
    }
    expect(stderr.match(new RegExp(placeholderNote, 'g'))).toHaveLength(1);
  });

  it('prints a JWT request without --api-key, noting the placeholder (issue 11)', async () => {
    const { code, stdout, stderr } = await runInProcess([
      'request',
      'messages.status.read',
      '--signature-secret',
      'x',
      '--json',
    ]);
    expect(code).toBe(0);
    const { headers } = JSON.parse(stdout) as { headers: Record<string, string> };
    expect(claimsOf(headers.authorization).api_key).toBe(PLACEHOLDER_API_KEY);
    expect(stderr).toMatch(placeholderNote);
  });

  it('uses the real key and no note when one is given, and no note when nothing is signed (issue 11)', async () => {
    const given = await runInProcess(
      ['request', 'messages.status.read', '--signature-secret', 'x', '--json'],
      { env: { VONAGE_API_KEY: 'abcd1234' } },
    );
    expect(given.code).toBe(0);
    const { headers } = JSON.parse(given.stdout) as { headers: Record<string, string> };
    expect(claimsOf(headers.authorization).api_key).toBe('abcd1234');
    expect(given.stderr).not.toMatch(/placeholder/);
    for (const argv of [
      ['request', 'messages.status.read', '--json'],
      ['request', 'sms.inbound', '--signature-secret', 'x'],
      ['request', 'voice.answer', '--signature-secret', 'x', '--signing-mode', 'unsigned'],
    ]) {
      const { code, stderr } = await runInProcess(argv);
      expect(code).toBe(0);
      expect(stderr).not.toMatch(/placeholder/);
    }
  });
});

describe('inert or conflicting send flags (issue 11)', () => {
  const refused: [string, string[], RegExp][] = [
    [
      '--fallback-url without --retries vonage',
      ['send', 'voice.answer', '--fallback-url', 'http://127.0.0.1:9/fallback'],
      /--fallback-url is used only with --retries vonage.*add --retries vonage/,
    ],
    [
      '--fallback-url on an event without a fallback',
      ['send', 'sms.inbound', '--retries', 'vonage', '--fallback-url', 'http://127.0.0.1:9/fallback'],
      /sms\.inbound\.text has no fallback answer URL.*drop --fallback-url/,
    ],
    [
      '--fallback-url on a plain voice event',
      ['send', 'voice.event.completed', '--retries', 'vonage', '--fallback-url', 'http://127.0.0.1:9/f'],
      /voice\.event\.completed has no fallback answer URL/,
    ],
    [
      '--signature-method without a secret (send)',
      ['send', 'sms.inbound', '--signature-method', 'sha256'],
      /--signature-method sha256 signs nothing without a signature secret: pass --signature-secret/,
    ],
    [
      '--signature-method without a secret (request)',
      ['request', 'voice.answer', '--signature-method', 'jwt'],
      /--signature-method jwt signs nothing without a signature secret/,
    ],
    [
      'a --count past 2^31 - 1, which would run for ever',
      ['send', 'sms.inbound', '--count', '99999999999999999999'],
      /--count.*at most 2147483647/,
    ],
    [
      '--max-attempts without --retries vonage',
      ['send', 'sms.inbound', '--max-attempts', '3'],
      /--max-attempts applies only with --retries vonage/,
    ],
    [
      '--time-scale without --retries vonage',
      ['send', 'sms.inbound', '--time-scale', '0'],
      /--time-scale applies only with --retries vonage/,
    ],
    ['--max-attempts 0', ['send', 'sms.inbound', '--max-attempts', '0'], /Use a whole number of 1 or more/],
    [
      '--max-attempts 1.5',
      ['send', 'sms.inbound', '--max-attempts', '1.5'],
      /Use a whole number of 1 or more/,
    ],
    [
      'a negative --time-scale',
      ['send', 'sms.inbound', '--time-scale', '-1'],
      /Use 0 \(at once\), 1 \(real time\)/,
    ],
    [
      '--time-scale abc',
      ['send', 'sms.inbound', '--time-scale', 'abc'],
      /Use 0 \(at once\), 1 \(real time\)/,
    ],
  ];
  it.each(refused)('exits 2 with one line for %s (issue 11)', async (_label, argv, message) => {
    const { code, stdout, stderr } = await runInProcess(argv, {
      env: { VONAGE_SIGNATURE_SECRET: '' },
    });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    oneLine(stderr);
    expect(stderr).toMatch(message);
  });

  it('refuses an inert flag before the placeholder note, so the error is the one line (issue 11)', async () => {
    const { code, stderr } = await runInProcess(['send', 'messages.status.read', '--max-attempts', '2'], {
      env: { VONAGE_SIGNATURE_SECRET: 's' },
    });
    expect(code).toBe(2);
    oneLine(stderr);
  });

  it('sends to the fallback answer URL of voice.answer with --retries vonage (issue 11)', async () => {
    const answer = await startReceiver(503);
    const fallback = await startReceiver(200, JSON.stringify([{ action: 'talk', text: 'Sorry' }]));
    const { code } = await runInProcess([
      'send',
      'voice.answer',
      '--url',
      answer.url,
      '--retries',
      'vonage',
      '--fallback-url',
      fallback.url,
      '--signature-secret',
      's',
    ]);
    expect(code).toBe(0);
    expect(answer.requests).toHaveLength(2);
    expect(fallback.requests).toHaveLength(1);
    expect(claimsOf(fallback.requests[0]?.authorization).api_key).toBe(PLACEHOLDER_API_KEY);
  });
});

describe('--max-attempts and --time-scale (issue 11)', () => {
  it('bounds --retries vonage against an endpoint that always fails (issue 11)', async () => {
    const receiver = await startReceiver(500);
    const started = performance.now();
    const { code, stdout, stderr } = await runInProcess([
      'send',
      'sms.inbound',
      '--url',
      receiver.url,
      '--retries',
      'vonage',
      '--max-attempts',
      '3',
      '--time-scale',
      '0',
      '--json',
    ]);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(code).toBe(1);
    expect(receiver.requests).toHaveLength(3);
    const report = JSON.parse(stdout) as { summary: { attempts: number; failed: number } };
    expect(report.summary).toMatchObject({ attempts: 3, failed: 1 });
    expect(stderr).toMatch(/1 of 1 deliveries did not meet the expectation/);
  });

  it('shows both flags in the help of vws send (issue 11)', async () => {
    const { stdout } = await runInProcess(['send', '--help']);
    expect(stdout).toMatch(/--max-attempts <n>/);
    expect(stdout).toMatch(/--time-scale <x>/);
  });
});
