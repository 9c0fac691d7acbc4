// The CLI in-process (runInProcess): vws request and vws listen.
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../test/support/cli-io.js';
import { oneLine } from '../../test/support/expect-one-line.js';

describe('vws request', () => {
  it('prints the request as JSON, signed with the secret and method given', async () => {
    const { code, stdout } = await runInProcess([
      'request',
      'sms.inbound',
      '--seed',
      '2',
      '--format',
      'query',
      '--url',
      'http://127.0.0.1:9/in',
      '--signature-secret',
      's3cret',
      '--signature-method',
      'sha512',
      '--json',
    ]);
    expect(code).toBe(0);
    const request = JSON.parse(stdout) as {
      method: string;
      url: string;
      headers: Record<string, string>;
      body: null;
    };
    expect(request.method).toBe('GET');
    expect(request.body).toBeNull();
    const params = new URL(request.url).searchParams;
    expect(params.get('sig')).toMatch(/^[0-9A-F]{128}$/);
    expect(params.get('timestamp')).toBe(String(Date.parse('2026-03-01T08:00:00.000Z') / 1000));
  });

  it('signs JWT webhooks from the VONAGE_* environment defaults', async () => {
    const { stdout } = await runInProcess(['request', 'messages.status.read', '--json'], {
      env: {
        VONAGE_SIGNATURE_SECRET: 'env-secret',
        VONAGE_API_KEY: 'abcd1234',
        VONAGE_APPLICATION_ID: 'app-9',
      },
    });
    const request = JSON.parse(stdout) as { headers: Record<string, string>; url: string };
    const [, claims = ''] = (request.headers.authorization ?? '').replace('Bearer ', '').split('.');
    expect(JSON.parse(Buffer.from(claims, 'base64url').toString())).toMatchObject({
      api_key: 'abcd1234',
      application_id: 'app-9',
    });
    expect(request.url).toBe('http://127.0.0.1:3000/webhooks/status');
  });

  it('prints a runnable curl command with --curl', async () => {
    const { stdout } = await runInProcess([
      'request',
      'sms.delivery_receipt',
      '--curl',
      '--url',
      'http://127.0.0.1:9/dlr',
    ]);
    expect(stdout).toMatch(/^curl -sS -X POST 'http:\/\/127\.0\.0\.1:9\/dlr' \\\n {2}-H 'accept: \*\/\*'/);
    expect(stdout).toContain("--data-raw '{");
  });

  it('notes on stderr that a webhook Vonage signs by default went out unsigned', async () => {
    const { stderr } = await runInProcess(['request', 'messages.status.read']);
    expect(stderr).toContain('unsigned; Vonage signs this webhook by default');
  });

  const badInputs: [string, string[], RegExp][] = [
    [
      'an SMS method on a JWT webhook',
      ['request', 'voice.answer', '--signature-method', 'sha256'],
      /signed with a JWT \(HS256\), so --signature-method sha256 does not apply/,
    ],
    [
      'jwt on an SMS webhook',
      ['request', 'sms.inbound', '--signature-method', 'jwt'],
      /signed with the SMS signature, not a JWT/,
    ],
    [
      'an unknown signature method',
      ['request', 'sms.inbound', '--signature-method', 'sha3'],
      /Allowed choices are md5hash, md5, sha1, sha256, sha512, jwt/,
    ],
    ['an invalid URL', ['request', 'sms.inbound', '--url', 'localhost:3000'], /Invalid URL "localhost:3000"/],
    [
      'a format Vonage does not use',
      ['request', 'messages.status.read', '--format', 'query'],
      /does not send messages\.status\.read\.whatsapp as query: use json/,
    ],
    [
      // Issue 11: a JWT without an API key is signed with the placeholder key (run-send-flags.test.ts).
      'a negative signing mode without a secret',
      ['request', 'messages.status.read', '--signing-mode', 'wrong-secret'],
      /Signing mode "wrong-secret" needs a signature secret/,
    ],
  ];
  it.each(badInputs)('exits 2 with one line for %s', async (_label, argv, message) => {
    const { code, stderr, stdout } = await runInProcess(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    oneLine(stderr);
    expect(stderr).toMatch(message);
  });
});

describe('vws listen', () => {
  it('prints each webhook with its event, signature and schema verdicts, then stops after --max-requests', async () => {
    let announce: (url: string) => void = () => undefined;
    const listening = new Promise<string>((resolve) => {
      announce = resolve;
    });
    let stderr = '';
    const run = runInProcess(['listen', '--port', '0', '--max-requests', '1', '--signature-secret', 'abc'], {
      stderr: {
        write: (text: string) => {
          stderr += text;
          const url = /listening on (http:\/\/\S+)/.exec(text)?.[1];
          if (url) announce(url);
        },
      },
    });
    const url = await listening;
    const { stdout: requestJson } = await runInProcess([
      'request',
      'sms.delivery_receipt.expired',
      '--url',
      `${url}/dlr`,
      '--format',
      'form',
      '--signature-secret',
      'abc',
      '--signature-method',
      'sha1',
      '--json',
    ]);
    const request = JSON.parse(requestJson) as {
      url: string;
      method: string;
      headers: Record<string, string>;
      body: string;
    };
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
    });
    expect(response.status).toBe(200);
    const { code, stdout } = await run;
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /POST \/dlr {2}sms\.delivery_receipt\.expired {2}schema ok {2}signature ok \(sms-signature\)/,
    );
    expect(stderr).toContain('(verifying signatures)');
  });

  it('exits 2 with one line when the port is in use', async () => {
    const { createServer } = await import('node:http');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    const { code, stderr } = await runInProcess(['listen', '--port', String(port)]);
    blocker.close();
    expect(code).toBe(2);
    oneLine(stderr);
    expect(stderr).toContain(`Port ${port} on 127.0.0.1 is in use`);
  });

  it('exits 2 with one line for an invalid port', async () => {
    const { code, stderr } = await runInProcess(['listen', '--port', 'http']);
    expect(code).toBe(2);
    oneLine(stderr);
    expect(stderr).toContain('Use a port from 0 to 65535');
  });
});
