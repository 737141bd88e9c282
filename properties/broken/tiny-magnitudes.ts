/**
 * Fails only on tiny magnitudes: natural compression with a shortcut for the zero vector that tests the naive
 * Σx_j² — which underflows to 0 once every |x_j| < 1e-162, so a tiny non-zero x is sent as 0.
 */
import { naturalEntry } from './helpers.ts';

export default {
  name: 'broken: natural with underflowing shortcut',
  contract: { kind: 'unbiased', omega: 1 / 8 },
  compress(x: Float64Array, random: () => number): Float64Array {
    let sumSq = 0;
    for (const t of x) sumSq += t * t;
    if (sumSq === 0) return new Float64Array(x.length);
    return Float64Array.from(x, (t) => naturalEntry(t, random));
  },
};
