// The keys no override may name and the depth no override may pass: one list for `--set` paths,
// `--file` and every library `overrides`, so that no entry point can reach Object.prototype.

/**
 * `__proto__`, `constructor`, `prototype` and every other member of Object.prototype
 * (`hasOwnProperty`, `toString`, `__defineGetter__`, ...): setting one through `target[key] = ...`
 * changes an object's prototype or shadows a method every object relies on. No Vonage payload has one.
 */
export const unsafeKeys: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
  ...Object.getOwnPropertyNames(Object.prototype),
]);

/** The deepest an override may nest (path segments, or levels of a JSON value); Vonage payloads are a few levels deep. */
export const MAX_OVERRIDE_DEPTH = 64;

/** Tells whether `key` is one of {@link unsafeKeys}. */
export function isUnsafeKey(key: string): boolean {
  return unsafeKeys.has(key);
}

/** Shortens a long path for a one-line message. */
export function describePath(path: readonly (string | number)[]): string {
  const shown = path.length > 8 ? [...path.slice(0, 8), '…'] : path;
  const text = shown.join('.');
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

function isWalkable(value: unknown): value is Record<string, unknown> | unknown[] {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Walks a value (plain objects and arrays, without recursion, so any depth is safe) and says what
 * is wrong with it as an override, in a few words naming the key and where; `undefined` when nothing.
 * `depth` is the depth at which the value sits (e.g. the length of a `--set` path).
 */
export function findUnsafeOverride(value: unknown, depth = 0): string | undefined {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (!isWalkable(item.value)) continue;
    if (depth + item.path.length >= MAX_OVERRIDE_DEPTH) {
      return `it nests deeper than ${MAX_OVERRIDE_DEPTH} levels (at ${describePath(item.path)}); no Vonage payload is that deep`;
    }
    const entries: [string | number, unknown][] = Array.isArray(item.value)
      ? item.value.map((element, index) => [index, element])
      : Object.keys(item.value).map((key) => [key, (item.value as Record<string, unknown>)[key]]);
    for (const [key, child] of entries) {
      const path = [...item.path, key];
      if (typeof key === 'string' && isUnsafeKey(key)) {
        return `key "${key}" (at ${describePath(path)}) names a built-in property of every JavaScript object; remove it (no Vonage payload has it)`;
      }
      stack.push({ value: child, path });
    }
  }
  return undefined;
}
