import { findUnsafeOverride } from './unsafe-keys.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Thrown by {@link deepMerge} for overrides that name a prototype key or nest too deep. It carries
 * the code of `VwsError` (this room may not import `errors.ts`), so `isVwsError` and the CLI (exit 2)
 * treat it as one.
 */
export class UnsafeOverrideError extends Error {
  readonly code = 'VWS_ERR_INVALID_OVERRIDE';

  constructor(message: string) {
    super(message);
    this.name = 'UnsafeOverrideError';
  }
}

function merge(base: unknown, overrides: unknown): unknown {
  if (overrides === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(overrides)) return overrides;
  const result: Record<string, unknown> = { ...base };
  for (const key of Object.keys(overrides)) {
    const value = overrides[key];
    if (value === undefined) {
      delete result[key];
    } else {
      result[key] = merge(result[key], value);
    }
  }
  return result;
}

/**
 * Deep-merges `overrides` into a copy of `base`: plain objects merge key by key, arrays and every
 * other value replace, and a key explicitly set to `undefined` is removed (so a test can drop a
 * field Vonage normally sends). Neither input is modified. Overrides that name `__proto__`,
 * `constructor`, `prototype` or another Object.prototype member, or nest deeper than
 * `MAX_OVERRIDE_DEPTH`, throw {@link UnsafeOverrideError} before anything is merged.
 */
export function deepMerge<T>(base: T, overrides: unknown): T {
  if (overrides === undefined) return base;
  const unsafe = findUnsafeOverride(overrides);
  if (unsafe !== undefined) throw new UnsafeOverrideError(`Invalid overrides: ${unsafe}.`);
  return merge(base, overrides) as T;
}
