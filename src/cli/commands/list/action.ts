import { listEvents } from '../../../fixtures/catalog.js';
import type { CliIo } from '../../shared/io.js';
import { type ListCliOptions, toListFilter } from './options.js';

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** Runs `vws list`: the catalog as a table, or as JSON with `--json`. */
export function runList(io: CliIo, options: ListCliOptions): void {
  const entries = listEvents(toListFilter(options));
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
}
