/** A JSON Schema (draft-07) object, as the project's payload schemas are written. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** A string, optionally constrained. */
export function stringSchema(
  constraints: {
    pattern?: string;
    enum?: readonly string[];
    const?: string;
    format?: string;
    minLength?: number;
    maxLength?: number;
    description?: string;
  } = {},
): JsonSchema {
  return { type: 'string', ...constraints };
}

/** An integer, optionally constrained. */
export function integerSchema(
  constraints: {
    enum?: readonly number[];
    const?: number;
    minimum?: number;
    maximum?: number;
    description?: string;
  } = {},
): JsonSchema {
  return { type: 'integer', ...constraints };
}

/** A number, optionally constrained. */
export function numberSchema(
  constraints: { minimum?: number; maximum?: number; description?: string } = {},
): JsonSchema {
  return { type: 'number', ...constraints };
}

/** A boolean. */
export function booleanSchema(): JsonSchema {
  return { type: 'boolean' };
}

/** `schema` or JSON `null`. */
export function nullable(schema: JsonSchema): JsonSchema {
  return { anyOf: [schema, { type: 'null' }] };
}

/** An array of `items`. */
export function arraySchema(
  items: JsonSchema,
  constraints: { minItems?: number; maxItems?: number } = {},
): JsonSchema {
  return { type: 'array', items, ...constraints };
}

/**
 * An object with required and optional properties. Schemas stay open (no `additionalProperties:
 * false`) so that payloads from the real Vonage, which add fields over time, still validate; the
 * fidelity test closes them to catch fields the generators invent.
 */
export function objectSchema(
  required: Readonly<Record<string, JsonSchema>>,
  optional: Readonly<Record<string, JsonSchema>> = {},
  description?: string,
): JsonSchema {
  return {
    type: 'object',
    ...(description === undefined ? {} : { description }),
    properties: { ...required, ...optional },
    required: Object.keys(required),
  };
}

/** Patterns shared by several APIs. */
export const patterns = {
  /** E.164 without `+`. */
  msisdn: '^[1-9][0-9]{6,14}$',
  uuid: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
  conversationUuid: '^CON-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
  /** ISO-8601 UTC, milliseconds optional. */
  isoTimestamp: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{3})?Z$',
  /** ISO-8601 UTC with milliseconds. */
  isoMillis: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$',
  /** SMS API `message-timestamp`. */
  smsTimestamp: '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$',
  /** EUR amount as a decimal string. */
  decimal: '^[0-9]+(\\.[0-9]+)?$',
  /** MCC + MNC. */
  networkCode: '^[0-9]{5,6}$',
  digits: '^[0-9]+$',
} as const;
