// The CLI in-process (runInProcess): vws send, vws contract, and the review fixes of issue 4.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../test/support/cli-io.js';
import { oneLine } from '../../test/support/expect-one-line.js';

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

  it('exits 1 and stops after one check when nothing listens, writing JUnit XML (issue 11)', async () => {
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
    expect(report).toMatchObject({ passed: 0, failed: 1 });
    expect(report.checks[0]?.message).toContain('nothing is listening at');
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(junit, 'utf8')).toMatch(/<testsuites name="vws contract" tests="1" failures="1">/);
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

  it('signs JWT events with the placeholder API key and one note when no key is given (issue 11)', async () => {
    const { createServer } = await import('node:http');
    const keys: unknown[] = [];
    const server = createServer((request, response) => {
      const token = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
      keys.push(JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')).api_key);
      request.resume();
      request.on('end', () => response.writeHead(200).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const dir = await mkdtemp(join(tmpdir(), 'vws-review-'));
    const file = join(dir, 'vws.config.json');
    await writeFile(
      file,
      JSON.stringify({
        baseUrl: `http://127.0.0.1:${port}`,
        endpoints: [{ path: '/s', events: ['messages.status.read'] }],
      }),
    );
    try {
      const { code, stderr } = await runInProcess(['contract', '--config', file, '--seed', '1'], {
        env: { VONAGE_SIGNATURE_SECRET: 's' },
      });
      expect(code).toBe(0);
      expect(stderr.match(/placeholder API key 00000000/g)).toHaveLength(1);
      expect(stderr).toContain('pass your real key with --api-key, VONAGE_API_KEY or "apiKey" in the config');
      expect(keys.length).toBeGreaterThan(0);
      expect(new Set(keys)).toEqual(new Set(['00000000']));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
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
