import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { listEvents } from '../fixtures/catalog.js';
import type { EventName } from '../fixtures/events.js';
import { closeSchema } from '../fixtures/shared/close-schema.js';
import type { TransportFormat, WebhookKind } from '../fixtures/shared/define-event.js';
import { createAjv } from '../internal/load-ajv.js';
import { getSchema, toSchemaKey } from '../schemas/index.js';
import { type IdentifiedEvent, toIdentifiedEvent } from './identified-event.js';
import {
  countAnyHint,
  countPathHints,
  type IdentifyHints,
  toTransport,
  transportNames,
} from './request-evidence.js';

export type { IdentifiedEvent } from './identified-event.js';
export { countPathHints, type IdentifyHints } from './request-evidence.js';

/** A webhook shape the identifier knows: an event and, for another wire shape, its version. */
export interface EventShape {
  readonly name: EventName;
  readonly version: string | undefined;
  readonly key: string;
}

/** How sure {@link identifyEvent} is of the shape it names. */
export type IdentificationConfidence = 'certain' | 'likely' | 'unsure';

/** What {@link identifyEvent} concluded about a payload. */
export interface Identification {
  /** The best matching shape, or `undefined` when nothing in the catalog looks like the payload. */
  readonly shape: EventShape | undefined;
  /** Whether the payload validates against that shape's schema. */
  readonly valid: boolean;
  /** Whether it also has no field the schema does not know (a closed match). */
  readonly exact: boolean;
  /** Schema errors against the best shape (empty when valid). */
  readonly errors: readonly string[];
  /**
   * Other shapes the payload also validates against (identical wire formats, e.g. SMS and short codes).
   *
   * @deprecated Read `confidence` and `reason`, which weigh these against the method, path and content type.
   */
  readonly alsoMatches: readonly string[];
  /**
   * `certain`: one shape matches exactly, sent as Vonage sends it; `likely`: the best shape is clearly ahead (or
   * broken but carrying its discriminators); `unsure`: shapes tie, or the one named fails its schema.
   */
  readonly confidence: IdentificationConfidence;
  /** One line saying why (`matches voice.event.completed exactly`). */
  readonly reason: string;
  /**
   * When the payload validates against the shape named: that event's name and version with the
   * payload, typed by the name (`if (result.event?.name === 'sms.inbound.text') result.event.payload.msisdn`).
   */
  readonly event: IdentifiedEvent | undefined;
}

/** What the identifier itself concludes; identifyEvent adds the typed event. */
type Conclusion = Omit<Identification, 'event'>;

interface Candidate extends EventShape {
  readonly consts: ReadonlyArray<readonly [string, unknown]>;
  readonly required: readonly string[];
  readonly schema: Record<string, unknown>;
  readonly properties: ReadonlySet<string>;
  readonly patterns: readonly RegExp[];
  readonly formats: readonly TransportFormat[];
  readonly webhook: WebhookKind;
  /** Candidates with the same twin id have the same schema: one wire shape under two names. */
  readonly twin: string;
}

type Fit = 'exact' | 'open' | 'invalid';

interface Scored {
  readonly candidate: Candidate;
  readonly matched: number;
  readonly mismatched: number;
  readonly missing: number;
  readonly known: number;
  readonly extras: readonly string[];
  readonly transport: number;
  readonly pathHits: number;
}

interface Checked extends Scored {
  readonly fit: Fit;
  readonly errors: readonly string[];
  /** When every error is a value the schema does not list (`status "paused"`): the values, else empty. */
  readonly newValues: readonly string[];
}

let candidates: Candidate[] | undefined;
let ajvInstance: Ajv | undefined;
const ajv = (): Ajv => (ajvInstance ??= createAjv({ strict: false, allErrors: true }));
const openValidators = new Map<string, ValidateFunction>();
const closedValidators = new Map<string, ValidateFunction>();

/** The constant values of required top-level properties: the discriminators of a variant. */
function topLevelConsts(schema: Record<string, unknown>): [string, unknown][] {
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).flatMap(([key, property]) =>
    required.has(key) && 'const' in property ? [[key, property.const]] : [],
  );
}

