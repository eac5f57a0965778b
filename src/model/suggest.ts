/**
 * Did-you-mean over a list of known names: the candidates within a few typos of `name` (optimal string
 * alignment distance, so a swap of two neighbours is one typo) or that it is the start of ("us-east" →
 * us-east-1), case-insensitive, nearest first.
 */
export function suggestNames(name: string, candidates: readonly string[], limit = 3): string[] {
  const lower = name.toLowerCase();
  const threshold = typoBudget(name);
  const scored: { candidate: string; distance: number }[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (seen.has(candidate)) continue;
    seen.add(candidate);
    const other = candidate.toLowerCase();
    const distance = editDistance(lower, other, threshold);
    // A completion ranks between an exact spelling and one typo.
    if (lower.length >= 3 && other.startsWith(lower) && distance > 0.5) scored.push({ candidate, distance: 0.5 });
    else if (distance <= threshold) scored.push({ candidate, distance });
  }
  // The same name in another case is the one meant.
  const sameLetters = scored.filter((entry) => entry.distance === 0);
  if (sameLetters.length > 0) return sameLetters.slice(0, limit).map((entry) => entry.candidate);
  scored.sort(
    (a, b) => a.distance - b.distance || (a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0),
  );
  return scored.slice(0, limit).map((entry) => entry.candidate);
}

/** How many typos a name of this length can carry and still be recognised: two edits turn a short word into anything. */
export function typoBudget(name: string): number {
  return Math.max(1, Math.min(3, Math.floor(name.length / 4)));
}

/**
 * Optimal string alignment distance (insertions, deletions, substitutions and swaps of neighbours);
 * stops early and returns `limit + 1` once every alignment costs more than `limit`.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, (beforePrevious[j - 2] ?? 0) + 1);
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return Math.min(previous[b.length] ?? 0, limit + 1);
}
