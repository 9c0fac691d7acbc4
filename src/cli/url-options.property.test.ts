// Property tests over the URL options (issue 11): `send --url`, `send --fallback-url` and
// `contract --base-url` take any string to exit 0, 1 (a delivery or contract failure) or 2 with one
// line, never an internal error, a stack trace or a changed Object.prototype. Nothing leaves 127.0.0.1:
// the URLs that parse point at port 1 there, where nothing listens.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../test/support/cli-io.js';
import { prototypeUntouched } from '../../test/support/prototype-guard.js';

/** A string that, if it parses as an http(s) URL, points at 127.0.0.1 (no DNS, no other host). */
function staysLocal(text: string): boolean {
  try {
    const url = new URL(text);
    return !/^(https?|wss?|ftp):$/.test(url.protocol) || url.hostname === '127.0.0.1';
  } catch {
    return true;
  }
}

const junk = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ maxLength: 40, unit: 'binary' }),
  fc.constantFrom('\n', '\r\n', '\u0000', '%', '%zz', '?a=1#b', '\u2028', '\ud800', '..', '\\'),
);
const prefix = fc.constantFrom(
  'http://127.0.0.1:1/',
  'https://127.0.0.1:1/',
  'HTTP://127.0.0.1:1/',
  'ftp://127.0.0.1:1/',
  'file:///',
  'javascript:',
  'data:,',
  'http://127.0.0.1:99999/',
  'http://[::1/',
  'http://',
  ' ',
  '',
);
const url = fc
  .oneof(
    junk,
    fc.tuple(prefix, junk).map(([head, tail]) => `${head}${tail}`),
  )
  .filter((text) => !text.startsWith('-') && staysLocal(text) && staysLocal(text.trim()));

function expectOneClearOutcome({ code, stderr }: { code: number; stderr: string }): void {
  expect([0, 1, 2]).toContain(code);
  expect(stderr).not.toContain('internal error');
  expect(stderr).not.toMatch(/\n\s+at /);
  for (const line of stderr.trimEnd().split('\n')) expect(line).toMatch(/^vws: /);
  if (code === 2) expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(prototypeUntouched()).toBe(true);
}

describe('URL options, property tests (issue 11)', () => {
  it.each([
    ['send --url', ['send', 'sms.inbound', '--url', 'not a url\nvws: all good']],
    [
      'send --fallback-url',
      [
        'send',
        'voice.answer',
        '--url',
        'http://127.0.0.1:1/a',
        '--retries',
        'vonage',
        '--fallback-url',
        'x\ny',
      ],
    ],
    [
      'contract --base-url',
      ['contract', '--config', 'examples/receiver/vws.config.json', '--base-url', 'x\ny'],
    ],
    [
      'contract --base-url javascript:',
      ['contract', '--config', 'examples/receiver/vws.config.json', '--base-url', 'javascript:'],
    ],
  ])('refuses a bad %s in one line, any new line in it escaped (issue 11)', async (_, argv) => {
    const { code, stderr } = await runInProcess(argv, {
      env: { VONAGE_SIGNATURE_SECRET: 'property-test-secret-0123456789' },
    });
    expect(code).toBe(2);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^vws: Invalid (URL|--fallback-url|--base-url) "/);
  });

  it('send --url: any string gives exit 0, 1 or 2 with one clear line', async () => {
    await fc.assert(
      fc.asyncProperty(url, async (text) => {
        expectOneClearOutcome(
          await runInProcess(['send', 'sms.inbound', '--seed', '1', '--timeout', '500', '--url', text]),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('send --fallback-url: any string gives exit 0, 1 or 2 with one clear line', async () => {
    await fc.assert(
      fc.asyncProperty(url, async (text) => {
        expectOneClearOutcome(
          await runInProcess([
            'send',
            'voice.answer',
            '--seed',
            '1',
            '--timeout',
            '500',
            '--url',
            'http://127.0.0.1:1/answer',
            '--retries',
            'vonage',
            '--max-attempts',
            '1',
            '--time-scale',
            '0',
            '--fallback-url',
            text,
          ]),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('contract --base-url: any string gives exit 1 (nothing listening) or 2 with one clear line', async () => {
    await fc.assert(
      fc.asyncProperty(url, async (text) => {
        expectOneClearOutcome(
          await runInProcess(
            ['contract', '--config', 'examples/receiver/vws.config.json', '--seed', '1', '--base-url', text],
            { env: { VONAGE_SIGNATURE_SECRET: 'property-test-secret-0123456789' } },
          ),
        );
      }),
      { numRuns: 100 },
    );
  });
});
