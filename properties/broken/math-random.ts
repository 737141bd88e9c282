/**
 * Randomness from the wrong source: scaled rand-k drawing its subset from Math.random instead of the given
 * `random`, so the same key does not replay the same output. (Math.random is the bug being detected; it is
 * allowed here and nowhere else in the project.)
 */
import { quarter, randomSubset } from './helpers.ts';

export default {
  name: 'broken: rand-k using Math.random',
  contract: { kind: 'unbiased', omega: (d: number) => d / quarter(d) - 1 },
  compress(x: Float64Array): Float64Array {
    const d = x.length;
    const k = quarter(d);
    const out = new Float64Array(d);
    for (const j of randomSubset(d, k, Math.random)) out[j] = (d / k) * x[j];
    return out;
  },
};
