// Makes the payloads of the payload-making commands (show, request, send) from their options.
import { VwsError } from '../../errors.js';
import { type CatalogEntry, getEvent } from '../../fixtures/catalog.js';
import { generate, generateParts } from '../../fixtures/generate.js';
import { deepMerge } from '../../internal/deep-merge.js';
import { findUnsafeOverride } from '../../internal/unsafe-keys.js';
import { type FormsChoice, toFormsFlag, toFormsOption } from './forms-option.js';
import type { CliIo } from './io.js';
import type { PayloadOptions } from './payload-options.js';
import { applyAssignments } from './set-path.js';

/** Reads `--file overrides.json`: a JSON object deep-merged into the payload before `--set`. */
export async function readOverridesFile(io: CliIo, path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (error) {
    const reason =
      (error as { code?: string }).code === 'ENOENT' ? 'no such file' : String((error as Error).message);
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Cannot read --file ${path}: ${reason}. Give the path of a JSON file of payload fields.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new VwsError(
      'VWS_ERR_INVALID_JSON',
      `Malformed JSON in ${path}: ${(error as Error).message}. Fix the file; it must hold one JSON object of payload fields.`,
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new VwsError(
      'VWS_ERR_INVALID_JSON',
      `${path} must hold one JSON object of payload fields, e.g. {"status": "failed"}.`,
    );
  }
  const unsafe = findUnsafeOverride(parsed);
  if (unsafe !== undefined) {
    throw new VwsError('VWS_ERR_INVALID_OVERRIDE', `Invalid --file ${path}: ${unsafe}.`);
  }
  return parsed as Record<string, unknown>;
}

/** What {@link buildPayloads} made: the event, the payloads (one per part) and the seed used. */
export interface BuiltPayloads {
  readonly entry: CatalogEntry;
  readonly payloads: unknown[];
  readonly seed: number;
  readonly refDate: number;
  /** `--forms`, for the rerun hint. */
  readonly forms?: FormsChoice;
}

/** Makes the payloads of item `index` (seed + index): every part, with `--file` and `--set` applied. */
export interface PayloadFactory {
  readonly entry: CatalogEntry;
  readonly seed: number;
  readonly refDate: number;
  /** `--forms` as given (each item draws `any` from its own seed). */
  readonly forms?: FormsChoice;
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
  const forms = toFormsOption(options.forms);
  const noted = new Set<string>();
  const make = (index: number): unknown[] => {
    const itemSeed = seed + index;
    const generated =
      options.parts === undefined
        ? [generate(entry.name, { seed: itemSeed, refDate, ...version, ...forms } as never) as unknown]
        : (generateParts(entry.name, {
            seed: itemSeed,
            refDate,
            parts: options.parts,
            ...forms,
          } as never) as unknown[]);
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
    ...(options.forms === undefined ? {} : { forms: options.forms }),
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
  return {
    entry: factory.entry,
    payloads: factory.make(0),
    seed: factory.seed,
    refDate: factory.refDate,
    ...(factory.forms === undefined ? {} : { forms: factory.forms }),
  };
}

/** The line that tells how to reproduce a run, printed on stderr once the command succeeded. */
export function reportSeed(io: CliIo, built: BuiltPayloads): void {
  const iso = new Date(built.refDate).toISOString();
  io.stderr.write(
    `vws: ${built.entry.name} seed ${built.seed} ref-date ${iso} (rerun with --seed ${built.seed} --ref-date ${iso}${toFormsFlag(built.forms)})\n`,
  );
}
