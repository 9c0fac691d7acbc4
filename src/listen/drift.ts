// Drift (issue 12, decision 112): what a received payload has that the catalog does not know, as
// data a fixture form or a schema change can be made from. The payload is checked against the
// identified event's schema closed (`additionalProperties: false` on every object that lists its
// properties), so a field Vonage added shows up as an unknown field.
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { closeSchema } from '../fixtures/shared/close-schema.js';
import { createAjv } from '../internal/load-ajv.js';
import { getSchema } from '../schemas/index.js';

/** What kind of difference a drift item is. */
export type DriftKind = 'unknown-field' | 'new-enum-value' | 'type' | 'format' | 'missing-field';

/**
 * One difference between a received payload and its event's schema. `seen` never holds personal
 * data: the type of an unknown field or of a value of another type, the value of a new enum value
 * only when it is a short token (`read`, `submitted_v2`), the shape of a value that misses its
 * pattern (digits as `9`, letters as `a`/`A`: `9999-99-99T99:99:99Z`).
 */
export interface DriftItem {
  /** Where, as `$.field`, `$.list[0].field`. */
  readonly path: string;
  readonly kind: DriftKind;
  /** What the schema expects: `absent` (unknown field), the allowed values, the type, the pattern, `present`. */
  readonly expected: string | readonly unknown[];
  readonly seen: string;
}

/** The drift of one payload, and the key paths of its unknown fields (for redaction). */
export interface DriftReport {
  readonly items: readonly DriftItem[];
  readonly unknownFields: readonly (readonly string[])[];
}

let ajvInstance: Ajv | undefined;
const ajv = (): Ajv => (ajvInstance ??= createAjv({ strict: false, allErrors: true }));
const validators = new Map<string, ValidateFunction>();

function validatorFor(name: string, version: string | undefined): ValidateFunction {
  const key = `${name}@${version ?? ''}`;
  let validate = validators.get(key);
  if (validate === undefined) {
    const {
      $id: _id,
      $schema: _schema,
      ...schema
    } = getSchema(name, version === undefined ? {} : { version });
    validate = ajv().compile(closeSchema(schema) as Record<string, unknown>);
    validators.set(key, validate);
  }
  return validate;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** A value's shape without its content: digits `9`, letters `a` / `A`, the rest kept; at most 40 characters. */
function shapeOf(value: unknown): string {
  if (typeof value !== 'string') return typeOf(value);
  const shape = value.replace(/[0-9]/g, '9').replace(/[a-z]/g, 'a').replace(/[A-Z]/g, 'A');
  return shape.length > 40 ? `${shape.slice(0, 40)}… (${value.length} chars)` : shape;
}

function tokenOrType(value: unknown): string {
  return typeof value === 'string' && /^[A-Za-z_][A-Za-z0-9_.:-]{0,39}$/.test(value)
    ? value
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : typeOf(value);
}

/** The keys of a JSON pointer (`/a/0/b`), unescaped. */
function keysOf(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** `$.a[0].b`, reading array indices as such by walking the payload. */
function toPath(payload: unknown, keys: readonly string[]): string {
  let path = '$';
  let value = payload;
  for (const key of keys) {
    if (Array.isArray(value) && /^\d+$/.test(key)) path += `[${key}]`;
    else path += /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
    value =
      value !== null && typeof value === 'object' && Object.hasOwn(value, key)
        ? (value as Record<string, unknown>)[key]
        : undefined;
  }
  return path;
}

function valueAt(payload: unknown, keys: readonly string[]): unknown {
  let value = payload;
  for (const key of keys) {
    value =
      value !== null && typeof value === 'object' && Object.hasOwn(value, key)
        ? (value as Record<string, unknown>)[key]
        : undefined;
  }
  return value;
}

function toItem(payload: unknown, error: ErrorObject): { item: DriftItem; unknown?: string[] } | undefined {
  const keys = keysOf(error.instancePath);
  const value = valueAt(payload, keys);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = [...keys, String(params.additionalProperty)];
      return {
        item: {
          path: toPath(payload, field),
          kind: 'unknown-field',
          expected: 'absent',
          seen: typeOf(valueAt(payload, field)),
        },
        unknown: field,
      };
    }
    case 'enum':
    case 'const': {
      const allowed = error.keyword === 'enum' ? (params.allowedValues as unknown[]) : [params.allowedValue];
      return {
        item: {
          path: toPath(payload, keys),
          kind: 'new-enum-value',
          expected: allowed,
          seen: tokenOrType(value),
        },
      };
    }
    case 'type':
      return {
        item: {
          path: toPath(payload, keys),
          kind: 'type',
          expected: String(params.type),
          seen: typeOf(value),
        },
      };
    case 'pattern':
    case 'format':
      return {
        item: {
          path: toPath(payload, keys),
          kind: 'format',
          expected: String(params.pattern ?? params.format),
          seen: shapeOf(value),
        },
      };
    case 'required': {
      const field = [...keys, String(params.missingProperty)];
      return {
        item: { path: toPath(payload, field), kind: 'missing-field', expected: 'present', seen: 'absent' },
      };
    }
    default:
      return undefined;
  }
}

/**
 * What a payload has that its event's schema (closed) does not know: unknown fields, new enum
 * values, other types, values outside a pattern, missing required fields. Empty for a payload that
 * matches, or when no event was identified.
 *
 * @example
 * ```ts
 * findDrift({ ...generate('sms.inbound.text'), channel_fields: 'x' }, 'sms.inbound.text').items;
 * // [{ path: '$.channel_fields', kind: 'unknown-field', expected: 'absent', seen: 'string' }]
 * ```
 */
export function findDrift(payload: unknown, name: string | undefined, version?: string): DriftReport {
  if (name === undefined || payload === null || typeof payload !== 'object')
    return { items: [], unknownFields: [] };
  const validate = validatorFor(name, version);
  if (validate(payload)) return { items: [], unknownFields: [] };
  const items: DriftItem[] = [];
  const unknownFields: string[][] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const found = toItem(payload, error);
    if (found === undefined) continue;
    const key = `${found.item.kind} ${found.item.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    items.push(found.item);
    if (found.unknown !== undefined) unknownFields.push(found.unknown);
    if (items.length >= 50) break;
  }
  return { items, unknownFields };
}

/** One line of a drift item: `drift: sms.inbound.text: unknown field $.channel_fields (string)`. */
export function describeDrift(event: string, item: DriftItem): string {
  const expected = Array.isArray(item.expected) ? item.expected.map(String).join('|') : String(item.expected);
  switch (item.kind) {
    case 'unknown-field':
      return `drift: ${event}: unknown field ${item.path} (${item.seen})`;
    case 'new-enum-value':
      return `drift: ${event}: new value ${item.seen} at ${item.path} (known: ${expected})`;
    case 'type':
      return `drift: ${event}: ${item.path} is ${item.seen}, the catalog has ${expected}`;
    case 'format':
      return `drift: ${event}: ${item.path} looks like ${item.seen}, the catalog has ${expected}`;
    default:
      return `drift: ${event}: ${item.path} is absent, the catalog requires it`;
  }
}
