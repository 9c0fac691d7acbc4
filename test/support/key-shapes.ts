// The property names of a payload at every depth, as a tree, so that a payload type and its JSON
// Schema can be compared key by key (issue 10: "a check per event that the type's keys and the
// schema's properties agree").

/**
 * The keys of an object and, for each key, the shape of its value: another `KeyShape` when the value
 * is an object with named keys (or an array of such objects), `null` when it is not (a string, a
 * number, an open record, a schema without `properties`). A `null` is never compared.
 */
export interface KeyShape {
  readonly keys: ReadonlyMap<string, KeyShape | null>;
}

/** One shape holding the keys of both: a union's members, a schema's `anyOf` branches. */
export function mergeKeyShapes(first: KeyShape | null, second: KeyShape | null): KeyShape | null {
  if (first === null) return second;
  if (second === null) return first;
  const keys = new Map(first.keys);
  for (const [key, shape] of second.keys) keys.set(key, mergeKeyShapes(keys.get(key) ?? null, shape));
  return { keys };
}

type Schema = { readonly [keyword: string]: unknown };

function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The key shape of a JSON Schema: its `properties`, with the properties of every `allOf`, `anyOf` and
 * `oneOf` branch and of an array's `items` folded in; `null` when it names no property.
 */
export function toSchemaKeyShape(schema: unknown): KeyShape | null {
  if (!isSchema(schema)) return null;
  let shape: KeyShape | null = null;
  const { properties } = schema;
  if (isSchema(properties)) {
    const keys = new Map<string, KeyShape | null>();
    for (const [key, value] of Object.entries(properties)) keys.set(key, toSchemaKeyShape(value));
    shape = { keys };
  }
  for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
    const branches = schema[keyword];
    if (!Array.isArray(branches)) continue;
    for (const branch of branches) shape = mergeKeyShapes(shape, toSchemaKeyShape(branch));
  }
  return mergeKeyShapes(shape, toSchemaKeyShape(schema.items));
}

/**
 * Where two key shapes differ, one line per key: `to.invented: in the type, not in the schema`.
 * Nested objects are compared where both sides name their keys. Sorted, so a list of known
 * differences can be compared with `toEqual`.
 */
export function compareKeyShapes(type: KeyShape, schema: KeyShape, path = ''): string[] {
  const differences: string[] = [];
  for (const [key, typeChild] of type.keys) {
    if (!schema.keys.has(key)) {
      differences.push(`${path}${key}: in the type, not in the schema`);
      continue;
    }
    const schemaChild = schema.keys.get(key) ?? null;
    if (typeChild !== null && schemaChild !== null) {
      differences.push(...compareKeyShapes(typeChild, schemaChild, `${path}${key}.`));
    }
  }
  for (const key of schema.keys.keys()) {
    if (!type.keys.has(key)) differences.push(`${path}${key}: in the schema, not in the type`);
  }
  return differences.sort();
}
