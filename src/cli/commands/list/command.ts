import type { Command } from 'commander';
import { apiNames } from '../../../fixtures/shared/define-event.js';
import type { CliIo } from '../../shared/io.js';
import { runList } from './action.js';
import type { ListCliOptions } from './options.js';

/** `vws list`: the catalog as a table, or as JSON with `--json`. */
export function registerList(program: Command, io: CliIo): void {
  program
    .command('list')
    .description('List every webhook event the simulator can generate')
    .option('--api <name>', `only events of one API (${apiNames.join(', ')})`)
    .option('--json', 'print the catalog as a JSON array on stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ vws list
  $ vws list --api messages
  $ vws list --json | jq -r '.[].name'`,
    )
    .action((options: ListCliOptions) => runList(io, options));
}
