/** Understated variance: natural compression declared with ω = 1/9; the true ω = 1/8 is attained at (4/3)·2^a. */
import { naturalEntry } from './helpers.ts';

export default {
  name: 'broken: natural with omega 1/9',
  contract: { kind: 'unbiased', omega: 1 / 9 },
  compress(x: Float64Array, random: () => number): Float64Array {
    return Float64Array.from(x, (t) => naturalEntry(t, random));
  },
};
