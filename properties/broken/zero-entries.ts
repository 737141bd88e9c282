/**
 * Fails only with zero entries: a "sparsity-aware" scaled rand-k that samples its k coordinates among the
 * non-zeros but still scales by d/k (it should scale by nnz/k), declared unbiased with ω = d/k − 1.
 */
import { quarter, randomSubset } from './helpers.ts';

export default {
  name: 'broken: rand-k skipping zeros',
  contract: { kind: 'unbiased', omega: (d: number) => d / quarter(d) - 1 },
  compress(x: Float64Array, random: () => number): Float64Array {
    const d = x.length;
    const k = quarter(d);
    const nonzero: number[] = [];
    for (let j = 0; j < d; j++) if (x[j] !== 0) nonzero.push(j);
    const out = new Float64Array(d);
    const m = nonzero.length;
    for (const i of randomSubset(m, Math.min(k, m), random)) out[nonzero[i]] = (d / k) * x[nonzero[i]];
    return out;
  },
};
