// Per-API tree-shaking of `vonage-webhook-simulator/fixtures` (issue 13): a browser user who imports
// only `sms` must not ship the other APIs' builders, data or form groups. Bundled in memory with
// esbuild from the TypeScript sources, as a browser user's bundler would from the package.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'src/fixtures/index.ts');
const apiDirs = ['sms', 'short-codes', 'voice', 'number-insight', 'messages', 'dispatch', 'rtc', 'verify'];

/** The files that put bytes into the bundle of `code`, relative to the repository, with their bytes. */
async function bundle(code: string): Promise<Map<string, number>> {
  const result = await build({
    stdin: { contents: code, resolveDir: root, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const output = Object.values((result.metafile as Metafile).outputs)[0];
  if (output === undefined) throw new Error('esbuild wrote no output');
  return new Map(
    Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([file, input]) => [file, input.bytesInOutput]),
  );
}

function apisIn(files: Map<string, number>): string[] {
  return apiDirs.filter((dir) => [...files.keys()].some((file) => file.startsWith(`src/fixtures/${dir}/`)));
}

// The library's own bytes: faker (shared by every API, ~38 kB gzipped) and its English data are the
// floor of any bundle that generates a payload, so the split is measured on what the project adds.
function ownBytes(files: Map<string, number>): number {
  let total = 0;
  for (const [file, bytes] of files) {
    if (file.startsWith('src/') && file !== 'src/fixtures/shared/locale-en.ts') total += bytes;
  }
  return total;
}

describe('the /fixtures browser bundle splits per API (issue 13)', () => {
  it('ships no other API with `import { sms }`, and under half the code of the whole entry', async () => {
    const smsOnly = await bundle(`import { sms } from ${JSON.stringify(entry)}; console.log(sms.inbound());`);
    const all = await bundle(`import * as all from ${JSON.stringify(entry)}; console.log(all);`);
    expect(apisIn(smsOnly)).toEqual(['sms']);
    expect(apisIn(all)).toEqual(apiDirs);
    expect(ownBytes(smsOnly)).toBeLessThan(ownBytes(all) / 2);
  }, 60_000);

  it('ships only its own API (and the APIs it builds on) for each namespace', async () => {
    const expected: Record<string, string[]> = {
      voice: ['voice'],
      numberInsight: ['number-insight'],
      rtc: ['rtc'],
      verify: ['verify'],
      // Short codes reuse the SMS text builders; Messages reuse SMS texts; Dispatch sends Messages.
      shortCodes: ['sms', 'short-codes'],
      messages: ['sms', 'messages'],
      dispatch: ['messages', 'dispatch'],
    };
    for (const [name, apis] of Object.entries(expected)) {
      const files = await bundle(`import { ${name} } from ${JSON.stringify(entry)}; console.log(${name});`);
      expect(apisIn(files), name).toEqual(apis);
    }
  }, 120_000);
});
