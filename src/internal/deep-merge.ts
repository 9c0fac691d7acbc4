function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Deep-merges `overrides` into a copy of `base`: plain objects merge key by key, arrays and every
 * other value replace, and a key explicitly set to `undefined` is removed (so a test can drop a
 * field Vonage normally sends). Neither input is modified.
 */
export function deepMerge<T>(base: T, overrides: unknown): T {
  if (overrides === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(overrides)) return overrides as T;
  const result: Record<string, unknown> = { ...base };
  for (const key of Object.keys(overrides)) {
    const value = overrides[key];
    if (value === undefined) {
      delete result[key];
    } else {
      result[key] = deepMerge(result[key], value);
    }
  }
  return result as T;
}
