/** mulberry32: a small, fast, seeded PRNG; the same seed gives the same split, shuffle and initial weights everywhere. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples (Box–Muller) from a uniform source. */
export function normal(rand: () => number): () => number {
  return () => {
    const u = 1 - rand();
    const v = rand();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

/** Fisher–Yates, in place. */
export function shuffle<T extends { length: number; [i: number]: number }>(a: T, rand: () => number): T {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a;
}

/**
 * The train/validation split of `n` rows for a seed: a seeded permutation, the last
 * round(n × fraction) rows (at least 1) are validation. Both index lists come back sorted.
 */
export function trainValidationSplit(n: number, fraction: number, seed: number): { train: number[]; validation: number[] } {
  const perm = shuffle(Array.from({ length: n }, (_, i) => i), mulberry32(seed));
  const nVal = Math.min(n - 1, Math.max(1, Math.round(n * fraction)));
  const validation = perm.slice(n - nVal).sort((a, b) => a - b);
  const train = perm.slice(0, n - nVal).sort((a, b) => a - b);
  return { train, validation };
}
