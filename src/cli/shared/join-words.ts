/**
 * Joins words as a sentence lists them: `a`, `a and b`, `a, b and c` (or `or`). Messages list
 * choices from the library's own constants with it rather than spelling them out again.
 */
export function joinWords(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}
