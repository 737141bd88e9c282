/**
 * Selection by magnitude in O(d) expected time, never a sort (docs/design.md §0: ~10 ms for d = 10^6 against
 * 460–800 ms for a sort). Three routes to the k-th largest magnitude τ, all exact, so the answer never depends
 * on the route:
 *   - small k: one read-only pass with a size-k heap of (magnitude, index) pairs, which holds exactly the k
 *     entries top-k keeps (ties by lower index) at the end, so no second pass is needed;
 *   - large d: a strided sample gives a threshold t a little below τ, one pass keeps the candidates |x_j| ≥ t
 *     (about 1.3k of them), and Floyd–Rivest selects τ among the candidates only;
 *   - otherwise, or when x holds a NaN, or the sample misjudged (fewer than k candidates): Floyd–Rivest on all d
 *     magnitudes, the route this file always took, so NaN inputs behave exactly as before.
 */
import type { ReadonlyVector } from './vector.ts';

// Module-private scratch, grown on demand and reused across calls, because a fresh 8 MB array costs 2–6 ms of page
// faults against ~0.7 ms for a pass over a reused one (measured in bench/). Safe: JavaScript runs this module on one
// thread; the functions below are synchronous and call nothing that could re-enter them (no callbacks, no await);
// every call writes the part of a buffer it later reads; and no reference to a buffer leaves the module, because
// results are fresh arrays. Worker threads load their own copy of the module. Cost: the largest d seen stays
// allocated (12 bytes per coordinate).
let magnitudes = new Float64Array(0);
let candidates = new Int32Array(0);
let sample = new Float64Array(0);
let heapValues = new Float64Array(0);
let heapIndices = new Int32Array(0);

function magnitudeScratch(size: number): Float64Array {
  if (magnitudes.length < size) magnitudes = new Float64Array(size);
  return magnitudes;
}

/** The heap route pays off while k stays small: d comparisons plus at most d sifts of log₂ k steps. */
const HEAP_MAX_K = 32;
/** Below this d one full Floyd–Rivest pass is as cheap as sampling. */
const SAMPLE_MIN_D = 4096;

/**
 * Where τ was found: `count` < 0 means every coordinate is a candidate (full route); otherwise the candidate
 * indices, ascending, are candidates[0..count), and `greater` = #{j : |x_j| > τ} (sample route, NaN-free).
 */
interface Selection {
  readonly tau: number;
  readonly count: number;
  readonly greater: number;
}

function checkK(name: string, k: number, d: number): void {
  if (!(Number.isInteger(k) && k >= 1 && k <= d)) throw new RangeError(`${name}: need 1 ≤ k ≤ d, got k=${k}, d=${d}`);
}

/**
 * The k-th largest |x_j| (k = 1 is the largest).
 * @example
 * kthLargestMagnitude(Float64Array.of(3, -5, 1, 4), 2);
 * // returns 4
 */
export function kthLargestMagnitude(x: ReadonlyVector, k: number): number {
  checkK('kthLargestMagnitude', k, x.length);
  if (k <= HEAP_MAX_K && k < x.length && heapTopK(x, k)) return heapValues[0];
  return select(x, k).tau;
}

/**
 * The indices, ascending, of the k largest |x_j|, ties at the k-th largest magnitude τ broken by the lower index:
 * every j with |x_j| > τ, then j with |x_j| = τ in index order until there are k (top-k's rule, docs/theory.md §1.1
 * row 1). Fresh array. With NaN entries it keeps what the comparisons with the selected τ keep, which may be
 * fewer than k indices.
 * @example
 * largestMagnitudeIndices(Float64Array.of(1, -2, 2, 2, 0), 2);
 * // returns Int32Array [1, 2]
 */
