import type { Ajv, ValidateFunction } from 'ajv';
import { resolveEventName } from '../fixtures/catalog.js';
import type { EventAlias, EventName, WebhookEventMap } from '../fixtures/events.js';
import { createAjv } from '../internal/load-ajv.js';
import { getSchema } from './index.js';

// Compiled on first use, one per canonical event: a receiver checks the same few events again and again.
let ajv: Ajv | undefined;
const validators = new Map<EventName, ValidateFunction>();

function validatorOf(name: EventName): ValidateFunction {
  let validate = validators.get(name);
  if (validate === undefined) {
    // Without `$id`, so that compiling never clashes with a schema another caller registered.
    const { $id: _id, $schema: _schema, ...schema } = getSchema(name);
    ajv ??= createAjv({ strict: false });
    validate = ajv.compile(schema);
    validators.set(name, validate);
  }
  return validate;
}

/**
 * Tells whether a received payload is the named event's payload, checking it against the event's
 * JSON Schema (the one {@link getSchema} returns; fields the schema does not list are allowed), and
 * narrows it to that event's type. A family name means its default variant.
 *
 * @example
 * ```ts
 * import { isEvent } from 'vonage-webhook-simulator';
 * const body: unknown = JSON.parse('{"status":"delivered"}');
 * if (isEvent('messages.status.delivered', body)) console.log(body.message_uuid);
 * ```
 */
export function isEvent<TName extends EventName | EventAlias>(
  name: TName,
  payload: unknown,
): payload is WebhookEventMap[TName] {
  return validatorOf(resolveEventName(name))(payload);
}
