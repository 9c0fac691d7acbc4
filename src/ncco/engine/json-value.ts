// How the NCCO checks read a JSON value and name it in a message: its path, its kind, its text.

/** A parsed JSON object. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** Whether `value` is a JSON object (not `null`, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Whether `value` holds `key` with a value other than `undefined` (which JSON.stringify would drop). */
export function has(value: JsonObject, key: string): boolean {
  return Object.hasOwn(value, key) && value[key] !== undefined;
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `$[0]` + `eventUrl` -> `$[0].eventUrl`; keys that are not identifiers are bracketed (`["content-type"]`). */
export function child(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return identifier.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** The JSON kind of a value, for "got …" when the type is wrong. */
export function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (typeof value === 'string') return value.trim() === '' ? 'an empty string' : 'a string';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

/**
 * The value itself, shortened, for "got …" when the type is right but the value is not; a value
 * that cannot be written as JSON (nested past the stack, or containing itself) is named by its kind.
 */
export function show(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    return kind(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** `"a", "b", "c"`: allowed values for a message. */
export function list(values: readonly string[]): string {
  return values.map((value) => JSON.stringify(value)).join(', ');
}
