// Bundles the CLI (dist/cli/main.js and what it loads) into dist/cli/bundle/ for start-up speed:
// one module for `list`/`show`/`request`, and split chunks that `send`, `contract` and `listen` load
// on demand (undici, ajv). The library entry points stay plain tsc output. See
// docs/decisions/009-cli-start-up.md.
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const outdir = fileURLToPath(new URL('../dist/cli/bundle/', import.meta.url));
await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: [fileURLToPath(new URL('../dist/cli/main.js', import.meta.url))],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // Less to parse at start-up; names are kept so a bug's stack trace still reads.
  minify: true,
  keepNames: true,
  // CommonJS dependencies (commander, undici, ajv) call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __vwsCreateRequire } from 'node:module'; const require = __vwsCreateRequire(import.meta.url);",
  },
});
