import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../test/support/cli-io.js';
import { generate } from '../index.js';

function oneLine(text: string): void {
  expect(text.trimEnd().split('\n')).toHaveLength(1);
  expect(text).not.toMatch(/\n\s+at /);
}

describe('vws list', () => {
  it('prints every event as JSON with name, api and description when --json is given', async () => {
    const { code, stdout } = await runInProcess(['list', '--json']);
    expect(code).toBe(0);
    const entries = JSON.parse(stdout) as { name: string; api: string; description: string }[];
    expect(entries.length).toBeGreaterThan(10);
    for (const entry of entries) {
      expect(entry.name).toMatch(/^[a-z_]+(\.[a-z0-9_]+)+$/);
      expect(entry.description.length).toBeGreaterThan(10);
    }
  });

  it('filters by --api', async () => {
    const { stdout } = await runInProcess(['list', '--api', 'sms', '--json']);
    const entries = JSON.parse(stdout) as { api: string }[];
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((entry) => entry.api === 'sms')).toBe(true);
  });

  it('rejects an unknown --api with the valid choices and exit code 2', async () => {
    const { code, stderr, stdout } = await runInProcess(['list', '--api', 'smss']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    oneLine(stderr);
    expect(stderr).toContain('Unknown API "smss": use one of sms,');
  });

  it('prints a table with a header on stdout by default', async () => {
    const { code, stdout } = await runInProcess(['list']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^EVENT\s+METHOD\s+SIGNING\s+DESCRIPTION$/);
    expect(stdout).toContain('sms.delivery_receipt.expired');
  });
});

describe('vws show', () => {
  it('prints the same payload as the library for the same seed and ref date', async () => {
    const { code, stdout, stderr } = await runInProcess([
      'show',
      'sms.delivery_receipt.failed',
      '--seed',
      '42',
      '--ref-date',
      '2025-06-01T10:00:00Z',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(
      generate('sms.delivery_receipt.failed', { seed: 42, refDate: '2025-06-01T10:00:00Z' }),
    );
    expect(stderr).toContain('seed 42');
  });

  it('uses a random seed and prints it when --seed is absent', async () => {
    const { stdout, stderr } = await runInProcess(['show', 'sms.inbound']);
    expect(stderr).toContain('seed 777');
    expect(JSON.parse(stdout)).toEqual(
      generate('sms.inbound', { seed: 777, refDate: '2026-03-01T08:00:00.000Z' }),
    );
  });

  it('keeps a string field a string when --set gives digits (SMS API values are strings)', async () => {
    const { stdout } = await runInProcess([
      'show',
      'sms.delivery_receipt.failed',
      '--seed',
      '1',
      '--set',
      'err-code=6',
    ]);
    expect(JSON.parse(stdout)['err-code']).toBe('6');
  });

  it('sets raw JSON with path:=json and notes a key the payload did not have', async () => {
    const { stdout, stderr } = await runInProcess([
      'show',
      'sms.inbound',
      '--set',
      'extra:={"a":1}',
      '--set',
      'err_code=1',
    ]);
    const payload = JSON.parse(stdout) as Record<string, unknown>;
    expect(payload.extra).toEqual({ a: 1 });
    expect(stderr).toContain('"extra" is not in the generated payload');
  });

  it('deep-merges --file before --set', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vws-'));
    const file = join(dir, 'overrides.json');
    await writeFile(file, JSON.stringify({ 'client-ref': 'from-file', status: 'failed' }));
    const { stdout } = await runInProcess([
      'show',
      'sms.delivery_receipt',
      '--file',
      file,
      '--set',
      'status=rejected',
    ]);
    const payload = JSON.parse(stdout) as Record<string, unknown>;
    expect(payload['client-ref']).toBe('from-file');
    expect(payload.status).toBe('rejected');
  });

  it('prints every part of a concatenated message with --parts', async () => {
    const { stdout } = await runInProcess(['show', 'sms.inbound.concatenated', '--parts', '4', '--compact']);
    const parts = JSON.parse(stdout) as Record<string, string>[];
    expect(parts.map((part) => part['concat-part'])).toEqual(['1', '2', '3', '4']);
    expect(new Set(parts.map((part) => part['concat-ref'])).size).toBe(1);
  });

  const badInputs: [string, string[], RegExp][] = [
    [
      'an unknown event, naming the closest',
      ['show', 'sms.inbund'],
      /Unknown event "sms\.inbund"\. Did you mean "sms\.inbound".*vws list/,
    ],
    ['an unknown option', ['show', 'sms.inbound', '--bogus'], /unknown option '--bogus'/],
    ['a negative seed', ['show', 'sms.inbound', '--seed', '-1'], /Use a non-negative integer/],
    ['a bad ref date', ['show', 'sms.inbound', '--ref-date', 'yesterday'], /Use an ISO-8601 date/],
    ['a --set without =', ['show', 'sms.inbound', '--set', 'status'], /write path=value/],
    [
      'a --set into a string',
      ['show', 'sms.inbound', '--set', 'text.x=1'],
      /"text" is a string, not an object/,
    ],
    ['a --set with bad JSON', ['show', 'sms.inbound', '--set', 'x:={'], /Invalid JSON/],
    [
      'a missing --file',
      ['show', 'sms.inbound', '--file', '/nonexistent/o.json'],
      /Cannot read --file .*no such file/,
    ],
    ['an unknown webhook version', ['show', 'sms.inbound', '--webhook-version', 'v9'], /one shape only/],
    ['a missing event argument', ['show'], /missing required argument 'event'/],
  ];
  it.each(badInputs)('exits 2 with one line for %s', async (_label, argv, message) => {
    const { code, stderr, stdout } = await runInProcess(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    oneLine(stderr);
    expect(stderr).toMatch(message);
  });

  it('exits 2 with one line for a malformed --file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vws-'));
    const file = join(dir, 'bad.json');
    await writeFile(file, '{"status": ');
    const { code, stderr } = await runInProcess(['show', 'sms.inbound', '--file', file]);
    expect(code).toBe(2);
    oneLine(stderr);
    expect(stderr).toMatch(/Malformed JSON in .*bad\.json/);
  });
});

