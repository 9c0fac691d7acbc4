// Bundles the library's entry points for Node's load time (issue 13, docs/decisions/115-light-to-load.md):
// importing ~300 small modules cost most of an import (Node's loader compiles and links each one),
// so each public entry becomes one module of its own code plus chunks it shares with the others,
// written to dist/bundle/. package.json's `exports` send Node there; `./fixtures` sends every other
// resolver (its `default` condition) to tsc's module tree in dist/, so that a bundler drops, module
// by module, the APIs a user does not import. tsc (run first) also writes the .d.ts files every
// entry's types point at. Dependencies (faker, ajv, undici, msw) stay imports of their packages;
// faker, ajv and undici are required only when first used. Not minified: a stack trace should read
// as the source does.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bundle`;

/** The public ESM entries (package.json `exports`), output name under dist/bundle/ to source. */
const entryPoints = {
  index: 'src/index.ts',
  advanced: 'src/advanced.ts',
  'fixtures/index': 'src/fixtures/index.ts',
  'fixtures/advanced': 'src/fixtures/advanced.ts',
  'msw/index': 'src/msw/index.ts',
  // Loaded by msw/index.js with import() once msw is known to be installed, and by index.cjs.
  'msw/msw-entry': 'src/msw/msw-entry.ts',
  // Required by index.cjs, which hands msw's http to the handlers: the copy msw-entry.js reads.
  'msw/msw-http': 'src/msw/msw-http.ts',
  'msw/missing-msw': 'src/msw/missing-msw.ts',
  'register/register': 'src/register/register.ts',
  'artillery/index': 'src/artillery/index.ts',
};

// Node's variant of a module where it has one (`x.node.ts` beside `x.ts`): faker's loader, which
// loads faker on the first payload instead of at import.
const nodeVariants = {
  name: 'node-variants',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /\/base-faker\.js$/ }, (args) => ({
      path: `${args.resolveDir}/base-faker.node.ts`,
    }));
  },
};

await rm(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints,
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  legalComments: 'none',
  plugins: [nodeVariants],
});

// The CommonJS entries tsc compiled require their neighbours by relative path: beside the bundled
// entries, they load those (and share their module instances with ESM importers).
for (const file of ['msw/index.cjs', 'register/register.cjs']) {
  await mkdir(`${outdir}/${file.split('/')[0]}`, { recursive: true });
  await copyFile(`${root}dist/${file}`, `${outdir}/${file}`);
}
