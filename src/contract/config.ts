import type { Ajv } from 'ajv';
import { VwsError } from '../errors.js';
import { getEvent } from '../fixtures/catalog.js';
import { eventAliases, eventNames } from '../fixtures/events.js';
import { findClosest } from '../internal/closest.js';
import { createAjv } from '../internal/load-ajv.js';
import { configSchema } from '../schemas/config.js';
import type { SigningMode } from '../signing/signing-modes.js';
import type { SmsSignatureMethod } from '../signing/sms-signature.js';
import { checkConfigForms, type FormsTarget } from './config-forms.js';

/** One endpoint of the app under test, as `vws.config.json` describes it. */
export interface ContractEndpoint {
  readonly name?: string;
  readonly path: string;
  readonly method?: 'GET' | 'POST';
  readonly format?: 'query' | 'form' | 'json';
  /** Event names, or family names meaning every variant under them. */
  readonly events: readonly string[];
  /**
   * The Messages webhook format the endpoint receives (the application's `messages.version`): `v1`
   * (default) or `v0.1`, which sends the v0.1 shape of every messages event and skips those without
   * one (RCS, MMS audio, video, file and content: docs/decisions/030).
   */
  readonly webhookVersion?: 'v1' | 'v0.1';
  readonly signatureMethod?: SmsSignatureMethod | 'jwt';
  readonly verifiesSignature?: boolean;
  readonly negativeModes?: readonly Exclude<SigningMode, 'valid'>[];
  readonly expectStatus?: string;
  readonly rejectStatus?: string;
  /** The forms of real traffic this endpoint's checks send: overrides the config's `forms`. */
  readonly forms?: ContractForms;
  /** Whether this endpoint gets the defensive checks: overrides the config's `defensive`. */
  readonly defensive?: boolean;
}

/**
 * Which forms of real traffic a contract sends (docs/decisions/112): `every` (the default: a
 * `delivers <group>=<form>` check per observed form), `documented` (no form checks), or named forms
 * per group, used in every check's payload of the events that have the group.
 */
export type ContractForms = 'every' | 'documented' | Readonly<Record<string, string>>;

/** The contents of `vws.config.json`. */
export interface ContractConfig {
  readonly baseUrl?: string;
  readonly signatureSecret?: string;
  readonly apiKey?: string;
  readonly applicationId?: string;
  readonly seed?: number;
  /** The forms of real traffic the checks send (default `every`); an endpoint may set its own. */
  readonly forms?: ContractForms;
  /**
   * Whether each event is also sent with every optional field absent and with an unknown field added,
   * expecting the same acceptance (default `true`); an endpoint may set its own.
   */
  readonly defensive?: boolean;
  readonly endpoints: readonly ContractEndpoint[];
}

let validate: ReturnType<Ajv['compile']> | undefined;

/** Longer than any event name: past it an unknown name gets no suggestions (edit distance is quadratic). */
const MAX_SUGGESTED_LENGTH = 80;

/** `text` for a one-line message: quoted, control characters escaped, at most 60 characters shown. */
function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

/** The config's name (its path) for a one-line message: control characters escaped. */
function printable(source: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping them is the point
  return source.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (char) => JSON.stringify(char).slice(1, -1));
}

/** Expands an endpoint's event list: a family name means every variant under it. */
export function expandEvents(patterns: readonly string[]): string[] {
  const result: string[] = [];
  for (const pattern of patterns) {
    const matches = eventNames.filter((name) => name === pattern || name.startsWith(`${pattern}.`));
    for (const name of matches) if (!result.includes(name)) result.push(name);
  }
  return result;
}

/** One webhook shape an endpoint receives: the event and, when not its default shape, the version. */
export interface EndpointShape {
  readonly event: string;
  readonly version?: 'v0.1';
}

const hasV01 = (event: string): boolean => getEvent(event).versions.includes('v0.1');
const isMessagesEvent = (event: string): boolean => getEvent(event).api === 'messages';

/**
 * The webhook shapes an endpoint receives: its expanded events, and with `webhookVersion: 'v0.1'` the
 * v0.1 shape of each messages event, messages events without one left out (a v0.1 application never
 * receives them); other APIs' events keep their shape.
 *
 * @example
 * ```ts
 * expandEndpointEvents({ path: '/status', events: ['messages.status.read'], webhookVersion: 'v0.1' });
 * // [{ event: 'messages.status.read.whatsapp', version: 'v0.1' }, ...] without messages.status.read.rcs
 * ```
 */
export function expandEndpointEvents(endpoint: ContractEndpoint): EndpointShape[] {
  const events = expandEvents(endpoint.events);
  if (endpoint.webhookVersion !== 'v0.1') return events.map((event) => ({ event }));
  return events
    .filter((event) => !isMessagesEvent(event) || hasV01(event))
    .map((event) => (isMessagesEvent(event) ? { event, version: 'v0.1' } : { event }));
}

