/** Mis-scaled: rand-k that multiplies by (d/k)² ("1/p applied twice"), declared unbiased with ω = d/k − 1. */
import { quarter, randomSubset } from './helpers.ts';

export default {
  name: 'broken: mis-scaled rand-k',
  contract: { kind: 'unbiased', omega: (d: number) => d / quarter(d) - 1 },
  compress(x: Float64Array, random: () => number): Float64Array {
    const d = x.length;
    const k = quarter(d);
    const out = new Float64Array(d);
    for (const j of randomSubset(d, k, random)) out[j] = (d / k) ** 2 * x[j];
    return out;
  },
};