export function largestMagnitudeIndices(x: ReadonlyVector, k: number): Int32Array {
  const d = x.length;
  checkK('largestMagnitudeIndices', k, d);
  if (k === d) {
    const all = new Int32Array(d);
    for (let j = 0; j < d; j++) all[j] = j;
    return all;
  }
  if (k <= HEAP_MAX_K && heapTopK(x, k)) return heapIndices.slice(0, k).sort();
  const { tau, count, greater } = select(x, k);
  if (count >= 0) {
    // Every |x_j| ≥ τ is a candidate, and the candidates are in index order.
    const ties = k - greater;
    const out = new Int32Array(k);
    let kept = 0;
    let tied = 0;
    for (let c = 0; c < count && kept < k; c++) {
      const j = candidates[c];
      const a = Math.abs(x[j]);
      if (a > tau) out[kept++] = j;
      else if (a === tau && tied < ties) {
        out[kept++] = j;
        tied++;
      }
    }
    return out;
  }
  // Full route (small d, or NaN): count first, as a NaN-garbled τ may leave more than k entries above it.
  let above = 0;
  let equal = 0;
  for (let j = 0; j < d; j++) {
    const a = Math.abs(x[j]);
    if (a > tau) above++;
    else if (a === tau) equal++;
  }
  const ties = Math.min(equal, Math.max(0, k - above));
  const out = new Int32Array(above + ties);
  let kept = 0;
  let tied = 0;
  for (let j = 0; j < d; j++) {
    const a = Math.abs(x[j]);
    if (a > tau) out[kept++] = j;
    else if (a === tau && tied < ties) {
      out[kept++] = j;
      tied++;
    }
  }
  return out;
}

/** τ and where it was found, by the sample route or else the full one (k already checked). */
function select(x: ReadonlyVector, k: number): Selection {
  return sampleSelect(x, k) ?? fullSelect(x, k);
}

/** Floyd–Rivest on all d magnitudes (the original route; NaN inputs get exactly its answer). */
function fullSelect(x: ReadonlyVector, k: number): Selection {
  const d = x.length;
  const a = magnitudeScratch(d);
  for (let j = 0; j < d; j++) a[j] = Math.abs(x[j]);
  floydRivest(a, d - k, 0, d - 1); // rank d − k in ascending order
  return { tau: a[d - k], count: -1, greater: -1 };
}

/**
 * One pass keeping, in heapValues/heapIndices[0..k), the k first entries of the order (|x_j| descending, j
 * ascending) — top-k's kept set. The heap's root is its worst member (smallest magnitude, and the larger index
 * among equals), so a later entry enters only with a strictly larger magnitude; the root's magnitude is then τ.
 * False on a NaN (the full route decides, as it always did).
 */
function heapTopK(x: ReadonlyVector, k: number): boolean {
  const d = x.length;
  if (heapValues.length < k) {
    heapValues = new Float64Array(k);
    heapIndices = new Int32Array(k);
  }
  const hv = heapValues;
  const hi = heapIndices;
  for (let j = 0; j < k; j++) {
    const a = Math.abs(x[j]);
    if (Number.isNaN(a)) return false;
    // Sift up past every parent not worse than it: its index is the largest so far, so equal magnitudes lose.
    let c = j;
    while (c > 0) {
      const p = (c - 1) >> 1;
      if (hv[p] < a) break;
      hv[c] = hv[p];
      hi[c] = hi[p];
      c = p;
    }
    hv[c] = a;
    hi[c] = j;
  }
  for (let j = k; j < d; j++) {
    const a = Math.abs(x[j]);
    if (a > hv[0]) replaceRoot(hv, hi, k, a, j);
    else if (Number.isNaN(a)) return false;
  }
  return true;
}

/** Replaces the heap's root by (a, j) and sifts it down; the worse of two children (ties: larger index) rises. */
function replaceRoot(hv: Float64Array, hi: Int32Array, k: number, a: number, j: number): void {
  let c = 0;
  for (;;) {
    let child = 2 * c + 1;
    if (child >= k) break;
    const r = child + 1;
    if (r < k && (hv[r] < hv[child] || (hv[r] === hv[child] && hi[r] > hi[child]))) child = r;
    if (hv[child] > a || (hv[child] === a && hi[child] < j)) break;
    hv[c] = hv[child];
    hi[c] = hi[child];
    c = child;
  }
  hv[c] = a;
  hi[c] = j;
}

