/** In-place mutation: top-k that zeroes the dropped entries of x itself, then returns a copy. */
import { byMagnitude, quarter } from './helpers.ts';

export default {
  name: 'broken: top-k writing to its input',
  contract: { kind: 'contractive', alpha: (d: number) => quarter(d) / d },
  compress(x: Float64Array): Float64Array {
    const order = byMagnitude(x);
    for (let i = quarter(x.length); i < x.length; i++) x[order[i]] = 0;
    return Float64Array.from(x);
  },
};
