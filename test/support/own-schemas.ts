import { Ajv, type ValidateFunction } from 'ajv';
import { type EventName, getSchema, toSchemaKey } from 'vonage-webhook-simulator';

type Schema = Record<string, unknown>;

/**
 * Closes every object schema that lists `properties` (adds `additionalProperties: false`), so a
 * generator that invents a field fails the fidelity test while the shipped schemas stay open for
 * real payloads.
 */
export function closeSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const result: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && value !== null && typeof value === 'object') {
      result[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, closeSchema(sub)]));
    } else {
      result[key] = closeSchema(value);
    }
  }
  if ('properties' in result && !('additionalProperties' in result)) result.additionalProperties = false;
  return result;
}

const ajv = new Ajv({ strict: true, allErrors: true });
const open = new Map<string, ValidateFunction>();
const closed = new Map<string, ValidateFunction>();

/** The validator of an event's shipped (open) schema. */
export function ownValidator(name: EventName, version?: string): ValidateFunction {
  const key = toSchemaKey(name, version);
  let validate = open.get(key);
  if (validate === undefined) {
    const { $id: _id, ...schema } = getSchema(name, version === undefined ? {} : { version });
    validate = ajv.compile(schema);
    open.set(key, validate);
  }
  return validate;
}

/** The validator of an event's schema with every object closed. */
export function closedValidator(name: EventName, version?: string): ValidateFunction {
  const key = toSchemaKey(name, version);
  let validate = closed.get(key);
  if (validate === undefined) {
    const { $id: _id, ...schema } = getSchema(name, version === undefined ? {} : { version });
    validate = ajv.compile(closeSchema(schema) as Schema);
    closed.set(key, validate);
  }
  return validate;
}
