// `vws export artillery`: checks the flags as `vws send` does, then writes an Artillery scenario whose
// processor (vonage-webhook-simulator/artillery) generates, signs and judges every request.
import { writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ArtilleryVonageSettings } from '../../../artillery/settings.js';
import { toRequestParts } from '../../../delivery/to-request.js';
import { VwsError } from '../../../errors.js';
import { type CatalogEntry, getEvent } from '../../../fixtures/catalog.js';
import { deepMerge } from '../../../internal/deep-merge.js';
import { checkOutputPath } from '../../shared/check-output-path.js';
import type { CliIo } from '../../shared/io.js';
import { createPayloadFactory, readOverridesFile } from '../../shared/payload-factory.js';
import type { Assignment } from '../../shared/set-path.js';
import { toRequestOptionsFrom } from '../../shared/signing-options.js';
import type { ExportCliOptions } from './options.js';

/** The processor module `--out` writes beside the scenario: Artillery loads processors from files. */
export const PROCESSOR_FILE = 'vws-artillery-processor.mjs';
const PROCESSOR_SOURCE = `// Artillery loads config.processor from a file (.mjs with import()): the hooks come from the package.
export * from 'vonage-webhook-simulator/artillery';
`;

function usage(message: string): never {
  throw new VwsError('VWS_ERR_INVALID_OPTION', message);
}

/** The value at a `--set` path of a payload, as an override object down that path. */
function toOverride(payload: unknown, assignment: Assignment): Record<string, unknown> {
  const [top] = assignment.path;
  const record = payload as Record<string, unknown>;
  // Through an array the whole top-level field is kept (overrides merge objects, not array items).
  if (assignment.path.some((segment) => /^\d+$/.test(segment)))
    return { [top as string]: record[top as string] };
  let value: unknown = payload;
  for (const segment of assignment.path) value = (value as Record<string, unknown> | undefined)?.[segment];
  return assignment.path.reduceRight<Record<string, unknown>>((inner, segment, index) => {
    return { [segment]: index === assignment.path.length - 1 ? value : inner };
  }, {});
}

/** `--file` and `--set` as generate's `overrides`, typed as `--set` typed them on the first payload. */
async function toOverrides(
  io: CliIo,
  options: ExportCliOptions,
  firstPayload: unknown,
): Promise<Record<string, unknown> | undefined> {
  let overrides: Record<string, unknown> | undefined =
    options.file === undefined ? undefined : await readOverridesFile(io, options.file);
  for (const assignment of options.set ?? []) {
    overrides = deepMerge(overrides ?? {}, toOverride(firstPayload, assignment));
  }
  return overrides;
}

function toUrl(value: string | undefined): URL {
  if (value === undefined) {
    usage(
      'vws export artillery needs --url: the endpoint the load goes to, e.g. --url http://127.0.0.1:3000/webhooks/inbound-sms.',
    );
  }
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url;
  } catch {}
  return usage(`Invalid --url ${JSON.stringify(value)}: use an absolute http(s) URL.`);
}

/**
 * The signing flags as one event of a mix reads them: `--signature-method` signs the events it applies
 * to (the processor passes it to SMS-signed events only), so among several events it is dropped for
 * the others; with one event, or when it applies to none, it is checked as `vws send` checks it.
 */
function signingFor(
  entry: CatalogEntry,
  events: readonly string[],
  options: ExportCliOptions,
): ExportCliOptions {
  const method = options.signatureMethod;
  if (events.length === 1 || method === undefined) return options;
  const wanted = method === 'jwt' ? 'jwt' : 'sms-signature';
  if (entry.signing === wanted || !events.some((name) => getEvent(name).signing === wanted)) return options;
  const { signatureMethod: _dropped, ...others } = options;
  return others;
}

