/**
 * The value a lookup table holds under `key` as its own property, or `undefined`: a name read from
 * input (`constructor`, `__proto__`, `toString`) never finds what the table inherits from
 * `Object.prototype` (issue 11).
 *
 * @example
 * ```ts
 * ownValue({ talk: 1 }, 'talk'); // 1
 * ownValue({ talk: 1 }, 'constructor'); // undefined
 * ```
 */
export function ownValue<TValue>(table: Readonly<Record<string, TValue>>, key: string): TValue | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