/** The schema without its words: two candidates with the same result are the same wire shape. */
function toTwinId(value: unknown): string {
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node)
        .filter(([key]) => key !== 'title' && key !== 'description')
        .map(([key, sub]) => [key, strip(sub)]),
    );
  };
  return JSON.stringify(strip(value));
}

function loadCandidates(): Candidate[] {
  candidates ??= listEvents().flatMap((entry) =>
    [undefined, ...entry.versions].map((version) => {
      const {
        $id: _id,
        $schema: _schema,
        ...schema
      } = getSchema(entry.name, version === undefined ? {} : { version });
      return {
        name: entry.name,
        version,
        key: toSchemaKey(entry.name, version),
        consts: topLevelConsts(schema),
        required: (schema.required ?? []) as string[],
        schema,
        properties: new Set(Object.keys((schema.properties ?? {}) as object)),
        patterns: Object.keys((schema.patternProperties ?? {}) as object).map(
          (pattern) => new RegExp(pattern, 'u'),
        ),
        formats: entry.formats,
        webhook: entry.webhook,
        twin: toTwinId(schema),
      };
    }),
  );
  return candidates;
}

function validatorOf(candidate: Candidate, closed: boolean): ValidateFunction {
  const cache = closed ? closedValidators : openValidators;
  let validate = cache.get(candidate.key);
  if (validate === undefined) {
    validate = ajv().compile(
      (closed ? closeSchema(candidate.schema) : candidate.schema) as Record<string, unknown>,
    );
    cache.set(candidate.key, validate);
  }
  return validate;
}

function formatErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).slice(0, 5).map((error) => {
    const allowed = (error.params as { allowedValue?: unknown }).allowedValue;
    const detail = error.keyword === 'const' ? ` ${JSON.stringify(allowed)}` : '';
    return `${error.instancePath || '/'} ${error.message ?? 'is invalid'}${detail}`;
  });
}

/** 2 when the request used the event's default transport, 1 another it allows, -1 one it never uses, 0 unknown. */
function scoreTransport(candidate: Candidate, transport: TransportFormat | undefined): number {
  if (transport === undefined) return 0;
  if (candidate.formats[0] === transport) return 2;
  return candidate.formats.includes(transport) ? 1 : -1;
}

function isKnown(candidate: Candidate, key: string): boolean {
  return candidate.properties.has(key) || candidate.patterns.some((pattern) => pattern.test(key));
}

function score(candidate: Candidate, record: Record<string, unknown>, hints: IdentifyHints): Scored {
  let matched = 0;
  let mismatched = 0;
  for (const [key, value] of candidate.consts) {
    if (record[key] === value) matched += 1;
    else if (key in record) mismatched += 1;
  }
  const extras = Object.keys(record).filter((key) => !isKnown(candidate, key));
  return {
    candidate,
    matched,
    mismatched,
    missing: candidate.required.filter((key) => !(key in record)).length,
    known: Object.keys(record).length - extras.length,
    extras,
    transport: scoreTransport(candidate, toTransport(hints)),
    pathHits: countPathHints(hints.path, candidate.webhook),
  };
}

/** Whether every discriminator of the candidate holds (no discriminator at all counts as holding). */
function holds(scored: Scored): boolean {
  return scored.matched === scored.candidate.consts.length;
}

function check(scored: Scored, fit: Fit, errors: readonly string[] = [], newValues: string[] = []): Checked {
  return { ...scored, fit, errors, newValues };
}

/** How far the payload's keys are from the candidate's: required keys it lacks plus keys the candidate does not know. */
function distance(entry: Scored): number {
  return entry.missing + entry.extras.length;
}

/**
 * The values the catalog does not know (`status "paused"`), when they are all that fails: every error a `const` or
 * `enum` one. A payload failing only so is the candidate's wire shape with a value Vonage added since.
 */
