import type { Command } from 'commander';
import { VwsError } from '../../errors.js';
import { listEvents } from '../../fixtures/catalog.js';
import { type ApiName, apiNames } from '../../fixtures/shared/define-event.js';
import type { CliIo } from '../io.js';

interface ListOptions {
  readonly api?: string;
  readonly json?: boolean;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

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
    .action((options: ListOptions) => {
      if (options.api !== undefined && !(apiNames as readonly string[]).includes(options.api)) {
        throw new VwsError(
          'VWS_ERR_INVALID_OPTION',
          `Unknown API "${options.api}": use one of ${apiNames.join(', ')}.`,
        );
      }
      const entries = listEvents(options.api === undefined ? {} : { api: options.api as ApiName });
      if (options.json) {
        io.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
        return;
      }
      const width = Math.max(...entries.map((entry) => entry.name.length)) + 2;
      const lines = entries.map(
        (entry) =>
          `${pad(entry.name, width)}${pad(entry.method, 7)}${pad(entry.signing, 15)}${entry.description}`,
      );
      io.stdout.write(
        `${pad('EVENT', width)}${pad('METHOD', 7)}${pad('SIGNING', 15)}DESCRIPTION\n${lines.join('\n')}\n`,
      );
      io.stderr.write(
        `${entries.length} events. Show one with: vws show <event> (family names such as sms.inbound mean their default variant)\n`,
      );
    });
}
