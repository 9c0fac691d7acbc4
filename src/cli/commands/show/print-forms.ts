// `vws show <event> --forms list`: the forms real traffic sends the event's fields in
// (docs/decisions/112-forms-of-real-traffic.md), in place of a payload.
import { VwsError } from '../../../errors.js';
import { getEvent } from '../../../fixtures/catalog.js';
import { listForms } from '../../../fixtures/forms.js';
import type { CliIo } from '../../shared/io.js';
import type { ShowCliOptions } from './options.js';

/** The options that make a payload, which `--forms list` does not print. */
const payloadFlags = [
  ['seed', '--seed'],
  ['refDate', '--ref-date'],
  ['set', '--set'],
  ['file', '--file'],
  ['webhookVersion', '--webhook-version'],
  ['parts', '--parts'],
] as const;

function refuseMeaninglessFlags(options: ShowCliOptions): void {
  for (const [key, flag] of payloadFlags) {
    if (options[key] !== undefined) {
      throw new VwsError(
        'VWS_ERR_USAGE',
        `--forms list prints the event's forms, not a payload: drop ${flag} (or give --forms a form to make a payload).`,
      );
    }
  }
  if (options.compact && !options.json) {
    throw new VwsError(
      'VWS_ERR_USAGE',
      '--compact applies to JSON: add --json to print the forms as compact JSON, or drop --compact.',
    );
  }
}

type FormGroupListing = ReturnType<typeof listForms>[number];

function toText(name: string, groups: readonly FormGroupListing[]): string {
  const lines = [
    groups.length === 1
      ? `${name}: 1 form group (a field real traffic sends in more than one form)`
      : `${name}: ${groups.length} form groups (fields real traffic sends in more than one form)`,
  ];
  for (const group of groups) {
    lines.push('', `${group.group}: ${group.description}`);
    const labels = group.forms.map((form) =>
      form.name === group.documented ? `${form.name} (documented)` : form.name,
    );
    const width = Math.max(...labels.map((label) => label.length));
    group.forms.forEach((form, index) => {
      lines.push(`  ${(labels[index] ?? form.name).padEnd(width)}  ${form.description}`);
      lines.push(`  ${' '.repeat(width)}  source: ${form.source}`);
    });
  }
  const example = groups[0];
  const other = example?.forms.find((form) => form.name !== example.documented) ?? example?.forms[0];
  lines.push(
    '',
    `Choose with --forms ${example?.group}=${other?.name} (group=form, comma-separated), or --forms any to draw each by the seed.`,
  );
  return `${lines.join('\n')}\n`;
}

/** Prints the event's form groups: each group, its forms (the documented one marked), descriptions and sources. */
export function printForms(io: CliIo, event: string, options: ShowCliOptions): void {
  refuseMeaninglessFlags(options);
  const { name } = getEvent(event);
  const groups = listForms(name);
  if (options.json) {
    io.stdout.write(`${options.compact ? JSON.stringify(groups) : JSON.stringify(groups, null, 2)}\n`);
    return;
  }
  if (groups.length === 0) {
    io.stdout.write(
      `${name} has one form of every field: real traffic sends it as documented, so --forms has nothing to choose.\n`,
    );
    return;
  }
  io.stdout.write(toText(name, groups));
}