function toNewValues(errors: readonly ErrorObject[], record: Record<string, unknown>): string[] {
  if (errors.length === 0 || errors.some((error) => !['const', 'enum'].includes(error.keyword))) return [];
  const values = errors.map((error) => {
    const steps = error.instancePath.split('/').slice(1);
    const value = steps.reduce<unknown>(
      (node, step) =>
        node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[step] : node,
      record,
    );
    return `${steps.join('.')} ${JSON.stringify(value)}`;
  });
  return [...new Set(values)];
}

/** Specificity first (more discriminators, more required fields), then the request's own evidence. */
function compareMatches(a: Scored, b: Scored): number {
  return (
    b.matched - a.matched ||
    b.transport - a.transport ||
    b.pathHits - a.pathHits ||
    b.candidate.required.length - a.candidate.required.length
  );
}

/** How many of the payload's fields the candidate requires: a tampered completed event explains more than an answer. */
function explained(entry: Scored): number {
  return entry.candidate.required.length - entry.missing;
}

/**
 * Which broken candidates to validate: those whose keys are nearest the payload's (a Messages status with a new status
 * value keeps every status key, while an inbound message lacks `message_type` and `text`), then those carrying most
 * discriminators and knowing most of the payload.
 */
function comparePromise(a: Scored, b: Scored): number {
  return (
    distance(a) - distance(b) ||
    b.matched - a.matched ||
    a.mismatched - b.mismatched ||
    b.known - a.known ||
    explained(b) - explained(a)
  );
}

/** For a broken payload: the candidate whose keys are nearest, then the one that explains most of it. */
function compareClosest(a: Checked, b: Checked): number {
  return (
    distance(a) - distance(b) ||
    b.matched - a.matched ||
    a.mismatched - b.mismatched ||
    b.known - a.known ||
    a.missing - b.missing ||
    a.errors.length - b.errors.length ||
    explained(b) - explained(a) ||
    b.transport - a.transport ||
    b.pathHits - a.pathHits
  );
}

/** `closest is voice.event.completed (status completed) but it fails its schema: /duration must be string`. */
function describeClosest(entry: Checked): string {
  if (entry.newValues.length > 0) {
    const one = entry.newValues.length === 1;
    return `closest is ${entry.candidate.key}, but ${entry.newValues.join(' and ')} ${one ? 'is not one' : 'are not ones'} the catalog knows`;
  }
  const consts = entry.candidate.consts.map(([key, value]) => `${key} ${String(value)}`).join(', ');
  const discriminators = consts !== '' && holds(entry) ? ` (${consts})` : '';
  return `closest is ${entry.candidate.key}${discriminators} but it fails its schema: ${entry.errors[0] ?? ''}`;
}

function describeTransport(best: Scored, hints: IdentifyHints): string {
  const transport = toTransport(hints);
  if (transport === undefined || best.transport === 2) return '';
  const usual = transportNames[best.candidate.formats[0] ?? 'json'];
  return best.transport === 1
    ? `; sent as ${transportNames[transport]}, which Vonage uses when so configured (its default is ${usual})`
    : `; but Vonage never sends it as ${transportNames[transport]} (it sends ${usual})`;
}

/** Why the best of two equal-looking shapes was chosen, or that nothing chose it. */
function describeTie(best: Scored, runner: Scored, hints: IdentifyHints): string {
  const pair = `could be ${best.candidate.key} or ${runner.candidate.key}: same fields`;
  if (best.transport > runner.transport) {
    const transport = transportNames[toTransport(hints) ?? 'json'];
    const usual = best.transport === 2 ? ', which Vonage sends it as by default' : '';
    return `${pair}; a ${transport} suggests ${best.candidate.key}${usual}`;
  }
  if (best.pathHits > runner.pathHits) {
    return `${pair}; the path ${hints.path} suggests ${best.candidate.key}`;
  }
  return `${pair}; neither the method nor the path tells them apart`;
}

function toResult(
  best: Checked,
  others: readonly Checked[],
  confidence: IdentificationConfidence,
  reason: string,
): Conclusion {
  const { name, version, key } = best.candidate;
  return {
    shape: { name, version, key },
    valid: best.fit !== 'invalid',
    exact: best.fit === 'exact',
    errors: best.errors,
    alsoMatches: others.map((other) => other.candidate.key),
    confidence,
    reason,
  };
}