/**
 * The sample route's size: m strided magnitudes contain about μ = mk/d of the top k; the sample's r-th largest
 * with r = μ + 4√μ + 4 lies below τ unless the sample over-represents the top k by 4 standard deviations, and then
 * (fewer than k candidates) the caller falls back. Undefined when the sample would not save work (small d, or k so
 * large that r would exceed m/2). Exported for the fused EF21 round (src/algorithms/fused/), which reads its sample
 * and its candidates from a vector it computes on the fly; any plan gives the same, exact answer.
 */
export function samplePlan(d: number, k: number, spacing = 64): { readonly m: number; readonly r: number } | undefined {
  if (d < SAMPLE_MIN_D) return undefined;
  const m = Math.min(d, Math.max(1024, Math.floor(d / spacing)));
  const mu = (m * k) / d;
  const r = Math.ceil(mu + 4 * Math.sqrt(mu) + 4);
  return 2 * r > m ? undefined : { m, r };
}

/** The i-th of m strided sample positions in 0..d−1 (the middle of the i-th of m equal stretches). */
export function samplePosition(i: number, m: number, d: number): number {
  return Math.floor(((2 * i + 1) * d) / (2 * m));
}

/**
 * The value of rank `rank` (0 = smallest) among a[0..count), by Floyd–Rivest; reorders a[0..count). For callers
 * that gather magnitudes themselves (the fused EF21 round's sample and candidates).
 */
export function rankInPlace(a: Float64Array, count: number, rank: number): number {
  floydRivest(a, rank, 0, count - 1);
  return a[rank];
}

/** The sample route (samplePlan). Undefined when the sample would not save work or x has a NaN. */
function sampleSelect(x: ReadonlyVector, k: number): Selection | undefined {
  const d = x.length;
  const plan = samplePlan(d, k);
  if (plan === undefined) return undefined;
  const { m, r } = plan;
  if (sample.length < m) sample = new Float64Array(m);
  const s = sample;
  for (let i = 0; i < m; i++) s[i] = Math.abs(x[samplePosition(i, m, d)]);
  floydRivest(s, m - r, 0, m - 1);
  const t = s[m - r];
  if (Number.isNaN(t)) return undefined;
  const a = magnitudeScratch(d);
  if (candidates.length < d) candidates = new Int32Array(d);
  const idx = candidates;
  let count = 0;
  for (let j = 0; j < d; j++) {
    const v = Math.abs(x[j]);
    if (v >= t) {
      idx[count] = j;
      a[count] = v;
      count++;
    } else if (Number.isNaN(v)) return undefined;
  }
  if (count < k) return undefined;
  // τ is the k-th largest candidate: every non-candidate lies below t ≤ τ.
  floydRivest(a, count - k, 0, count - 1);
  const tau = a[count - k];
  // After selection a[count−k..count) holds the k largest candidates, so these are all the entries above τ.
  let greater = 0;
  for (let c = count - k + 1; c < count; c++) if (a[c] > tau) greater++;
  return { tau, count, greater };
}

/** Rearranges a[left..right] so that a[target] holds the value of that rank [Floyd & Rivest 1975, Alg. 489]. */
function floydRivest(a: Float64Array, target: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > 600) {
      // Recurse on a sample-sized window that contains the target with high probability.
      const n = right - left + 1;
      const i = target - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (i - n / 2 < 0 ? -1 : 1);
      floydRivest(
        a,
        target,
        Math.max(left, Math.floor(target - (i * s) / n + sd)),
        Math.min(right, Math.floor(target + ((n - i) * s) / n + sd)),
      );
    }
    const t = a[target];
    let i = left;
    let j = right;
    swap(a, left, target);
    if (a[right] > t) swap(a, right, left);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i] < t) i++;
      while (a[j] > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= target) left = j + 1;
    if (target <= j) right = j - 1;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