/** The processor's settings from the flags, each event checked as `vws send` checks it. */
export async function toArtillerySettings(
  io: CliIo,
  events: readonly string[],
  options: ExportCliOptions,
): Promise<ArtilleryVonageSettings> {
  if (options.parts !== undefined) {
    throw new VwsError(
      'VWS_ERR_USAGE',
      '--parts does not apply to vws export artillery (each request is one webhook): drop --parts.',
    );
  }
  const url = toUrl(options.url);
  const seed = options.seed ?? io.randomSeed();
  const names: string[] = [];
  let firstPayload: unknown;
  for (const event of events) {
    const factory = await createPayloadFactory(io, event, { ...options, seed });
    const payload = factory.make(0)[0];
    firstPayload ??= payload;
    const requestOptions = toRequestOptionsFrom(
      io,
      factory.entry,
      signingFor(factory.entry, events, options),
    );
    // Bad signing or format flags fail here, before a scenario is written.
    toRequestParts({ name: factory.entry.name, payload }, { ...requestOptions, url: url.href });
    names.push(factory.entry.name);
  }
  const overrides = await toOverrides(io, options, firstPayload);
  const settings: Record<string, unknown> = {
    events: names,
    seed,
    refDate: options.refDate === undefined ? undefined : new Date(options.refDate).toISOString(),
    overrides,
    webhookVersion: options.webhookVersion,
    forms: options.forms,
    format: options.format,
    signatureSecret: options.signatureSecret,
    signatureMethod: options.signatureMethod === 'jwt' ? undefined : options.signatureMethod,
    apiKey: options.apiKey,
    applicationId: options.applicationId,
    signingMode: options.signingMode,
  };
  for (const key of Object.keys(settings)) if (settings[key] === undefined) delete settings[key];
  return settings as unknown as ArtilleryVonageSettings;
}

/** The scenario as YAML (JSON scalars are YAML: every value is written as JSON). */
export function toArtilleryScenario(
  settings: ArtilleryVonageSettings,
  url: URL,
  options: Pick<ExportCliOptions, 'rate' | 'duration' | 'processor'>,
): string {
  const json = (value: unknown) => JSON.stringify(value);
  const path = `${url.pathname}${url.search}`;
  return `# Written by vws export artillery ${settings.events.join(' ')}
# Run it: artillery run <this file> --output report.json (https://www.artillery.io/docs/reference/cli/run)
# Each request is generated, signed and judged by vonage-webhook-simulator/artillery.
config:
  target: ${json(url.origin)}
  processor: ${json(options.processor ?? `./${PROCESSOR_FILE}`)}
  phases:
    - duration: ${options.duration}
      arrivalRate: ${options.rate}
      name: ${json(`vws ${settings.events.join(', ')}`)}
  variables:
    vonage: ${json(settings)}
  # The ensure plugin is enabled in config.plugins (https://www.artillery.io/docs/reference/extensions/ensure).
  plugins:
    ensure: {}
  ensure:
    conditions:
      - expression: "vonage.rejected == 0 and vonage.invalid_ncco == 0"
scenarios:
  - name: ${json(`Vonage webhooks: ${settings.events.join(', ')}`)}
    beforeRequest: vonageWebhook
    afterResponse: vonageAcceptance
    flow:
      - post:
          url: ${json(path)}
`;
}

/** Runs `vws export artillery`: the scenario on stdout, or in `--out` with the processor module beside it. */
export async function runExport(
  io: CliIo,
  events: readonly string[],
  options: ExportCliOptions,
): Promise<void> {
  const settings = await toArtillerySettings(io, events, options);
  const scenario = toArtilleryScenario(settings, toUrl(options.url), options);
  if (options.out === undefined) {
    io.stdout.write(scenario);
    // The scenario names a processor file that only --out writes: say what it holds.
    if (options.processor === undefined) {
      io.stderr.write(
        `vws: the scenario loads ./${PROCESSOR_FILE}: put it beside the scenario with the line "export * from 'vonage-webhook-simulator/artillery';" (--out writes both)\n`,
      );
    }
    return;
  }
  await checkOutputPath(options.out, '--out');
  await writeFile(options.out, scenario);
  io.stderr.write(`vws: wrote ${options.out}\n`);
  if (options.processor === undefined) {
    const processor = join(dirname(options.out), PROCESSOR_FILE);
    await writeFile(processor, PROCESSOR_SOURCE);
    io.stderr.write(`vws: wrote ${processor} (config.processor of ${basename(options.out)})\n`);
  }
}