/** Names the best of the shapes the payload matches (all exactly, or all under the open schema). */
function pickMatch(matches: readonly Checked[], hints: IdentifyHints, rival?: Checked): Conclusion {
  const [best, ...rest] = [...matches].sort(compareMatches) as [Checked, ...Checked[]];
  const twins = rest.filter((other) => other.candidate.twin === best.candidate.twin);
  const runner = rest.find((other) => other.candidate.twin !== best.candidate.twin);
  const key = best.candidate.key;
  const transport = describeTransport(best, hints);
  const twinNote =
    twins.length > 0 ? ` (${twins.map((t) => t.candidate.key).join(', ')}: the same wire shape)` : '';
  const lead =
    best.fit === 'exact'
      ? `matches ${key} exactly${twinNote}`
      : `valid as ${key}${twinNote}, with fields its schema does not list: ${best.extras.slice(0, 5).join(', ')}`;
  if (rival !== undefined) {
    return toResult(
      best,
      rest,
      'unsure',
      `${lead}; ${rival.candidate.key} knows more of its fields but fails: ${rival.errors[0] ?? ''}`,
    );
  }
  if (runner !== undefined && best.matched > runner.matched) {
    const fewer = `${runner.candidate.key} also accepts it but has fewer discriminators`;
    return toResult(best, rest, 'likely', `${lead}${transport}; ${fewer}`);
  }
  if (runner !== undefined && (best.transport !== runner.transport || best.pathHits !== runner.pathHits)) {
    return toResult(best, rest, 'likely', describeTie(best, runner, hints));
  }
  // The same webhook either way: the variant is one the payload does not show, so the catalog's first is named.
  if (runner !== undefined && best.candidate.webhook !== runner.candidate.webhook) {
    return toResult(best, rest, 'unsure', describeTie(best, runner, hints));
  }
  const sameKind = runner === undefined ? '' : `; ${runner.candidate.key} has the same fields`;
  const pathAgainst = hints.path !== undefined && best.pathHits === 0 && countAnyHint(hints.path);
  const pathNote = pathAgainst ? `; the path ${hints.path} hints another webhook` : '';
  const clean =
    best.fit === 'exact' &&
    twins.length === 0 &&
    runner === undefined &&
    best.transport % 2 === 0 &&
    !pathAgainst;
  return toResult(best, rest, clean ? 'certain' : 'likely', `${lead}${transport}${sameKind}${pathNote}`);
}

function notIdentified(error: string): Conclusion {
  return {
    shape: undefined,
    valid: false,
    exact: false,
    errors: [error],
    alsoMatches: [],
    confidence: 'unsure',
    reason: error,
  };
}

/** Validates the closest few broken candidates: those carrying a discriminator, or matching with fields missing. */
function checkClosest(
  scored: readonly Scored[],
  record: Record<string, unknown>,
  valid: ReadonlySet<Candidate>,
): Checked[] {
  const size = Object.keys(record).length;
  return scored
    .filter((entry) => {
      if (valid.has(entry.candidate)) return false;
      if (holds(entry)) return entry.matched > 0 || entry.missing === 0;
      // A discriminator absent or with another value: only when the rest of the payload fits.
      return entry.known * 2 > size && entry.missing * 2 <= entry.candidate.required.length;
    })
    .sort(comparePromise)
    .slice(0, 8)
    .map((entry) => {
      const validate = validatorOf(entry.candidate, false);
      validate(record);
      const errors = validate.errors ?? [];
      return check(entry, 'invalid', formatErrors(errors), toNewValues(errors, record));
    })
    .sort(compareClosest);
}

