/**
 * Fails only for large dimensions: top-k that looks for its k entries among the first 512 coordinates only
 * (a buffer sized for the common case), so for d > 512 mass in the tail is never kept.
 */
import { byMagnitude, quarter } from './helpers.ts';

const BUFFER = 512;

export default {
  name: 'broken: top-k with a 512-entry buffer',
  contract: { kind: 'contractive', alpha: (d: number) => quarter(d) / d },
  compress(x: Float64Array): Float64Array {
    const d = x.length;
    const head = x.subarray(0, Math.min(d, BUFFER));
    const order = byMagnitude(head);
    const out = new Float64Array(d);
    for (let i = 0; i < Math.min(quarter(d), order.length); i++) out[order[i]] = x[order[i]];
    return out;
  },
};
