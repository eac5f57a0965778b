// Small helpers shared by the benchmark modules: a seeded PRNG, weighted picks, summary statistics.

/** mulberry32: a tiny deterministic PRNG, so every run builds the same account. */
export function makeRng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    /** k distinct items of list, in list order. */
    sample(list, k) {
      const indexes = list.map((_, i) => i);
      for (let i = indexes.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [indexes[i], indexes[j]] = [indexes[j], indexes[i]];
      }
      return indexes
        .slice(0, Math.min(k, list.length))
        .sort((a, b) => a - b)
        .map((i) => list[i]);
    },
    /** One item of [{ weight, ... }]. */
    weighted(items) {
      const total = items.reduce((sum, item) => sum + item.weight, 0);
      let x = next() * total;
      for (const item of items) {
        x -= item.weight;
        if (x < 0) return item;
      }
      return items[items.length - 1];
    },
  };
}

/** Nearest-rank percentile of an unsorted sample. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarize(values) {
  return {
    n: values.length,
    median: round(median(values), 2),
    p10: round(percentile(values, 10), 2),
    p90: round(percentile(values, 90), 2),
    min: round(Math.min(...values), 2),
    max: round(Math.max(...values), 2),
    mean: round(values.reduce((a, b) => a + b, 0) / values.length, 2),
  };
}

export function round(x, digits = 0) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export const MB = 1024 * 1024;
