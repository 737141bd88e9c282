/**
 * The law of scaled rand-k, enumerated [docs/theory.md §1.1 row 2]: a uniform k-subset S of {0, …, d − 1},
 * C(u) = (d/k)Σ_{j∈S} u_j e_j, each of the C(d, k) subsets with probability 1/C(d, k). Exact expectations over n
 * independent nodes enumerate the product law (C(d, k)^n outcomes); over shared randomness, the C(d, k) subsets
 * applied to every node at once.
 */
import type { ReadonlyVector, Vector } from '../../../src/linalg/vector.ts';

/** The k-subsets of {0, …, d − 1} in lexicographic order. */
export function kSubsets(d: number, k: number): number[][] {
  if (!(Number.isInteger(k) && k >= 0 && k <= d)) throw new RangeError(`kSubsets: need 0 ≤ k ≤ d, got k=${k}, d=${d}`);
  const out: number[][] = [];
  const idx = Array.from({ length: k }, (_, i) => i);
  for (;;) {
    out.push([...idx]);
    let i = k - 1;
    while (i >= 0 && idx[i] === d - k + i) i--;
    if (i < 0) return out;
    idx[i]++;
    for (let m = i + 1; m < k; m++) idx[m] = idx[m - 1] + 1;
  }
}

/** (d/k)Σ_{j∈S} u_j e_j, fresh: scaled rand-k's output on subset S. */
export function randKOn(u: ReadonlyVector, S: readonly number[], k: number): Vector {
  const out = new Float64Array(u.length);
  const factor = u.length / k;
  for (const j of S) out[j] = factor * u[j];
  return out;
}

/**
 * E[φ(C_1(u_1), …, C_n(u_n))] for scaled rand-k, exactly: the average of φ over every outcome of the product law
 * (independent nodes) or over the common subset (shared).
 */
export function expectOverRandK(
  us: readonly ReadonlyVector[],
  k: number,
  randomness: 'independent' | 'shared',
  phi: (messages: Vector[]) => number,
): number {
  const n = us.length;
  const d = us[0].length;
  const subsets = kSubsets(d, k);
  const m = subsets.length;
  if (randomness === 'shared') {
    let s = 0;
    for (const S of subsets) s += phi(us.map((u) => randKOn(u, S, k)));
    return s / m;
  }
  // Precompute every node's C(d, k) possible messages, then walk the product law like an odometer.
  const outcomes = us.map((u) => subsets.map((S) => randKOn(u, S, k)));
  const digit = new Array<number>(n).fill(0);
  let total = 0;
  let count = 0;
  for (;;) {
    total += phi(digit.map((c, i) => outcomes[i][c]));
    count++;
    let i = 0;
    while (i < n && ++digit[i] === m) digit[i++] = 0;
    if (i === n) break;
  }
  return total / count;
}
