/**
 * Fails only on ties: top-k by threshold, keeping |x_j| > τ where τ is the (k+1)-th largest magnitude; when the
 * k-th and (k+1)-th magnitudes are equal, the tied entries are all dropped.
 */
import { byMagnitude, quarter } from './helpers.ts';

export default {
  name: 'broken: top-k dropping ties',
  contract: { kind: 'contractive', alpha: (d: number) => quarter(d) / d },
  compress(x: Float64Array): Float64Array {
    const d = x.length;
    const k = quarter(d);
    const out = new Float64Array(d);
    if (k === d) return Float64Array.from(x);
    const tau = Math.abs(x[byMagnitude(x)[k]]);
    for (let j = 0; j < d; j++) if (Math.abs(x[j]) > tau) out[j] = x[j];
    return out;
  },
};
