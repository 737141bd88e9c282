/**
 * The best k-term error min_{|S|=k} ‖p − p_S‖² by enumerating all C(d, k) subsets (docs/theory.md §8): the right
 * side top-k must attain. The dropped coordinates are summed in index order, as ‖p − c‖² is, so that equal sets
 * give equal floats.
 */
import type { ReadonlyVector } from '../../../src/linalg/vector.ts';

/** min over all k-subsets S of ‖p − p_S‖², by enumeration (C(d, k) subsets; keep d ≤ 16). */
export function bestKTermError(p: ReadonlyVector, k: number): number {
  const d = p.length;
  if (!(Number.isInteger(k) && 1 <= k && k <= d))
    throw new RangeError(`bestKTermError: need 1 ≤ k ≤ d, got k=${k}, d=${d}`);
  if (d > 16) throw new RangeError(`bestKTermError: enumeration needs d ≤ 16, got d=${d}`);
  let total = 0;
  for (let j = 0; j < d; j++) total += p[j] * p[j];
  let best = Infinity;
  const idx = Array.from({ length: k }, (_, i) => i);
  for (;;) {
    // Sum the dropped coordinates in index order, as compressionError does, so equal sets give equal floats.
    let dropped = 0;
    let next = 0;
    for (let j = 0; j < d; j++) {
      if (next < k && idx[next] === j) next++;
      else dropped += p[j] * p[j];
    }
    if (dropped < best) best = dropped;
    let i = k - 1;
    while (i >= 0 && idx[i] === d - k + i) i--;
    if (i < 0) break;
    idx[i]++;
    for (let m = i + 1; m < k; m++) idx[m] = idx[m - 1] + 1;
  }
  return total === 0 ? 0 : best;
}

/** C(n, k), for counting what the enumeration covered. */
export function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return Math.round(c);
}
