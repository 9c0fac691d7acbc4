import type { Command } from 'commander';
import { VwsError } from '../../errors.js';
import { getEvent } from '../../fixtures/catalog.js';
import { generate, generateParts } from '../../fixtures/generate.js';
import { deepMerge } from '../../internal/deep-merge.js';
import type { CliIo } from '../io.js';
import {
  collectAssignment,
  parsePositiveInteger,
  parseRefDate,
  parseSeed,
  readOverridesFile,
} from '../options.js';
import { type Assignment, applyAssignments } from '../set-path.js';

interface ShowOptions {
  readonly seed?: number;
  readonly refDate?: number;
  readonly set?: Assignment[];
  readonly file?: string;
  readonly webhookVersion?: string;
  readonly parts?: number;
  readonly compact?: boolean;
}

/** `vws show <event>`: the payload as JSON on stdout. */
export function registerShow(program: Command, io: CliIo): void {
  program
    .command('show')
    .description('Print the payload of one webhook as JSON')
    .argument('<event>', 'event name or family name (see "vws list")')
    .option('--seed <n>', 'seed for a reproducible payload (default: random, printed on stderr)', parseSeed)
    .option(
      '--ref-date <iso>',
      '"now" for the timestamps in the payload (default: the current time)',
      parseRefDate,
    )
    .option(
      '--set <path=value>',
      "set a field: path=value keeps the field's type, path:=json sets raw JSON (repeatable)",
      collectAssignment,
    )
    .option('--file <overrides.json>', 'deep-merge a JSON object of fields into the payload (before --set)')
    .option(
      '--webhook-version <version>',
      'another wire shape of the webhook, e.g. v0.1 for the legacy Messages format',
    )
    .option(
      '--parts <n>',
      'print every part of a multi-part message (a concatenated SMS) as a JSON array',
      parsePositiveInteger,
    )
    .option('--compact', 'print compact JSON on one line, as Vonage sends it')
    .addHelpText(
      'after',
      `
Examples:
  $ vws show sms.inbound
  $ vws show sms.delivery_receipt.failed --seed 42 --set err-code=6 --set client-ref=order-17
  $ vws show messages.status.read --ref-date 2025-06-01T10:00:00Z
  $ vws show messages.inbound.whatsapp.text --webhook-version v0.1
  $ vws show sms.inbound.concatenated --parts 4 --compact`,
    )
    .action(async (event: string, options: ShowOptions) => {
      const entry = getEvent(event);
      if (options.parts !== undefined && options.webhookVersion !== undefined) {
        throw new VwsError(
          'VWS_ERR_USAGE',
          'Use --parts or --webhook-version, not both: parts exist only in the default shape.',
        );
      }
      const seed = options.seed ?? io.randomSeed();
      const refDate = options.refDate ?? io.now();
      const fileOverrides =
        options.file === undefined ? undefined : await readOverridesFile(io, options.file);
      const base = {
        seed,
        refDate,
        ...(options.webhookVersion === undefined ? {} : { version: options.webhookVersion }),
      };
      const payloads =
        options.parts === undefined
          ? [generate(entry.name, base as never) as unknown]
          : (generateParts(entry.name, { seed, refDate, parts: options.parts }) as unknown[]);
      const notes = new Set<string>();
      const results = payloads.map((payload) => {
        const merged = fileOverrides === undefined ? payload : deepMerge(payload, fileOverrides);
        const applied = applyAssignments(merged, options.set ?? []);
        for (const note of applied.notes) notes.add(note);
        return applied.payload;
      });
      for (const note of notes) io.stderr.write(`vws: note: ${note}\n`);
      io.stderr.write(
        `vws: ${entry.name} seed ${seed} ref-date ${new Date(refDate).toISOString()} (rerun with --seed ${seed} --ref-date ${new Date(refDate).toISOString()})\n`,
      );
      const output = options.parts === undefined ? results[0] : results;
      io.stdout.write(`${options.compact ? JSON.stringify(output) : JSON.stringify(output, null, 2)}\n`);
    });
}
