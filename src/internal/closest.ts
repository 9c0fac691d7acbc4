function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? 0;
      const left = previous[j - 1] ?? 0;
      previous[j] = Math.min(above + 1, left + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidates closest to `input`: names it is a prefix of first, then by edit distance, within a
 * distance that grows with the input's length and near the best match.
 */
export function findClosest(input: string, candidates: readonly string[], limit = 3): string[] {
  const needle = input.toLowerCase();
  const prefixed = candidates.filter((candidate) => needle.length > 0 && candidate.startsWith(needle));
  const threshold = Math.max(2, Math.ceil(needle.length * 0.35));
  const scored = candidates
    .map((candidate) => ({ candidate, distance: editDistance(needle, candidate) }))
    .filter(({ candidate, distance }) => distance <= threshold && !prefixed.includes(candidate))
    .sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate));
  // Only names about as close as the best one: a clear winner is suggested alone.
  const best = scored[0]?.distance ?? 0;
  const near = scored.filter(({ distance }) => distance <= best + 2).map(({ candidate }) => candidate);
  return [...prefixed, ...near].slice(0, limit);
}
