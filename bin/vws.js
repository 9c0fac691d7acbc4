#!/usr/bin/env node
// Both bin names (vws, vonage-webhook-simulator) run this file. `--version` is answered here, with
// nothing else loaded; every other command loads the CLI bundle (docs/decisions/009-cli-start-up.md).
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${version}\n`);
} else {
  const { main } = await import('../dist/cli/bundle/main.js');
  await main(argv, version);
}
