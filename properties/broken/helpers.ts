/**
 * Small building blocks the broken compressors share (each broken module stays in the user-module shape: a plain
 * default-exportable object, no efcheck imports needed).
 */

/** The first k entries of a random permutation drawn from `random` (partial Fisher–Yates). */
export function randomSubset(d: number, k: number, random: () => number): number[] {
  const idx = Array.from({ length: d }, (_, j) => j);
  for (let i = 0; i < k; i++) {
    const r = i + Math.floor(random() * (d - i));
    [idx[i], idx[r]] = [idx[r], idx[i]];
  }
  return idx.slice(0, k);
}

/** Indices by decreasing magnitude, ties by lower index (stable sort). */
export function byMagnitude(x: Float64Array): number[] {
  return Array.from({ length: x.length }, (_, j) => j).sort((a, b) => Math.abs(x[b]) - Math.abs(x[a]));
}

/** The k of the examples: max(1, ⌊d/4⌋). */
export const quarter = (d: number): number => Math.max(1, Math.floor(d / 4));

/** Natural compression of one entry [Horváth et al. 2019]: unbiased rounding to a neighbouring power of two. */
export function naturalEntry(t: number, random: () => number): number {
  if (t === 0) return 0;
  const a = Math.floor(Math.log2(Math.abs(t)));
  const low = 2 ** a;
  if (low === Math.abs(t)) return t;
  const pLow = (2 * low - Math.abs(t)) / low;
  return Math.sign(t) * (random() < pLow ? low : 2 * low);
}
