import type { JsonSchema } from '../../fixtures/shared/json-schema.js';

// JSON Schema keywords the NCCO shapes and rules are written with, beyond the plain types.

/** `required`, with the keys declared beside it (Ajv's strictRequired wants them defined). */
export function present(...keys: readonly string[]): JsonSchema {
  return { properties: Object.fromEntries(keys.map((key) => [key, true])), required: keys };
}

/** JSON Schema `if`/`then`: `then` applies where `condition` holds. */
export function ifThen(condition: JsonSchema, consequence: JsonSchema): JsonSchema {
  // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword; the object is never awaited.
  return { if: condition, then: consequence };
}

/** One `if`/`then` per value of the discriminating `key` (`action`, endpoint `type`). */
export function byDiscriminator(key: string, schemas: Readonly<Record<string, JsonSchema>>): JsonSchema[] {
  return Object.entries(schemas).map(([value, schema]) =>
    ifThen({ properties: { [key]: { const: value } }, required: [key] }, schema),
  );
}
