import type { JsonSchema } from '../../fixtures/shared/json-schema.js';
import { findClosest } from '../../internal/closest.js';
import { ownValue } from '../../internal/own-value.js';
import { type Context, fail, warn } from './issues.js';
import { child, has, type JsonObject } from './json-value.js';

// The NCCO rules as data (decisions 060-064): every action and every nested object is a `Shape`,
// written once in `actions/`, and both readings come from it: `checkShape` walks a value with the
// fields' checks (validateNcco), `toShapeSchema` lists the same fields' schemas (nccoSchema). A key
// exists for one exactly when it exists for the other.

/** One key of a shape: what its value must be, how to check it, and the same rule as JSON Schema. */
export interface Field {
  /** What the value must be; completes "<key> must be …" and "<key> is required: …". */
  readonly expect: string;
  readonly check: (value: unknown, path: string, key: string, ctx: Context) => void;
  /** The JSON Schema of the value, as `nccoSchema` ships it. */
  readonly schema: JsonSchema;
}

/**
 * A rule across the keys of one object (`channels` needs `split`, not `mute` with `canSpeak`),
 * checked after its keys. `schema` is the same rule in JSON Schema where JSON Schema can say it
 * (decision 060 lists what it cannot); its keywords join the object's schema.
 */
export interface Rule {
  readonly check: (value: JsonObject, path: string, ctx: Context) => void;
  readonly schema?: JsonSchema;
}

/** The keys of an NCCO action or nested object. */
export interface Shape {
  /** The schema's `description` of the object (actions have one, nested objects none). */
  readonly description?: string;
  readonly fields: Readonly<Record<string, Field>>;
  readonly required?: readonly string[];
  /** Keys of older NCCO shapes or other spellings: accepted with a warning saying what to use. */
  readonly legacy?: Readonly<Record<string, string>>;
  readonly rules?: readonly Rule[];
}

/**
 * Checks `value` against `shape`: required keys, each key's field, legacy and unknown keys, then the
 * shape's rules. `discriminator` (`action`, endpoint `type`) is a key its caller has checked.
 */
export function checkShape(
  value: JsonObject,
  path: string,
  shape: Shape,
  ctx: Context,
  discriminator?: string,
): void {
  for (const key of shape.required ?? []) {
    if (!has(value, key))
      fail(ctx, child(path, key), `${key} is required: ${shape.fields[key]?.expect ?? ''}`);
  }
  const known = Object.keys(shape.fields);
  for (const [key, entry] of Object.entries(value)) {
    // The discriminator (`action`, endpoint `type`) is checked elsewhere and is no useful suggestion:
    // no shape lists it as a field, so it is skipped here and never offered as a known key.
    if (entry === undefined || key === discriminator) continue;
    // Own-property lookups: a key named `constructor` or `toString` is unknown, not Object's method.
    const field = ownValue(shape.fields, key);
    if (field !== undefined) {
      field.check(entry, child(path, key), key, ctx);
      continue;
    }
    const legacy = shape.legacy === undefined ? undefined : ownValue(shape.legacy, key);
    if (legacy !== undefined) {
      warn(ctx, child(path, key), `${key} ${legacy}`);
      continue;
    }
    // Vonage ignores keys it does not know (decision 061), so a typo silently does nothing: say so.
    const closest = findClosest(key, known, 1)[0];
    const hint = closest === undefined ? `known keys: ${known.join(', ')}` : `did you mean "${closest}"?`;
    warn(ctx, child(path, key), `${key} is not an option here and Vonage ignores it; ${hint}`);
  }
  for (const rule of shape.rules ?? []) rule.check(value, path, ctx);
}

/**
 * The JSON Schema of `shape`: an open object (decision 004; Vonage ignores unknown keys, decision 061)
 * with the required keys first, then the others, then the keywords of its rules.
 */
export function toShapeSchema(shape: Shape): JsonSchema {
  const required = shape.required ?? [];
  const keys = [...required, ...Object.keys(shape.fields).filter((key) => !required.includes(key))];
  const properties = Object.fromEntries(keys.map((key) => [key, shape.fields[key]?.schema ?? {}]));
  const schema: Record<string, unknown> = {
    type: 'object',
    ...(shape.description === undefined ? {} : { description: shape.description }),
    properties,
    required: [...required],
  };
  for (const rule of shape.rules ?? []) Object.assign(schema, rule.schema);
  return schema;
}

/** {@link toShapeSchema} of each shape of a discriminated family (actions, endpoint types). */
export function toShapeSchemas(shapes: Readonly<Record<string, Shape>>): Record<string, JsonSchema> {
  return Object.fromEntries(Object.entries(shapes).map(([name, shape]) => [name, toShapeSchema(shape)]));
}
