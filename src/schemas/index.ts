import { VwsError } from '../errors.js';
import { getEvent, resolveEventName } from '../fixtures/catalog.js';
import { dispatchSchemas, dispatchVersionSchemas } from '../fixtures/dispatch/schema.js';
import type { EventName } from '../fixtures/events.js';
import { messagesSchemas } from '../fixtures/messages/schema.js';
import { messagesV01Schemas } from '../fixtures/messages/v0-1-schema.js';
import { numberInsightSchemas } from '../fixtures/number-insight/schema.js';
import { rtcSchemas } from '../fixtures/rtc/schema.js';
import type { JsonSchema } from '../fixtures/shared/json-schema.js';
import { shortCodeSchemas } from '../fixtures/short-codes/schema.js';
import { smsSchemas } from '../fixtures/sms/schema.js';
import { verifySchemas } from '../fixtures/verify/schema.js';
import { voiceSchemas, voiceVersionSchemas } from '../fixtures/voice/schema.js';

const schemas: Record<EventName, JsonSchema> = {
  ...smsSchemas,
  ...shortCodeSchemas,
  ...voiceSchemas,
  ...numberInsightSchemas,
  ...messagesSchemas,
  ...dispatchSchemas,
  ...rtcSchemas,
  ...verifySchemas,
};

// Schemas of the other wire shapes (`versions` in the catalog), keyed `<event>@<version>`.
const versionSchemas: Record<string, JsonSchema> = {
  ...voiceVersionSchemas,
  ...messagesV01Schemas,
  ...dispatchVersionSchemas,
};

/** The key of an event's schema: its name, or `<name>@<version>` for another wire shape. */
export function toSchemaKey(name: EventName, version?: string): string {
  return version === undefined ? name : `${name}@${version}`;
}

/** The `$id` of an event's schema; its file name under `schemas/` in the package is `<key>.schema.json`. */
export function toSchemaId(name: EventName, version?: string): string {
  return `https://vonage-webhook-simulator.local/schemas/${toSchemaKey(name, version)}.schema.json`;
}

/**
 * The JSON Schema (draft-07) of an event's payload, as shipped in `schemas/<event>.schema.json`.
 * A family name gives its default variant's schema.
 *
 * @example
 * ```ts
 * import { getSchema } from 'vonage-webhook-simulator';
 * const schema = getSchema('sms.delivery_receipt.failed');
 * ```
 */
export function getSchema(name: string, options: { version?: string } = {}): JsonSchema {
  const canonical = resolveEventName(name);
  const entry = getEvent(canonical);
  const version = options.version === entry.defaultVersion ? undefined : options.version;
  const key = toSchemaKey(canonical, version);
  const schema = version === undefined ? schemas[canonical] : versionSchemas[key];
  if (schema === undefined) {
    const choices =
      entry.versions.length > 0
        ? `use one of ${entry.versions.map((v) => `"${v}"`).join(', ')}`
        : 'this event has one shape only';
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Unknown version "${String(version)}" for event "${canonical}": ${choices}.`,
    );
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: toSchemaId(canonical, version),
    title: key,
    ...schema,
  };
}

export type { JsonSchema } from '../fixtures/shared/json-schema.js';
