import { Ajv, type ValidateFunction } from 'ajv';
import { type EventName, getSchema } from 'vonage-webhook-simulator';
import { toSchemaKey } from 'vonage-webhook-simulator/advanced';
import { closeSchema } from '../../src/fixtures/shared/close-schema.js';

type Schema = Record<string, unknown>;

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
