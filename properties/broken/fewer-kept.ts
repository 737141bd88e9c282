/** Fewer kept entries than claimed: top-k with an off-by-one that keeps k − 1, declared α = k/d. */
import { byMagnitude, quarter } from './helpers.ts';

export default {
  name: 'broken: top-k keeping k-1',
  contract: { kind: 'contractive', alpha: (d: number) => quarter(d) / d },
  compress(x: Float64Array): Float64Array {
    const out = new Float64Array(x.length);
    const order = byMagnitude(x);
    for (let i = 0; i < quarter(x.length) - 1; i++) out[order[i]] = x[order[i]];
    return out;
  },
};
