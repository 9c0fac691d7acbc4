import type { Command } from 'commander';
import { VwsError } from '../errors.js';
import { type CatalogEntry, getEvent } from '../fixtures/catalog.js';
import { generate, generateParts } from '../fixtures/generate.js';
import { deepMerge } from '../internal/deep-merge.js';
import type { CliIo } from './io.js';
import { collectAssignment, parseParts, parseRefDate, parseSeed, readOverridesFile } from './options.js';
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
    .option('--parts <n>', 'every part of a multi-part message (a concatenated SMS), 2 to 255', parseParts);
}

/** What {@link buildPayloads} made: the event, the payloads (one per part) and the seed used. */
export interface BuiltPayloads {
  readonly entry: CatalogEntry;
  readonly payloads: unknown[];
  readonly seed: number;
  readonly refDate: number;
}

/** Makes the payloads of item `index` (seed + index): every part, with `--file` and `--set` applied. */
export interface PayloadFactory {
  readonly entry: CatalogEntry;
  readonly seed: number;
  readonly refDate: number;
  make(index: number): unknown[];
}

/**
 * Prepares a command's payloads: the seed (random when absent), the `--file` overrides (read once)
 * and the `--set` assignments; notes about keys the payload did not have go to stderr once.
 */
export async function createPayloadFactory(
  io: CliIo,
  event: string,
  options: PayloadOptions,
): Promise<PayloadFactory> {
  const entry = getEvent(event);
  if (options.parts !== undefined && options.webhookVersion !== undefined) {
    throw new VwsError(
      'VWS_ERR_USAGE',
      'Use --parts or --webhook-version, not both: parts exist only in the default shape.',
    );
  }
  if (options.parts !== undefined && entry.name !== 'sms.inbound.concatenated') {
    throw new VwsError(
      'VWS_ERR_USAGE',
      `${entry.name} is a single webhook; --parts applies to multi-part messages: use sms.inbound.concatenated.`,
    );
  }
  const seed = options.seed ?? io.randomSeed();
  const refDate = options.refDate ?? io.now();
  const fileOverrides = options.file === undefined ? undefined : await readOverridesFile(io, options.file);
  const version = options.webhookVersion === undefined ? {} : { version: options.webhookVersion };
  const noted = new Set<string>();
  const make = (index: number): unknown[] => {
    const itemSeed = seed + index;
    const generated =
      options.parts === undefined
        ? [generate(entry.name, { seed: itemSeed, refDate, ...version } as never) as unknown]
        : (generateParts(entry.name, { seed: itemSeed, refDate, parts: options.parts }) as unknown[]);
    return generated.map((payload) => {
      const merged = fileOverrides === undefined ? payload : deepMerge(payload, fileOverrides);
      const applied = applyAssignments(merged, options.set ?? []);
      for (const note of applied.notes) {
        if (!noted.has(note)) io.stderr.write(`vws: note: ${note}\n`);
        noted.add(note);
      }
      return applied.payload;
    });
  };
  // Item 0 is made now, so that bad input fails before any output; its first use takes it from here.
  let first: unknown[] | undefined = make(0);
  return {
    entry,
    seed,
    refDate,
    make: (index) => {
      if (index !== 0 || first === undefined) return make(index);
      const payloads = first;
      first = undefined;
      return payloads;
    },
  };
}

/** Generates the payloads of a one-shot command (all parts of item 0). */
export async function buildPayloads(
  io: CliIo,
  event: string,
  options: PayloadOptions,
): Promise<BuiltPayloads> {
  const factory = await createPayloadFactory(io, event, options);
  return { entry: factory.entry, payloads: factory.make(0), seed: factory.seed, refDate: factory.refDate };
}

/** The line that tells how to reproduce a run, printed on stderr once the command succeeded. */
export function reportSeed(io: CliIo, built: BuiltPayloads): void {
  const iso = new Date(built.refDate).toISOString();
  io.stderr.write(
    `vws: ${built.entry.name} seed ${built.seed} ref-date ${iso} (rerun with --seed ${built.seed} --ref-date ${iso})\n`,
  );
}
