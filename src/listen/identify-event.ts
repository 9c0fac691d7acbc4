import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { listEvents } from '../fixtures/catalog.js';
import type { EventName } from '../fixtures/events.js';
import { closeSchema } from '../fixtures/shared/close-schema.js';
import { getSchema, toSchemaKey } from '../schemas/index.js';

/** A webhook shape the identifier knows: an event and, for another wire shape, its version. */
export interface EventShape {
  readonly name: EventName;
  readonly version: string | undefined;
  readonly key: string;
}

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
  /** Other shapes the payload also validates against (identical wire formats, e.g. SMS and short codes). */
  readonly alsoMatches: readonly string[];
}

interface Candidate extends EventShape {
  readonly consts: ReadonlyArray<readonly [string, unknown]>;
  readonly required: readonly string[];
  readonly schema: Record<string, unknown>;
}

let candidates: Candidate[] | undefined;
const ajv = new Ajv({ strict: false, allErrors: true });
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
      };
    }),
  );
  return candidates;
}

function validatorOf(candidate: Candidate, closed: boolean): ValidateFunction {
  const cache = closed ? closedValidators : openValidators;
  let validate = cache.get(candidate.key);
  if (validate === undefined) {
    validate = ajv.compile(
      (closed ? closeSchema(candidate.schema) : candidate.schema) as Record<string, unknown>,
    );
    cache.set(candidate.key, validate);
  }
  return validate;
}

function formatErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? [])
    .slice(0, 5)
    .map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
}

/**
 * Names the event a webhook payload is, and validates it against the catalog's schema. Candidates
 * are narrowed by the schemas' constant discriminators (status, type, channel...) and required keys
 * before any schema is compiled, so only a few schemas are ever compiled per payload shape.
 *
 * @example
 * ```ts
 * import { generate, identifyEvent } from 'vonage-webhook-simulator';
 * identifyEvent(generate('sms.delivery_receipt.expired')).shape?.name; // 'sms.delivery_receipt.expired'
 * ```
 */
export function identifyEvent(payload: unknown): Identification {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return {
      shape: undefined,
      valid: false,
      exact: false,
      errors: ['the payload is not a JSON object'],
      alsoMatches: [],
    };
  }
  const record = payload as Record<string, unknown>;
  const scored = loadCandidates()
    .filter((candidate) => candidate.consts.every(([key, value]) => record[key] === value))
    .map((candidate) => ({
      candidate,
      missing: candidate.required.filter((key) => !(key in record)).length,
    }))
    .sort((a, b) => a.missing - b.missing || b.candidate.consts.length - a.candidate.consts.length);
  // Closed matches first: an answer webhook's four fields are inside every call event, so an
  // open schema alone cannot tell them apart.
  const viable = scored.filter(({ missing }) => missing === 0).map(({ candidate }) => candidate);
  for (const closed of [true, false]) {
    const [first, ...rest] = viable.filter((candidate) => validatorOf(candidate, closed)(record));
    if (first !== undefined) {
      return {
        shape: { name: first.name, version: first.version, key: first.key },
        valid: true,
        exact: closed,
        errors: [],
        alsoMatches: rest.map((candidate) => candidate.key),
      };
    }
  }
  const best = scored[0]?.candidate;
  // A candidate that shares no discriminator and misses required keys is no identification.
  if (best === undefined || (best.consts.length === 0 && (scored[0]?.missing ?? 0) > 0)) {
    return {
      shape: undefined,
      valid: false,
      exact: false,
      errors: ['no event in the catalog has these fields'],
      alsoMatches: [],
    };
  }
  const validate = validatorOf(best, false);
  validate(record);
  return {
    shape: { name: best.name, version: best.version, key: best.key },
    valid: false,
    exact: false,
    errors: formatErrors(validate.errors),
    alsoMatches: [],
  };
}
