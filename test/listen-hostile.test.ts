// `vws listen` under hostile input (issue 11): it answers, prints a bounded report and goes on.
import { describe, expect, it } from 'vitest';
import { generate } from 'vonage-webhook-simulator';
import { runInProcess } from './support/cli-io.js';
import { oneLine } from './support/expect-one-line.js';
import { rawRequest } from './support/raw-request.js';

const json = { 'content-type': 'application/json' };

/** Starts `vws listen` in-process; resolves its URL once it listens. */
function startListen(args: readonly string[]) {
  let announce: (url: string) => void = () => undefined;
  const listening = new Promise<string>((resolve) => {
    announce = resolve;
  });
  let stderr = '';
  const run = runInProcess(['listen', '--port', '0', ...args], {
    stderr: {
      write: (text: string) => {
        stderr += text;
        const url = /listening on (http:\/\/\S+)/.exec(text)?.[1];
        if (url) announce(url);
      },
    },
  });
  return { listening, run, stderr: () => stderr };
}

describe('vws listen under hostile input (issue 11)', () => {
  it('prints a deeply nested body without dying and still answers (issue 11)', async () => {
    const listen = startListen(['--max-requests', '2']);
    const url = await listen.listening;
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(
      (await rawRequest(url, { path: '/deep', headers: json, body: deep, contentLength: true })).status,
    ).toBe(200);
    expect(
      (await rawRequest(url, { path: '/next', headers: json, body: '{}', contentLength: true })).status,
    ).toBe(200);
    const { code, stdout } = await listen.run;
    expect(code).toBe(0);
    expect(stdout).toContain('POST /deep');
    expect(stdout).toContain('POST /next');
    expect(Math.max(...stdout.split('\n').map((line) => line.length))).toBeLessThan(5000);
  });

  it('prints a deeply nested body with --json as one line, its payload left out (issue 11)', async () => {
    const listen = startListen(['--max-requests', '1', '--json']);
    const url = await listen.listening;
    const deep = `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect((await rawRequest(url, { headers: json, body: deep, contentLength: true })).status).toBe(200);
    const { code, stdout } = await listen.run;
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as { payload: unknown; payloadError: string; body: string };
    expect(printed.payload).toBeNull();
    expect(printed.payloadError).toMatch(/too deeply nested/);
    expect(printed.body).toBe(deep);
  });

  it('cuts a large payload it prints, saying how much it cut (issue 11)', async () => {
    const listen = startListen(['--max-requests', '1']);
    const url = await listen.listening;
    const body = JSON.stringify({ text: 'x'.repeat(900_000) });
    expect((await rawRequest(url, { headers: json, body, contentLength: true })).status).toBe(200);
    const { stdout } = await listen.run;
    expect(stdout.length).toBeLessThan(10_000);
    expect(stdout).toMatch(/… \(895\d{3} more characters not shown; --json prints all\)/);
  });

  it('answers 413 past --max-body with one line on stderr, then goes on (issue 11)', async () => {
    const listen = startListen(['--max-requests', '1', '--max-body', '100']);
    const url = await listen.listening;
    const big = await rawRequest(url, {
      path: '/big',
      headers: json,
      body: 'x'.repeat(101),
      contentLength: true,
    });
    expect(big.status).toBe(413);
    const small = await rawRequest(url, { path: '/small', headers: json, body: '{}', contentLength: true });
    expect(small.status).toBe(200);
    const { code, stdout } = await listen.run;
    expect(code).toBe(0);
    expect(stdout).toContain('POST /small');
    const problems = listen
      .stderr()
      .split('\n')
      .filter((line) => line.includes('/big'));
    expect(problems).toEqual([
      'vws listen: refused the body of POST /big: 101 bytes declared, over the limit of 100 bytes; answered 413 (raise it with --max-body or maxBodyBytes).',
    ]);
  });

  it('exits 2 with one line for a --max-body that is not a whole number (issue 11)', async () => {
    const { code, stderr } = await runInProcess(['listen', '--max-body', '1e6']);
    expect(code).toBe(2);
    oneLine(stderr);
    expect(stderr).toContain('--max-body');
  });
});

describe('vws listen --json lines (issue 13)', () => {
  it('carries the payload once: the identification names the event without repeating the payload', async () => {
    const listen = startListen(['--max-requests', '1', '--json']);
    const url = await listen.listening;
    const body = JSON.stringify(generate('messages.status.read.whatsapp', { seed: 1 }));
    expect(
      (await rawRequest(url, { path: '/status', headers: json, body, contentLength: true })).status,
    ).toBe(200);
    const { code, stdout } = await listen.run;
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as { payload: unknown; identification: Record<string, unknown> };
    expect(printed.payload).toEqual(JSON.parse(body));
    expect(printed.identification.shape).toMatchObject({ name: 'messages.status.read.whatsapp' });
    expect(printed.identification).not.toHaveProperty('event');
  });
});