/**
 * Checks a parsed config against the shipped schema (`schemas/vws.config.schema.json`) and that every
 * event pattern names events; throws one `VwsError` naming the JSON path and the fix.
 *
 * @example
 * ```ts
 * import { parseContractConfig } from 'vonage-webhook-simulator';
 * const config = parseContractConfig({ endpoints: [{ path: '/webhooks/status', events: ['messages.status'] }] }, 'inline');
 * ```
 */
export function parseContractConfig(value: unknown, configSource: string): ContractConfig {
  const source = printable(configSource);
  validate ??= createAjv({ allErrors: false, strict: false }).compile(configSchema);
  if (!validate(value)) {
    const error = validate.errors?.[0];
    const path = `$${(error?.instancePath ?? '').replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.')}`;
    const extra =
      error?.keyword === 'additionalProperties'
        ? ` ${quote(String((error.params as { additionalProperty?: string }).additionalProperty))}`
        : error?.keyword === 'enum'
          ? ` (${((error.params as { allowedValues?: unknown[] }).allowedValues ?? []).join(', ')})`
          : '';
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Invalid config ${source} at ${path}: ${error?.message ?? 'does not match the schema'}${extra}. See schemas/vws.config.schema.json.`,
    );
  }
  const config = value as ContractConfig;
  // Each distinct pattern is checked once: a config may repeat one a million times.
  const known = new Map<string, boolean>();
  config.endpoints.forEach((endpoint, index) => {
    endpoint.events.forEach((pattern, eventIndex) => {
      const key = `${endpoint.webhookVersion ?? ''} ${pattern}`;
      if (known.get(key) === true) return;
      known.set(key, true);
      if (expandEvents([pattern]).length === 0) {
        const closest =
          pattern.length > MAX_SUGGESTED_LENGTH
            ? []
            : findClosest(pattern, [...eventNames, ...Object.keys(eventAliases)]);
        const hint =
          closest.length > 0 ? ` Did you mean ${closest.map((name) => `"${name}"`).join(', ')}?` : '';
        throw new VwsError(
          'VWS_ERR_UNKNOWN_EVENT',
          `Invalid config ${source} at $.endpoints[${index}].events[${eventIndex}]: no event is named ${quote(pattern)}.${hint} Run "vws list" to see all events.`,
        );
      }
      if (
        endpoint.webhookVersion === 'v0.1' &&
        expandEndpointEvents({ ...endpoint, events: [pattern] }).length === 0
      ) {
        throw new VwsError(
          'VWS_ERR_INVALID_OPTION',
          `Invalid config ${source} at $.endpoints[${index}].events[${eventIndex}]: ${quote(pattern)} has no Messages API v0.1 shape, so a v0.1 application never receives it (docs/decisions/030). Drop "webhookVersion": "v0.1" from this endpoint, or name events that have one (e.g. "messages.status.read.whatsapp").`,
        );
      }
    });
  });
  checkConfigForms(formsTargets(config), source);
  return config;
}

/** The named forms of a config and the events (in their default shape) each applies to. */
function formsTargets(config: ContractConfig): FormsTarget[] {
  const defaultShapes = (endpoint: ContractEndpoint): string[] =>
    typeof (endpoint.forms ?? config.forms) === 'object'
      ? expandEndpointEvents({ ...endpoint, events: [...new Set(endpoint.events)] })
          .filter((shape) => shape.version === undefined)
          .map((shape) => shape.event)
      : [];
  const targets: FormsTarget[] = config.endpoints
    .map((endpoint, index) => ({
      path: `$.endpoints[${index}].forms`,
      forms: endpoint.forms,
      events: endpoint.forms === undefined ? [] : defaultShapes(endpoint),
    }))
    .filter((target) => target.forms !== undefined);
  const usingTopLevel = config.endpoints.filter((endpoint) => endpoint.forms === undefined);
  if (config.forms !== undefined && usingTopLevel.length > 0) {
    const events = usingTopLevel.flatMap((endpoint) => defaultShapes(endpoint));
    targets.unshift({ path: '$.forms', forms: config.forms, events: [...new Set(events)] });
  }
  return targets;
}

/**
 * Reads `vws.config.json` text: JSON, then {@link parseContractConfig}. Malformed JSON is one
 * `VWS_ERR_INVALID_JSON` line naming the line and column (V8's own message quotes the text, new lines
 * and all).
 */
export function parseContractConfigText(text: string, configSource: string): ContractConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const position = Number(/at position (\d+)/.exec((error as Error).message)?.[1] ?? Number.NaN);
    const before = text.slice(0, Number.isFinite(position) ? position : text.length).split('\n');
    const where = Number.isFinite(position)
      ? ` at line ${before.length}, column ${(before.at(-1) ?? '').length + 1}`
      : '';
    const reason = (error as Error).message;
    const shown = printable(reason.length > 120 ? `${reason.slice(0, 120)}…` : reason);
    throw new VwsError(
      'VWS_ERR_INVALID_JSON',
      `Malformed JSON in ${printable(configSource)}${where}: ${shown}. Fix the file (see examples/receiver/vws.config.json).`,
    );
  }
  return parseContractConfig(parsed, configSource);
}
