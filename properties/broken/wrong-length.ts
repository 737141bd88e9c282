/** Wrong output length: top-k returning only the k kept values (the wire format) instead of a d-vector. */
import { byMagnitude, quarter } from './helpers.ts';

export default {
  name: 'broken: top-k returning k values',
  contract: { kind: 'contractive', alpha: (d: number) => quarter(d) / d },
  compress(x: Float64Array): Float64Array {
    return Float64Array.from(byMagnitude(x).slice(0, quarter(x.length)), (j) => x[j]);
  },
};
