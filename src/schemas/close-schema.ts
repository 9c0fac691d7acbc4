type Schema = Record<string, unknown>;

/**
 * Closes every object schema that lists `properties` (adds `additionalProperties: false`). The
 * shipped schemas stay open for real traffic; closed copies catch invented fields in the fidelity
 * test and tell look-alike payloads apart when `vws listen` names an event.
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
