import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_REF_DATE, FIXTURE_SEED } from '../src/generate/generated-files.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'vws.js');
const built = existsSync(join(root, 'dist', 'cli', 'bundle', 'main.js'));

/**
 * Every module reachable from `entry` inside dist/ (static imports, and `import()` or `require()` of
 * a relative path), and every bare static import.
 */
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
    for (const match of source.matchAll(/\b(?:import|require)\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
      if (match[1]) queue.push(resolve(dirname(file), match[1]));
    }
  }
  return { files, bare };
}

describe.skipIf(!built)('the built package', () => {
  // The module tree of ./fixtures that bundlers get (the `default` condition): no node: import.
  it('keeps ./fixtures free of node: imports, with faker through its locale-free entry only', () => {
    const { bare } = importGraph(join(root, 'dist', 'fixtures', 'index.js'));
    expect([...bare].sort()).toEqual(['@faker-js/faker/locale/base']);
  });

  it('keeps ./fixtures/advanced free of node: imports too (issue 10)', () => {
    const { bare } = importGraph(join(root, 'dist', 'fixtures', 'advanced.js'));
    expect([...bare].sort()).toEqual(['@faker-js/faker/locale/base']);
  });

  // The bundle Node gets (the `node` condition) loads faker with require() on the first payload.
  it('has Node load faker on the first payload of ./fixtures, not at import (issue 13)', () => {
    for (const entry of ['index.js', 'advanced.js']) {
      const { bare } = importGraph(join(root, 'dist', 'bundle', 'fixtures', entry));
      expect([...bare].sort(), entry).toEqual(['node:module']);
    }
  });

  it('bundles the Node entries, which load faker, ajv and undici only when first used (issue 13)', () => {
    for (const entry of ['index.js', 'advanced.js', 'msw/msw-entry.js', 'register/register.js']) {
      const { files, bare } = importGraph(join(root, 'dist', 'bundle', entry));
      // The entry and the chunks it shares with the other entries: tens of modules, not the ~300 of the tree.
      expect(files.size, entry).toBeLessThanOrEqual(30);
      expect(
        [...bare].filter((name) => /^(ajv|undici|msw|@faker-js)(\/|$)/.test(name)),
        entry,
      ).toEqual([]);
    }
    // msw itself is loaded through msw/core/http (or msw before 2.3) by the entry, after its check.
    expect(importGraph(join(root, 'dist', 'bundle', 'msw', 'index.js')).bare).not.toContain('msw');
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

describe('the lockfile', () => {
  it("records the manifest as it is, so a fresh clone's npm install leaves it unchanged", () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, Record<string, unknown>>;
    };
    const recorded = lock.packages[''] ?? {};
    for (const field of [
      'version',
      'dependencies',
      'devDependencies',
      'peerDependencies',
      'peerDependenciesMeta',
    ]) {
      expect(recorded[field], field).toEqual(manifest[field]);
    }
  });
});

/** The seed and reference date of the committed fixtures/ (src/generate/generated-files.ts). */
const fixtureOptions = JSON.stringify({ seed: FIXTURE_SEED, refDate: FIXTURE_REF_DATE });

/** The subpaths a user imports, each with the file that must hold its types. */
const subpaths = ['', '/advanced', '/fixtures', '/fixtures/advanced', '/msw', '/register'] as const;

// Packs the tarball as `npm publish` would (from the built dist/, scripts off so nothing rebuilds it
// under the other tests) and installs it, without msw, into a scratch project.
describe.skipIf(!built)('the packed tarball, installed into a scratch project', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'vws-package-'));
  const installed = join(scratch, 'node_modules', 'vonage-webhook-simulator');
  const npm = (args: string[]) =>
    run('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline'], {
      cwd: scratch,
      maxBuffer: 64 * 1024 * 1024,
    });
  const node = (file: string, env: Record<string, string> = {}) =>
    run(process.execPath, [file], { cwd: scratch, env: { ...process.env, ...env } });
  let tarball = '';
  let files: string[] = [];
  let installOutput = '';

  beforeAll(async () => {
    const { stdout } = await run(
      'npm',
      ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch],
      {
        cwd: root,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    tarball = join(scratch, packed?.filename ?? '');
    files = (packed?.files ?? []).map((file) => file.path);
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true }));
    const { stdout: out, stderr } = await npm(['install', '--foreground-scripts', tarball]);
    installOutput = out + stderr;
  }, 300_000);

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('ships the MIT licence, the CLI bundle and no dead files: no source maps, no unbundled CLI, no generator', () => {
    expect(files).toContain('LICENSE');
    expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toMatch(
      /^MIT License\n\nCopyright \(c\) 2026 the vonage-webhook-simulator contributors\n/,
    );
    expect(files).toContain('dist/cli/bundle/main.js');
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(
      files.filter((file) => file.startsWith('dist/cli/') && !file.startsWith('dist/cli/bundle/')),
    ).toEqual([]);
    expect(files.filter((file) => file.startsWith('dist/generate/'))).toEqual([]);
    expect(files.filter((file) => /\.test(-d)?\./.test(file))).toEqual([]);
    // Every JS file the entries can load is there: each export target and what it imports (issue 13:
    // Node's bundles in dist/bundle/, the bundlers' module tree of ./fixtures in dist/).
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { exports: object };
    const loadable = new Set<string>();
    for (const target of JSON.stringify(manifest.exports).match(/\.\/dist\/[^"]+\.c?js/g) ?? []) {
      for (const file of importGraph(join(root, target)).files) loadable.add(file.slice(root.length + 1));
    }
    for (const file of loadable) expect(files, file).toContain(file);
    // The tree's Node-only modules (bundled in dist/bundle/) stay out, their types stay in; what else
    // ships of the tree is in the folders the bundlers' ./fixtures loads from.
    const shippedJs = files.filter((file) => file.startsWith('dist/') && /\.c?js$/.test(file));
    expect(
      shippedJs.filter(
        (file) => !loadable.has(file) && !/^dist\/(cli\/bundle|fixtures|scenarios|internal)\//.test(file),
      ),
    ).toEqual([]);
    expect(files).toContain('dist/fake-vonage/index.d.ts');
  });

  it('depends on what the library needs: commander is bundled into the CLI, not installed', () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      scripts?: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['@faker-js/faker', 'ajv', 'undici']);
    expect(existsSync(join(scratch, 'node_modules', 'commander'))).toBe(false);
    // Installing the tarball runs no script of ours and has none to warn about: no install hooks and
    // no `prepare` (npm 11 lists a tarball's `prepare` under "install-scripts"; issue 13). With
    // --foreground-scripts a script that ran would print its `> name@version <script>` line.
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare'])
      expect(manifest.scripts?.[hook]).toBeUndefined();
    expect(installOutput).not.toMatch(/> vonage-webhook-simulator@[^ ]+ /);
    expect(installOutput).not.toMatch(/install-scripts.*vonage-webhook-simulator/);
  });

  it('runs vws --help through npx', async () => {
    const { stdout } = await run('npx', ['--no-install', 'vws', '--help'], { cwd: scratch });
    expect(stdout).toMatch(/^Usage: vws /);
  });

  it('reaches the static fixtures and the schemas from ESM and CommonJS, and CommonJS require()s the entries', async () => {
    writeFileSync(
      join(scratch, 'json.mjs'),
      [
        "import fixture from 'vonage-webhook-simulator/fixtures/sms.inbound.text.json' with { type: 'json' };",
        "import schema from 'vonage-webhook-simulator/schemas/sms.inbound.text.schema.json' with { type: 'json' };",
        "const { generate } = await import('vonage-webhook-simulator');",
        `const fixtureOptions = ${fixtureOptions};`,
        'const same = JSON.stringify(generate("sms.inbound.text", fixtureOptions)) === JSON.stringify(fixture);',
        'console.log(JSON.stringify([fixture.type, schema.$schema !== undefined, same]));',
      ].join('\n'),
    );
    expect(JSON.parse((await node('json.mjs')).stdout)).toEqual(['text', true, true]);
    writeFileSync(
      join(scratch, 'json.cjs'),
      [
        "const fixture = require('vonage-webhook-simulator/fixtures/sms.inbound.text.json');",
        "const schema = require('vonage-webhook-simulator/schemas/sms.inbound.text.schema.json');",
        "const { createFakeVonage } = require('vonage-webhook-simulator');",
        "const { generate } = require('vonage-webhook-simulator/fixtures');",
        "require('vonage-webhook-simulator/register');",
        // faker, loaded on the first payload, gives the committed fixture byte for byte (issue 13).
        `const fixtureOptions = ${fixtureOptions};`,
        "const same = JSON.stringify(generate('sms.inbound.text', fixtureOptions)) === JSON.stringify(fixture);",
        'console.log(JSON.stringify([fixture.type, typeof schema, typeof createFakeVonage, same]));',
      ].join('\n'),
    );
    // The preload needs the fake's URL; nothing is sent to it here.
    const env = { VWS_FAKE_VONAGE_URL: 'http://127.0.0.1:9' };
    expect(JSON.parse((await node('json.cjs', env)).stdout)).toEqual(['text', 'object', 'function', true]);
  });

  it('says in one line how to install msw when /msw is imported without it', async () => {
    writeFileSync(
      join(scratch, 'msw-missing.mjs'),
      "await import('vonage-webhook-simulator/msw').catch((error) => console.log(error.message));",
    );
    const { stdout } = await node('msw-missing.mjs');
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stdout).toContain('npm install --save-dev msw@^2');
    writeFileSync(join(scratch, 'msw-uncaught.mjs'), "import 'vonage-webhook-simulator/msw';");
    const error = await node('msw-uncaught.mjs').catch((caught: unknown) => caught);
    const { code, stderr } = error as { code: number; stderr: string };
    expect(code).toBe(1);
    expect(stderr).toContain('npm install --save-dev msw@^2');
    expect(stderr).not.toContain('ERR_MODULE_NOT_FOUND');
    writeFileSync(
      join(scratch, 'msw-missing.cjs'),
      "try { require('vonage-webhook-simulator/msw'); } catch (error) { console.log(error.message); }",
    );
    expect((await node('msw-missing.cjs')).stdout.trim()).toBe((await node('msw-missing.mjs')).stdout.trim());
  });

  it('loads /msw once msw is installed, from ESM and CommonJS', async () => {
    await npm(['install', 'msw@^2']);
    writeFileSync(
      join(scratch, 'msw.mjs'),
      "const { createVonageHandlers, createVonageMock } = await import('vonage-webhook-simulator/msw');\n" +
        'console.log(typeof createVonageHandlers, typeof createVonageMock);',
    );
    expect((await node('msw.mjs')).stdout.trim()).toBe('function function');
    writeFileSync(
      join(scratch, 'msw.cjs'),
      "const { createVonageHandlers, createVonageMock } = require('vonage-webhook-simulator/msw');\n" +
        'console.log(typeof createVonageHandlers, typeof createVonageMock);',
    );
    expect((await node('msw.cjs')).stdout.trim()).toBe('function function');
  }, 300_000);

  it('has declarations that TypeScript 5.0 checks (skipLibCheck off) with the typed flow intact (issue 13)', async () => {
    writeFileSync(
      join(scratch, 'typed-flow.mts'),
      [
        "import { createFakeVonage, createGenerator, generate, identifyEvent, toRequestParts } from 'vonage-webhook-simulator';",
        "import { getSchema, sms } from 'vonage-webhook-simulator/fixtures';",
        "const url = 'http://127.0.0.1:3000/webhooks';",
        "toRequestParts({ name: 'messages.status.read', payload: generate('messages.status.read') }, { url, signatureSecret: 's', apiKey: 'k' });",
        "toRequestParts({ name: 'sms.inbound', payload: sms.inbound() }, { url, signatureSecret: 's' });",
        '// @ts-expect-error: a JWT-signed event needs apiKey once signed',
        "toRequestParts({ name: 'messages.status.read', payload: generate('messages.status.read') }, { url, signatureSecret: 's' });",
        '// @ts-expect-error: an SMS payload is not a voice.answer payload',
        "toRequestParts({ name: 'voice.answer', payload: sms.inbound() }, { url });",
        'const vonage = createFakeVonage();',
        "for (const d of vonage.deliveries) if (d.event === 'sms.delivery_receipt.expired') d.payload.status satisfies 'expired';",
        'const { event } = identifyEvent({});',
        "if (event?.name === 'sms.inbound.text') event.payload.msisdn satisfies string;",
        'createGenerator({ seed: 1 }).sms.inbound().msisdn satisfies string;',
        "getSchema('sms.inbound') satisfies object;",
      ].join('\n'),
    );
    writeFileSync(
      join(scratch, 'tsconfig.ts50.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          typeRoots: [join(root, 'node_modules', '@types')],
          types: ['node'],
        },
        files: ['typed-flow.mts'],
      }),
    );
    // The oldest TypeScript the declarations support, installed beside the package as a user has it.
    await npm(['install', 'typescript@5.0.4']);
    const tsc = join(scratch, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.ts50.json'], { cwd: scratch }).catch(
      (caught: { stdout: string }) => caught,
    );
    // Every error would be listed; an unused @ts-expect-error would be one too.
    expect(result.stdout).toBe('');
  }, 300_000);

  it('gives types for every entry to TypeScript with moduleResolution node10 and NodeNext', async () => {
    const names = subpaths.map((_, index) => `entry${index}`);
    writeFileSync(
      join(scratch, 'entries.ts'),
      [
        ...subpaths.map(
          (subpath, index) => `import type * as entry${index} from 'vonage-webhook-simulator${subpath}';`,
        ),
        "import { createFakeVonage } from 'vonage-webhook-simulator';",
        "import { createVonageMock } from 'vonage-webhook-simulator/msw';",
        `export type Entries = [${names.map((name) => `typeof ${name}`).join(', ')}];`,
        'export const fake: ReturnType<typeof createFakeVonage> = createFakeVonage();',
        'export const mock: ReturnType<typeof createVonageMock> = createVonageMock();',
        '// @ts-expect-error: the option does not exist, so the types are real and not any',
        'createFakeVonage({ notAnOption: true });',
      ].join('\n'),
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    for (const [module, moduleResolution] of [
      ['commonjs', 'node10'],
      ['nodenext', 'nodenext'],
    ] as const) {
      const config = `tsconfig.${moduleResolution}.json`;
      writeFileSync(
        join(scratch, config),
        JSON.stringify({
          compilerOptions: {
            module,
            moduleResolution,
            target: 'es2022',
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            types: [],
          },
          files: ['entries.ts'],
        }),
      );
      const result = await run(process.execPath, [tsc, '-p', config, '--traceResolution'], {
        cwd: scratch,
        maxBuffer: 256 * 1024 * 1024,
      }).catch((caught: { stdout: string }) => caught);
      const errors = result.stdout.split('\n').filter((line) => line.startsWith('entries.ts'));
      expect(errors, moduleResolution).toEqual([]);
      for (const subpath of subpaths) {
        expect(result.stdout, `${moduleResolution}: vonage-webhook-simulator${subpath}`).toMatch(
          new RegExp(
            `'vonage-webhook-simulator${subpath}' was successfully resolved to '[^']*/vonage-webhook-simulator/dist/[^']*\\.d\\.c?ts'`,
          ),
        );
      }
    }
  }, 300_000);
});
