// Property test over `vws listen`'s HTTP entry point (issue 11): random and adversarial requests
// (bodies of any depth and size up to a bound, content types, methods, paths, headers) are each
// answered 200 or 413, the listener stays up and prints a bounded report, and no prototype changes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runInProcess } from './support/cli-io.js';
import { prototypeUntouched } from './support/prototype-guard.js';
import { rawRequest } from './support/raw-request.js';

const maxBody = 32 * 1024;

const nested = fc
  .record({
    depth: fc.integer({ min: 0, max: 30_000 }),
    open: fc.constantFrom('[', '{"a":', '{"__proto__":'),
  })
  .map(({ depth, open }) =>
    open === '[' ? '['.repeat(depth) + ']'.repeat(depth) : `${open.repeat(depth)}1${'}'.repeat(depth)}`,
  );
const adversarial = fc.constantFrom(
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '__proto__[polluted]=1&constructor[prototype][polluted]=1&sig=abc',
  'sig=0123456789abcdef0123456789abcdef&timestamp=1&__proto__=x',
  '{"sig":"ZZ","timestamp":"nope","toString":1}',
  '{"a":',
  '\u0000\uffff\ud800',
);
const form = fc
  .dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 40 }), { maxKeys: 20 })
  .map((record) => new URLSearchParams(record).toString());
const body = fc.oneof(
  nested,
  adversarial,
  form,
  fc.json({ maxDepth: 6 }),
  fc.string({ maxLength: 2000 }),
  fc.uint8Array({ maxLength: 48 * 1024 }).map((bytes) => Buffer.from(bytes)),
);
const contentType = fc.option(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/x-www-form-urlencoded',
    'text/plain',
    'application/octet-stream',
    '',
  ),
  { nil: undefined },
);
const path = fc.oneof(
  fc.constantFrom(
    '/',
    '/sms',
    '/answer?uuid=x&conversation_uuid=y&from=1&to=2',
    '/?__proto__[polluted]=1&constructor=x',
    `/event?sig=${'a'.repeat(32)}&timestamp=1&status=[[[[`,
  ),
  fc.webPath({ size: 'small' }).map((webPath) => (webPath.startsWith('/') ? webPath : `/${webPath}`)),
);
const headerName = fc.stringMatching(/^x-[a-z0-9-]{1,20}$/);
const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,200}$/).map((value) => value.trim());
const request = fc.record({
  method: fc.constantFrom('POST', 'PUT', 'PATCH', 'GET', 'DELETE'),
  path,
  body,
  contentType,
  authorization: fc.option(fc.constantFrom('Bearer garbage', 'Bearer a.b.c', 'Bearer ', 'Basic x'), {
    nil: undefined,
  }),
  extra: fc.dictionary(headerName, headerValue, { maxKeys: 5 }),
  contentLength: fc.boolean(),
  chunkBytes: fc.integer({ min: 1024, max: 16 * 1024 }),
});

describe('vws listen HTTP entry point, property test (issue 11)', () => {
  it('answers every request 200 or 413, stays up, prints a bounded report and changes no prototype', async () => {
    let announce: (url: string) => void = () => undefined;
    const listening = new Promise<string>((resolve) => {
      announce = resolve;
    });
    let stop: () => void = () => undefined;
    let stdout = '';
    let stderr = '';
    const run = runInProcess(
      ['listen', '--port', '0', '--max-body', String(maxBody), '--signature-secret', 'abc'],
      {
        stdout: { write: (text: string) => (stdout += text) },
        stderr: {
          write: (text: string) => {
            stderr += text;
            const url = /listening on (http:\/\/\S+)/.exec(text)?.[1];
            if (url) announce(url);
          },
        },
        onInterrupt: (handler) => {
          stop = handler;
        },
      },
    );
    const url = await listening;
    await fc.assert(
      fc.asyncProperty(request, async (sent) => {
        const size = typeof sent.body === 'string' ? Buffer.byteLength(sent.body) : sent.body.length;
        const headers: Record<string, string> = { ...sent.extra };
        if (sent.contentType !== undefined) headers['content-type'] = sent.contentType;
        if (sent.authorization !== undefined) headers.authorization = sent.authorization;
        // Node's client frames a GET or DELETE body only with a content-length.
        const contentLength = sent.contentLength || sent.method === 'GET' || sent.method === 'DELETE';
        const answer = await rawRequest(url, { ...sent, headers, contentLength });
        expect(answer.status).toBe(size > maxBody ? 413 : 200);
        expect(prototypeUntouched()).toBe(true);
      }),
      { numRuns: 150 },
    );
    const normal = await rawRequest(url, {
      path: '/after',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(normal.status).toBe(200);
    stop();
    const { code } = await run;
    expect(code).toBe(0);
    expect(stdout).toContain('POST /after');
    // Each printed line is bounded (4096 characters of payload plus the note), however large the body.
    expect(Math.max(...stdout.split('\n').map((line) => line.length))).toBeLessThan(4300);
    // What went to stderr is one line per refusal, never a failure of the listener itself.
    const problems = stderr.split('\n').filter((line) => line !== '' && !line.includes('listening on'));
    for (const line of problems) expect(line).toMatch(/^vws listen: refused the body of /);
  }, 30_000);
});
