// The payloads of the defensive checks of a contract (issue 12, docs/decisions/112): the documented
// payload with every optional field absent, and with a field the catalog does not know added.
import type { Ajv, ValidateFunction } from 'ajv';
import type { JsonSchema } from '../fixtures/shared/json-schema.js';
import { createAjv } from '../internal/load-ajv.js';

/** The top-level field the `delivers with an unknown field` check adds: no Vonage webhook has it. */
export const UNKNOWN_FIELD = 'vws_unknown_field';

/** The value of {@link UNKNOWN_FIELD}: a string, as most new Vonage fields are. */
export const UNKNOWN_FIELD_VALUE = 'added by vws contract: Vonage adds fields over time';

let ajvInstance: Ajv | undefined;
const ajv = (): Ajv =>
  (ajvInstance ??= createAjv({ strict: false, allErrors: false, validateFormats: false }));
const compiled = new WeakMap<object, ValidateFunction>();

/** Whether `value` matches `schema` (a sub-schema of an event's schema), compiled once per schema object. */
function matches(schema: JsonSchema, value: unknown): boolean {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    validate = ajv().compile(schema as Record<string, unknown>);
    compiled.set(schema, validate);
  }
  return validate(value) === true;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isSchema = (value: unknown): value is JsonSchema => isObject(value);

const schemaList = (value: unknown): JsonSchema[] => (Array.isArray(value) ? value.filter(isSchema) : []);

/**
 * The sub-schemas that apply to `value` besides `schema` itself: every `allOf` member, the first
 * `anyOf`/`oneOf` branch `value` matches, and the `then` (or `else`) of an `if`, each with its own.
 */
function applicable(schema: JsonSchema, value: unknown): JsonSchema[] {
  const found: JsonSchema[] = [schema];
  const branch = [...schemaList(schema.anyOf), ...schemaList(schema.oneOf)].find((each) =>
    matches(each, value),
  );
  const conditional = isSchema(schema.if)
    ? matches(schema.if, value)
      ? schema.then
      : schema.else
    : undefined;
  for (const each of [...schemaList(schema.allOf), branch, conditional]) {
    if (isSchema(each)) found.push(...applicable(each, value));
  }
  return found;
}

/** The names `schemas` require of an object, `dependencies` of the present keys included. */
function requiredOf(schemas: readonly JsonSchema[], value: Record<string, unknown>): Set<string> {
  const required = new Set<string>();
  for (const schema of schemas) {
    for (const name of Array.isArray(schema.required) ? schema.required : []) required.add(String(name));
    if (isObject(schema.dependencies)) {
      for (const [key, needs] of Object.entries(schema.dependencies)) {
        if (Object.hasOwn(value, key) && Array.isArray(needs))
          for (const name of needs) required.add(String(name));
      }
    }
  }
  return required;
}

/** The schemas among `found` as one (`allOf` when there are several), or none. */
function combined(found: readonly unknown[]): JsonSchema | undefined {
  const schemas = found.filter(isSchema);
  return schemas.length <= 1 ? schemas[0] : { allOf: schemas };
}

/**
 * `payload` with every property `schema` does not require removed, at every depth (objects inside
 * arrays too); required properties are kept, with their own optional properties removed. The
 * result is a new value; `payload` is not changed.
 *
 * @example
 * ```ts
 * withoutOptionalFields({ a: 1, b: { c: 2, d: 3 } }, {
 *   type: 'object', required: ['b'],
 *   properties: { a: {}, b: { type: 'object', required: ['c'], properties: { c: {}, d: {} } } },
 * }); // { b: { c: 2 } }
 * ```
 */
export function withoutOptionalFields(payload: unknown, schema: JsonSchema): unknown {
  const schemas = applicable(schema, payload);
  if (Array.isArray(payload)) {
    const items = combined(schemas.map((each) => each.items));
    return items === undefined ? payload : payload.map((item) => withoutOptionalFields(item, items));
  }
  if (!isObject(payload)) return payload;
  const required = requiredOf(schemas, payload);
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (!required.has(key)) continue;
    const property = combined(
      schemas.map((each) => (isObject(each.properties) ? each.properties[key] : undefined)),
    );
    result[key] = property === undefined ? value : withoutOptionalFields(value, property);
  }
  return result;
}

/**
 * `payload` with {@link UNKNOWN_FIELD} added at the top level, last, as a field Vonage added after the
 * catalog was written would be. Payloads that are not objects are returned as they are.
 */
export function withUnknownField(payload: unknown): unknown {
  return isObject(payload) ? { ...payload, [UNKNOWN_FIELD]: UNKNOWN_FIELD_VALUE } : payload;
}
