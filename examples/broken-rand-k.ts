/**
 * A compressor with a classic bug, to show what a failure looks like:
 *
 *   npm run efcheck -- compressor examples/broken-rand-k.ts
 *
 * It keeps k = max(1, ⌊d/4⌋) random entries and declares itself unbiased with ω = d/k − 1, the parameter of
 * rand-k *scaled* by d/k, but it forgets the scaling: E C(x) = (k/d)·x ≠ x. Its variance is even below ω, so
 * only the unbiasedness check can catch it. The fix is one factor: out[j] = (d / k) * x[j].
 */
const keep = (d: number): number => Math.max(1, Math.floor(d / 4));

export default {
  name: 'broken-rand-k',
  contract: { kind: 'unbiased', omega: (d: number) => d / keep(d) - 1 },
  compress(x: Float64Array, random: () => number): Float64Array {
    const d = x.length;
    const k = keep(d);
    // Partial Fisher–Yates: the first k entries of a random permutation.
    const idx = Array.from({ length: d }, (_, j) => j);
    for (let i = 0; i < k; i++) {
      const r = i + Math.floor(random() * (d - i));
      [idx[i], idx[r]] = [idx[r], idx[i]];
    }
    const out = new Float64Array(d);
    for (let i = 0; i < k; i++) out[idx[i]] = x[idx[i]]; // bug: should be (d / k) * x[idx[i]]
    return out;
  },
};
