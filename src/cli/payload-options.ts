import type { Command } from 'commander';
import { VwsError } from '../errors.js';
import { type CatalogEntry, getEvent } from '../fixtures/catalog.js';
import { generate, generateParts } from '../fixtures/generate.js';
import { deepMerge } from '../internal/deep-merge.js';
import type { CliIo } from './io.js';
import {
  collectAssignment,
  parsePositiveInteger,
  parseRefDate,
  parseSeed,
  readOverridesFile,
} from './options.js';
import { type Assignment, applyAssignments } from './set-path.js';

/** The options every payload-making command shares (show, request, send). */
export interface PayloadOptions {
  readonly seed?: number;
  readonly refDate?: number;
  readonly set?: Assignment[];
  readonly file?: string;
  readonly webhookVersion?: string;
  readonly parts?: number;
}

/** Adds the payload options to a command. */
export function addPayloadOptions(command: Command): Command {
  return command
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
    .option('--parts <n>', 'every part of a multi-part message (a concatenated SMS)', parsePositiveInteger);
}

/** What {@link buildPayloads} made: the event, the payloads (one per part) and the seed used. */
export interface BuiltPayloads {
  readonly entry: CatalogEntry;
  readonly payloads: unknown[];
  readonly seed: number;
  readonly refDate: number;
}

/**
 * Generates the payloads of a command: the seed (random when absent, printed on stderr), then the
 * `--file` overrides, then each `--set`; notes about keys the payload did not have go to stderr.
 */
export async function buildPayloads(
  io: CliIo,
  event: string,
  options: PayloadOptions,
): Promise<BuiltPayloads> {
  const entry = getEvent(event);
  if (options.parts !== undefined && options.webhookVersion !== undefined) {
    throw new VwsError(
      'VWS_ERR_USAGE',
      'Use --parts or --webhook-version, not both: parts exist only in the default shape.',
    );
  }
  const seed = options.seed ?? io.randomSeed();
  const refDate = options.refDate ?? io.now();
  const fileOverrides = options.file === undefined ? undefined : await readOverridesFile(io, options.file);
  const version = options.webhookVersion === undefined ? {} : { version: options.webhookVersion };
  const generated =
    options.parts === undefined
      ? [generate(entry.name, { seed, refDate, ...version } as never) as unknown]
      : (generateParts(entry.name, { seed, refDate, parts: options.parts }) as unknown[]);
  const notes = new Set<string>();
  const payloads = generated.map((payload) => {
    const merged = fileOverrides === undefined ? payload : deepMerge(payload, fileOverrides);
    const applied = applyAssignments(merged, options.set ?? []);
    for (const note of applied.notes) notes.add(note);
    return applied.payload;
  });
  for (const note of notes) io.stderr.write(`vws: note: ${note}\n`);
  return { entry, payloads, seed, refDate };
}

/** The line that tells how to reproduce a run, printed on stderr once the command succeeded. */
export function reportSeed(io: CliIo, built: BuiltPayloads): void {
  const iso = new Date(built.refDate).toISOString();
  io.stderr.write(
    `vws: ${built.entry.name} seed ${built.seed} ref-date ${iso} (rerun with --seed ${built.seed} --ref-date ${iso})\n`,
  );
}
