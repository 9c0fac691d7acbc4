// Hostile --set, --file and --ref-date input through the CLI in-process (issue 11): one line, exit 2,
// never an internal error, and Object.prototype untouched.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../../test/support/cli-io.js';
import { oneLine } from '../../test/support/expect-one-line.js';

const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

function expectPrototypeUntouched(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  expect(({} as Record<string, unknown>).x).toBeUndefined();
  expect(({} as Record<string, unknown>).json).toBeUndefined();
}

async function expectUsageError(argv: string[], mention: string): Promise<void> {
  const { code, stdout, stderr } = await runInProcess(argv);
  expect(stderr).not.toContain('internal error');
  expect(code).toBe(2);
  expect(stdout).toBe('');
  oneLine(stderr);
  expect(stderr).toContain(mention);
  expectPrototypeUntouched();
}

async function overridesFile(text: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'vws-hostile-')), 'overrides.json');
  await writeFile(path, text);
  return path;
}

afterEach(() => {
  // A failing run must not leak pollution into the next test.
  delete (Object.prototype as Record<string, unknown>).x;
  delete (Object.prototype as Record<string, unknown>).json;
});

describe('vws show --set with prototype keys (issue 11)', () => {
  it.each([
    '__proto__.x=1',
    '__proto__.json=1',
    'constructor.prototype.x=1',
    'prototype.x=1',
    'hasOwnProperty=1',
    'toString=1',
    'usage.valueOf=1',
    'a.__defineGetter__=1',
    'isPrototypeOf:={"x":1}',
  ])('refuses --set %s with exit 2 and one line naming the key', async (assignment) => {
    const key =
      /(__proto__|constructor|prototype|hasOwnProperty|toString|valueOf|__defineGetter__|isPrototypeOf)/.exec(
        assignment,
      )?.[1];
    await expectUsageError(['show', 'sms.inbound', '--set', assignment], `"${key}"`);
  });

  it('refuses a JSON value with a __proto__ key in path:=json (issue 11)', async () => {
    await expectUsageError(['show', 'sms.inbound', '--set', 'extra:={"__proto__":{"x":1}}'], '"__proto__"');
  });
});

describe('vws show --set with huge paths and values (issue 11)', () => {
  it('refuses a 50,000-segment path with exit 2 and one line, not an internal error', async () => {
    const path = Array.from({ length: 50_000 }, () => 'a').join('.');
    await expectUsageError(['show', 'sms.inbound', '--set', `${path}=1`], 'at most 64');
  });

  it('refuses a 20,000-deep JSON value with exit 2 and one line', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    await expectUsageError(['show', 'sms.inbound', '--set', `extra:=${deep}`], 'deeper than 64 levels');
  });

  it('still accepts a path of 64 segments', async () => {
    const path = Array.from({ length: 64 }, () => 'a').join('.');
    const { code, stdout } = await runInProcess(['show', 'sms.inbound', '--seed', '1', '--set', `${path}=1`]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).a.a.a).toBeTypeOf('object');
  });
});

describe('vws show --file with hostile overrides (issue 11)', () => {
  it('refuses a __proto__ key in the file, naming it', async () => {
    const path = await overridesFile('{"status": "failed", "__proto__": {"x": 1, "json": true}}');
    await expectUsageError(['show', 'sms.delivery_receipt', '--file', path], '"__proto__"');
  });

  it('refuses a nested constructor key in the file, naming it', async () => {
    const path = await overridesFile('{"usage": {"constructor": {"prototype": {"x": 1}}}}');
    await expectUsageError(['show', 'messages.status.delivered', '--file', path], '"constructor"');
  });

  it('refuses a file nested 20,000 deep with one line', async () => {
    const path = await overridesFile(`{"extra": ${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`);
    await expectUsageError(['show', 'sms.inbound', '--file', path], 'deeper than 64 levels');
  });
});

describe('vws show --ref-date (issue 11)', () => {
  it.each([
    '2025-02-30T00:00:00Z',
    '2023-02-29',
    '2025-04-31T10:00:00Z',
    '2025-13-01T00:00:00Z',
    '2025-06-01T24:00:00Z',
    '1',
    '1735689600000',
    'June 1, 2025',
    '2025-06-01T10:00:00+25:00',
  ])('refuses --ref-date %s with exit 2 and one line', async (value) => {
    await expectUsageError(
      ['show', 'sms.inbound', '--ref-date', value],
      'Use an ISO-8601 date with a real day of the month',
    );
  });

  it.each([
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['2025-06-01', '2025-06-01T00:00:00.000Z'],
    ['2025-06-01T12:00:00+02:00', '2025-06-01T10:00:00.000Z'],
    ['2026-01-15T12:00:00.250Z', '2026-01-15T12:00:00.250Z'],
  ])('accepts --ref-date %s', async (value, iso) => {
    const { code, stderr } = await runInProcess(['show', 'sms.inbound', '--seed', '1', '--ref-date', value]);
    expect(code).toBe(0);
    expect(stderr).toContain(`ref-date ${iso}`);
  });
});
