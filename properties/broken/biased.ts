/** Biased: rand-k without the d/k factor, declared unbiased with ω = d/k − 1 (its variance is even below ω). */
import { quarter, randomSubset } from './helpers.ts';

export default {
  name: 'broken: biased rand-k',
  contract: { kind: 'unbiased', omega: (d: number) => d / quarter(d) - 1 },
  compress(x: Float64Array, random: () => number): Float64Array {
    const d = x.length;
    const out = new Float64Array(d);
    for (const j of randomSubset(d, quarter(d), random)) out[j] = x[j];
    return out;
  },
};