/** Names a payload no shape accepts: the closest, with its errors. */
function pickClosest(closest: readonly Checked[]): Conclusion {
  const [best] = closest;
  // A candidate that shares no discriminator and misses required keys is no identification.
  if (best === undefined || (best.candidate.consts.length === 0 && best.missing > 0)) {
    return notIdentified('no event in the catalog has these fields');
  }
  // The same wire shape under another name (an SMS and a short code receipt) is no rival: the reason names it.
  const twins = closest.filter((entry) => entry !== best && entry.candidate.twin === best.candidate.twin);
  const runner = closest.find((entry) => entry.candidate.twin !== best.candidate.twin);
  const twinNote =
    twins.length > 0 ? ` (${twins.map((t) => t.candidate.key).join(', ')}: the same wire shape)` : '';
  const ahead = runner === undefined || compareClosest(best, runner) < 0;
  const tie = ahead || runner === undefined ? '' : `; ${runner.candidate.key} is as near`;
  const reason = `${describeClosest(best)}${twinNote}${tie}`;
  // Likely: its discriminators hold, at most one required field is missing, and it explains more than the next; or
  // only values are new, at least one discriminator holds (the channel of a status) and no other shape is as near.
  const confident =
    (holds(best) && best.matched > 0 && best.missing <= 1 && ahead) ||
    (best.newValues.length > 0 && best.matched > 0 && ahead);
  return toResult(best, [], confident ? 'likely' : 'unsure', reason);
}

/**
 * Names the event a webhook payload is, and validates it against the catalog's schema. The evidence, strongest first:
 * the schema (a closed exact match over one valid only with extra fields), the discriminators (status, type,
 * channel...), the transport (each event's formats: `voice.answer.*` come as GET by default, call events as POST JSON)
 * and, to break ties only, the path. A payload carrying the discriminator and fields of a specific event but failing
 * its schema is named as that event, invalid, rather than as a looser event it happens to satisfy: a tampered
 * `voice.event.completed` holds the answer webhook's four fields. Candidates are narrowed before any schema is
 * compiled, and compiled validators are cached.
 *
 * @example
 * ```ts
 * import { generate, identifyEvent } from 'vonage-webhook-simulator';
 * identifyEvent(generate('sms.delivery_receipt.expired')).shape?.name; // 'sms.delivery_receipt.expired'
 * identifyEvent(generate('voice.answer.sip'), { method: 'GET', path: '/webhooks/answer' }).confidence; // 'certain'
 * ```
 */
export function identifyEvent(payload: unknown, hints: IdentifyHints = {}): Identification {
  const conclusion = identify(payload, hints);
  return { ...conclusion, event: toIdentifiedEvent(conclusion, payload) };
}

function identify(payload: unknown, hints: IdentifyHints): Conclusion {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return notIdentified('the payload is not a JSON object');
  }
  const record = payload as Record<string, unknown>;
  const scored = loadCandidates().map((candidate) => score(candidate, record, hints));
  const viable = scored.filter((entry) => holds(entry) && entry.missing === 0);
  const exact = viable.filter((entry) => validatorOf(entry.candidate, true)(record));
  if (exact.length > 0)
    return pickMatch(
      exact.map((entry) => check(entry, 'exact')),
      hints,
    );
  const open = viable
    .filter((entry) => validatorOf(entry.candidate, false)(record))
    .map((entry) => check(entry, 'open'));
  const closest = checkClosest(scored, record, new Set(open.map((entry) => entry.candidate)));
  if (open.length === 0) return pickClosest(closest);
  const loosest = [...open].sort(compareMatches)[0] as Checked;
  // Broken candidates that know the fields the open match calls extra, with at least as many discriminators.
  const rivals = closest.filter((entry) => entry.known > loosest.known && entry.matched >= loosest.matched);
  // The one carrying more discriminators (status completed) wins; any other only when one field is off.
  const carrier = rivals.find((entry) => holds(entry) && entry.matched > loosest.matched);
  const rival = carrier ?? rivals.find((entry) => entry.missing + entry.mismatched <= 1);
  if (rival !== undefined) {
    const carries = rival === carrier;
    const looser = `${loosest.candidate.key} accepts it only with ${loosest.extras.length} fields it does not list`;
    return toResult(rival, [], carries ? 'likely' : 'unsure', `${describeClosest(rival)}; ${looser}`);
  }
  return pickMatch(open, hints, rivals[0]);
}
