// The CLI in-process (runInProcess): vws list, vws show, and the program's help, version and errors.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../test/support/cli-io.js';
import { oneLine } from '../../test/support/expect-one-line.js';
import { generate } from '../index.js';

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