describe('vws', () => {
  it('prints help with the exit codes and examples', async () => {
    const { code, stdout } = await runInProcess(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Exit codes:');
    expect(stdout).toContain('Examples:');
  });

  it('prints the version', async () => {
    const { code, stdout } = await runInProcess(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('0.0.0-test');
  });

  it('exits 2 with a suggestion for an unknown command', async () => {
    const { code, stderr } = await runInProcess(['shw']);
    expect(code).toBe(2);
    oneLine(stderr);
    expect(stderr).toContain('Did you mean show?');
  });
});

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
      'a JWT without an API key',
      ['request', 'messages.status.read', '--signature-secret', 'x'],
      /needs the API key/,
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

describe('vws send', () => {
  it('delivers to a real server and exits 0 when the answer meets --expect', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(204).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const { code, stdout } = await runInProcess([
      'send',
      'sms.inbound',
      '--url',
      `http://127.0.0.1:${port}/in`,
      '--count',
      '3',
      '--json',
    ]);
    server.close();
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      summary: { total: number; accepted: number };
      deliveries: unknown[];
    };
    expect(report.summary).toMatchObject({ total: 3, accepted: 3 });
    expect(report.deliveries).toHaveLength(3);
  });

  it('exits 1 and says which when the connection is refused', async () => {
    const { createServer } = await import('node:http');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const { code, stdout, stderr } = await runInProcess([
      'send',
      'sms.inbound',
      '--url',
      `http://127.0.0.1:${port}/in`,
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain('VWS_ERR_DELIVERY_CONNECTION_REFUSED');
    expect(stderr).toMatch(
      /1 of 1 deliveries did not meet the expectation \(first: .*refused the connection/,
    );
  });

  const badInputs: [string, string[], RegExp][] = [
    [
      '--count 0',
      ['send', 'sms.inbound', '--count', '0'],
      /argument '0' is invalid\. Use a whole number of 1 or more/,
    ],
    ['a negative --count', ['send', 'sms.inbound', '--count', '-5'], /Use a whole number of 1 or more/],
    [
      'a bad --expect',
      ['send', 'sms.inbound', '--expect', '2xx'],
      /Use a status or a range, e\.g\. --expect 200-205/,
    ],
    ['an invalid URL', ['send', 'sms.inbound', '--url', 'http//nope'], /Invalid URL "http\/\/nope"/],
    [
      'an unknown --retries',
      ['send', 'sms.inbound', '--retries', 'always'],
      /Allowed choices are vonage, none/,
    ],
    ['an unknown event', ['send', 'sms.inbund'], /Unknown event "sms\.inbund"\. Did you mean "sms\.inbound"/],
  ];
  it.each(badInputs)('exits 2 with one line for %s', async (_label, argv, message) => {
    const { code, stderr, stdout } = await runInProcess(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    oneLine(stderr);
    expect(stderr).toMatch(message);
  });
});

describe('vws contract', () => {
  async function withConfig(config: unknown): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'vws-contract-'));
    const file = join(dir, 'vws.config.json');
    await writeFile(file, typeof config === 'string' ? config : JSON.stringify(config));
    return file;
  }

  const badConfigs: [string, unknown, RegExp][] = [
    [
      'a config that fails its schema, with the JSON path',
      { endpoints: [{ path: 'webhooks', events: ['sms.inbound'] }] },
      /Invalid config .* at \$\.endpoints\[0\]\.path: must match pattern "\^\/"/,
    ],
    [
      'an unknown key',
      { endpoints: [{ path: '/x', events: ['sms.inbound'], verify: true }] },
      /at \$\.endpoints\[0\]: must NOT have additional properties "verify"/,
    ],
    [
      'an unknown event in the config',
      { endpoints: [{ path: '/x', events: ['sms.inbund'] }] },
      /at \$\.endpoints\[0\]\.events\[0\]: no event is named "sms\.inbund"\. Did you mean "sms\.inbound"/,
    ],
    ['malformed JSON', '{"endpoints": [', /Malformed JSON in .*vws\.config\.json/],
    [
      'a missing base URL',
      { endpoints: [{ path: '/x', events: ['sms.inbound'] }] },
      /No base URL: set "baseUrl" in the config or pass --base-url/,
    ],
    [
      'a verifying endpoint without a secret',
      {
        baseUrl: 'http://127.0.0.1:9',
        endpoints: [{ path: '/x', events: ['sms.inbound'], verifiesSignature: true }],
      },
      /needs the signature secret/,
    ],
  ];
  it.each(badConfigs)('exits 2 with one line for %s', async (_label, config, message) => {
    const file = await withConfig(config);
    const { code, stderr, stdout } = await runInProcess(['contract', '--config', file]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    oneLine(stderr);
    expect(stderr).toMatch(message);
  });

  it('exits 2 naming the fix when the config file is missing', async () => {
    const { code, stderr } = await runInProcess(['contract', '--config', '/nonexistent/vws.config.json']);
    expect(code).toBe(2);
    oneLine(stderr);
    expect(stderr).toContain('Cannot read the config /nonexistent/vws.config.json');
  });

  it('exits 1 and reports every check when nothing listens, writing JUnit XML', async () => {
    const { createServer } = await import('node:http');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const file = await withConfig({
      endpoints: [{ path: '/dlr', events: ['sms.delivery_receipt.failed', 'sms.delivery_receipt.expired'] }],
    });
    const junit = join(tmpdir(), `vws-contract-${port}.xml`);
    const { code, stdout } = await runInProcess([
      'contract',
      '--config',
      file,
      '--base-url',
      `http://127.0.0.1:${port}`,
      '--junit',
      junit,
      '--json',
    ]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { passed: number; failed: number; checks: { message: string }[] };
    expect(report).toMatchObject({ passed: 0, failed: 2 });
    expect(report.checks[0]?.message).toContain('connection was refused');
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(junit, 'utf8')).toMatch(/<testsuites name="vws contract" tests="2" failures="2">/);
  });
});

describe('review fixes (issue 4)', () => {
  const oneLineCases: [string, string[], RegExp][] = [
    [
      '--parts on a single webhook',
      ['show', 'sms.inbound', '--parts', '3'],
      /sms\.inbound\.text is a single webhook; --parts applies to multi-part messages/,
    ],
    ['--parts 1', ['show', 'sms.inbound.concatenated', '--parts', '1'], /Use a whole number from 2 to 255/],
    [
      '--curl with --json',
      ['request', 'sms.inbound', '--curl', '--json'],
      /option '--curl' cannot be used with option '--json'/,
    ],
    [
      'a host that is not this machine',
      ['listen', '--host', 'nonexist.invalid', '--port', '0'],
      /Cannot listen on nonexist\.invalid \((ENOTFOUND|EAI_AGAIN)\): use an address of this machine/,
    ],
  ];
  it.each(oneLineCases)('exits 2 with one line for %s (issue 4)', async (_label, argv, message) => {
    const { code, stderr, stdout } = await runInProcess(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    oneLine(stderr);
    expect(stderr).toMatch(message);
  });

  it('exits 2 before sending when a JWT endpoint has a secret but no API key (issue 4)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vws-review-'));
    const file = join(dir, 'vws.config.json');
    await writeFile(
      file,
      JSON.stringify({
        baseUrl: 'http://127.0.0.1:9',
        endpoints: [{ path: '/s', events: ['messages.status.read'] }],
      }),
    );
    const { code, stderr } = await runInProcess(['contract', '--config', file], {
      env: { VONAGE_SIGNATURE_SECRET: 's' },
    });
    expect(code).toBe(2);
    oneLine(stderr);
    expect(stderr).toContain('needs the API key: set VONAGE_API_KEY, pass --api-key');
  });

  it('creates the folder of a --junit report and names a custom --expect range in failures (issue 4)', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(200).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const dir = await mkdtemp(join(tmpdir(), 'vws-review-'));
    const junit = join(dir, 'reports', 'nested', 'send.xml');
    const { code, stdout } = await runInProcess([
      'send',
      'sms.inbound',
      '--url',
      `http://127.0.0.1:${port}/in`,
      '--expect',
      '401',
      '--junit',
      junit,
    ]);
    server.close();
    expect(code).toBe(1);
    expect(stdout).toContain('answered 200, outside the expected 401–401');
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(junit, 'utf8')).toContain('<testsuites');
  });
});
