import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'vws.js');
const built = existsSync(join(root, 'dist', 'cli', 'bundle', 'main.js'));

/** Every module reachable by static imports from `entry` inside dist/, and every bare import. */
function importGraph(entry: string): { files: Set<string>; bare: Set<string> } {
  const files = new Set<string>();
  const bare = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    const source = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    for (const match of source.matchAll(
      /(?:^|\n)\s*(?:import|export)[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g,
    )) {
      const specifier = match[1] ?? match[2] ?? '';
      if (specifier.startsWith('.')) queue.push(resolve(dirname(file), specifier));
      else bare.add(specifier);
    }
  }
  return { files, bare };
}

describe.skipIf(!built)('the built package', () => {
  it('keeps ./fixtures free of node: imports, with faker through its locale-free entry only', () => {
    const { bare } = importGraph(join(root, 'dist', 'fixtures', 'index.js'));
    expect([...bare].sort()).toEqual(['@faker-js/faker/locale/base']);
  });

  it('keeps ./fixtures/advanced free of node: imports too (issue 10)', () => {
    const { bare } = importGraph(join(root, 'dist', 'fixtures', 'advanced.js'));
    expect([...bare].sort()).toEqual(['@faker-js/faker/locale/base']);
  });

  it('keeps undici, ajv and msw out of what vws --help, list and show load', () => {
    const bundle = join(root, 'dist', 'cli', 'bundle');
    const seen = new Set<string>();
    const queue = ['main.js'];
    while (queue.length > 0) {
      const file = queue.pop() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      const source = readFileSync(join(bundle, file), 'utf8');
      // Static imports only: the send, contract and listen chunks are loaded with import().
      for (const match of source.matchAll(
        /(?:^|[;}\s])import\s*(?:[^'"()]*?from\s*)?["'](\.\/[^"']+)["']/g,
      )) {
        if (match[1]) queue.push(match[1].slice(2));
      }
      expect(source, `${file} loads undici`).not.toMatch(/undici\/lib|undici\.globalDispatcher/);
      expect(source, `${file} loads ajv`).not.toContain('strictSchema');
      expect(source, `${file} loads msw`).not.toMatch(/["']msw/);
    }
    expect(seen.size).toBeGreaterThan(1);
  });

  it('runs vws show through the bin and prints the payload for the seed', async () => {
    const { stdout, stderr } = await run(process.execPath, [
      bin,
      'show',
      'sms.inbound',
      '--seed',
      '5',
      '--ref-date',
      '2025-01-01T00:00:00Z',
    ]);
    const payload = JSON.parse(stdout) as Record<string, string>;
    expect(payload.type).toBe('text');
    expect(payload['message-timestamp']).toBe('2025-01-01 00:00:00');
    expect(stderr).toContain('seed 5');
  });

  it('exits 2 with one line and no stack trace for an unknown event', async () => {
    const error = await run(process.execPath, [bin, 'show', 'messages.stauts']).catch(
      (caught: unknown) => caught,
    );
    const { code, stderr, stdout } = error as { code: number; stderr: string; stdout: string };
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^vws: Unknown event "messages\.stauts"\..*Run "vws list"/);
  });

  it('prints pure JSON on stdout for vws list --json', async () => {
    const { stdout } = await run(process.execPath, [bin, 'list', '--json'], { maxBuffer: 64 * 1024 * 1024 });
    const entries = JSON.parse(stdout) as { name: string }[];
    expect(entries.length).toBeGreaterThan(10);
  });

  it('runs the main job (npm start): the example receiver passes its contract through the bin', async () => {
    const { stdout } = await run(process.execPath, [join(root, 'examples', 'demo.js')], { timeout: 60_000 });
    expect(stdout).toMatch(/contract holds: \d+ checks passed/);
  });

  it('exits 1 from the bin when the contract catches a receiver that ignores payload_hash', async () => {
    const error = await run(process.execPath, [join(root, 'examples', 'demo.js'), 'ignore-payload-hash'], {
      timeout: 60_000,
    }).catch((caught: unknown) => caught);
    const { code, stdout } = error as { code: number; stdout: string };
    expect(code).toBe(1);
    expect(stdout).toMatch(/rejects tampered-body +accepted a webhook whose body was changed after signing/);
  });

  it('declares both bin names, the entry points and Node >= 20.19', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      exports: Record<string, unknown>;
      engines: { node: string };
    };
    expect(manifest.bin).toEqual({ 'vonage-webhook-simulator': 'bin/vws.js', vws: 'bin/vws.js' });
    expect(Object.keys(manifest.exports)).toEqual(
      expect.arrayContaining(['.', './fixtures', './package.json']),
    );
    expect(manifest.engines.node).toBe('>=20.19');
  });
});
