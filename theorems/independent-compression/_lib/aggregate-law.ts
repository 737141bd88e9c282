/**
 * Exact laws of compressor outputs and of the master's aggregate (1/n)Σ_i C_i(a_i), by enumeration (docs/theory.md
 * §1.3): scaled rand-k and natural compression per node, the product law of independent nodes, and shared rand-k
 * (one subset for every node). Each law carries the squared magnitude of the summands it was built from, which is
 * what the rounding of its variance is relative to. And one simulated draw of the aggregate's error, with the
 * simulator's key rule, to check the laws against.
 */
import { floorLog2, powerOfTwo } from '../../../src/compressors/power-of-two.ts';
import type { Compressor } from '../../../src/compressors/types.ts';
import { compressorKey, type Randomness } from '../../../src/algorithms/validate.ts';
import type { ReadonlyVector, Vector } from '../../../src/linalg/vector.ts';
import type { Key } from '../../../src/rng/key.ts';

/** One outcome of a discrete compressor law: C(x) = value with probability p. */
export interface Outcome {
  readonly p: number;
  readonly value: Vector;
}

/** The k-subsets of {0, …, d−1} in lexicographic order. */
export function kSubsets(d: number, k: number): number[][] {
  const out: number[][] = [];
  const idx = Array.from({ length: k }, (_, i) => i);
  if (k > d || k < 0) return out;
  for (;;) {
    out.push([...idx]);
    let i = k - 1;
    while (i >= 0 && idx[i] === d - k + i) i--;
    if (i < 0) return out;
    idx[i]++;
    for (let m = i + 1; m < k; m++) idx[m] = idx[m - 1] + 1;
  }
}

/** Law of scaled rand-k [docs/theory.md §1.1 row 2]: a uniform k-subset S, C(x) = (d/k)Σ_{j∈S} x_j e_j. */
export function randKScaledLaw(x: ReadonlyVector, k: number): Outcome[] {
  const d = x.length;
  const subsets = kSubsets(d, k);
  return subsets.map((S) => {
    const value = new Float64Array(d);
    for (const j of S) value[j] = (d / k) * x[j];
    return { p: 1 / subsets.length, value };
  });
}

/**
 * Law of natural compression [docs/theory.md §1.1 row 6]: coordinate t ≠ 0 with 2^a ≤ |t| < 2^{a+1} becomes
 * sign(t)·2^{a+1} with probability |t|/2^a − 1, else sign(t)·2^a, independently per coordinate (2^{nnz} outcomes).
 */
export function naturalLaw(x: ReadonlyVector): Outcome[] {
  let outcomes: Outcome[] = [{ p: 1, value: new Float64Array(x.length) }];
  for (let j = 0; j < x.length; j++) {
    const t = x[j];
    if (t === 0) continue;
    const lower = powerOfTwo(floorLog2(t)) * Math.sign(t);
    const up = t / lower - 1;
    const next: Outcome[] = [];
    for (const o of outcomes) {
      for (const [p, v] of [
        [1 - up, lower],
        [up, 2 * lower],
      ] as const) {
        if (p === 0) continue;
        const value = o.value.slice();
        value[j] = v;
        next.push({ p: o.p * p, value });
      }
    }
    outcomes = next;
  }
  return outcomes;
}

/** Exact mean and variance of the aggregate, with the scale of the summands of the variance (for the tolerance). */
export interface AggregateLaw {
  readonly mean: Vector;
  /** E‖(1/n)Σ_i C_i(a_i) − ā‖², ā the mean of the inputs. */
  readonly variance: number;
  /**
   * Σ_outcomes p·Σ_j (A_j + B_j)², A_j and B_j the sums of the magnitudes of the summands of agg_j and ā_j: what the
   * rounding of the variance is relative to (agg_j − ā_j may cancel, so |agg_j| itself would be too small).
   */
  readonly scale: number;
  readonly outcomes: number;
}

/** The aggregate's law when node i's output has law laws[i], the nodes independent (product of the laws). */
export function independentAggregateLaw(
  laws: readonly (readonly Outcome[])[],
  abar: ReadonlyVector,
  abarMagnitude: ReadonlyVector = absOf(abar),
): AggregateLaw {
  const n = laws.length;
  const d = abar.length;
  const total = laws.reduce((c, l) => c * l.length, 1);
  if (total > 2e5) throw new RangeError(`aggregate law: ${total} joint outcomes, keep it ≤ 2e5`);
  const mean = new Float64Array(d);
  let variance = 0;
  let scale = 0;
  const partial: Float64Array[] = Array.from({ length: n + 1 }, () => new Float64Array(d));
  const magnitude: Float64Array[] = Array.from({ length: n + 1 }, () => new Float64Array(d));
  const walk = (i: number, p: number): void => {
    if (i === n) {
      for (let j = 0; j < d; j++) {
        const agg = partial[n][j] / n;
        mean[j] += p * agg;
        variance += p * (agg - abar[j]) ** 2;
        scale += p * (magnitude[n][j] / n + abarMagnitude[j]) ** 2;
      }
      return;
    }
    for (const o of laws[i]) {
      // Partial sums per depth, not add-then-subtract, so every outcome's aggregate is summed in node order exactly.
      for (let j = 0; j < d; j++) {
        partial[i + 1][j] = partial[i][j] + o.value[j];
        magnitude[i + 1][j] = magnitude[i][j] + Math.abs(o.value[j]);
      }
      walk(i + 1, p * o.p);
    }
  };
  walk(0, 1);
  return { mean, variance, scale, outcomes: total };
}

/** Shared rand-k: one uniform k-subset S for every node, so the aggregate is (d/k)ā restricted to S. */
export function sharedRandKAggregateLaw(as: readonly ReadonlyVector[], k: number): AggregateLaw {
  const n = as.length;
  const d = as[0].length;
  const abar = meanOf(as);
  const abarMagnitude = absMeanOf(as);
  const subsets = kSubsets(d, k);
  const mean = new Float64Array(d);
  let variance = 0;
  let scale = 0;
  for (const S of subsets) {
    const p = 1 / subsets.length;
    const agg = new Float64Array(d);
    const magnitude = new Float64Array(d);
    for (const j of S) {
      let s = 0;
      for (let i = 0; i < n; i++) s += (d / k) * as[i][j];
      agg[j] = s / n;
      magnitude[j] = (d / k) * abarMagnitude[j];
    }
    for (let j = 0; j < d; j++) {
      mean[j] += p * agg[j];
      variance += p * (agg[j] - abar[j]) ** 2;
      scale += p * (magnitude[j] + abarMagnitude[j]) ** 2;
    }
  }
  return { mean, variance, scale, outcomes: subsets.length };
}

/** |x|, entry by entry. */
function absOf(x: ReadonlyVector): Vector {
  return Float64Array.from(x, Math.abs);
}

/** (1/n)Σ_i |a_i|, entry by entry: the magnitudes ā is summed from. */
export function absMeanOf(as: readonly ReadonlyVector[]): Vector {
  return meanOf(as.map(absOf));
}

export function meanOf(as: readonly ReadonlyVector[]): Vector {
  const d = as[0].length;
  const out = new Float64Array(d);
  for (const a of as) for (let j = 0; j < d; j++) out[j] += a[j] / as.length;
  return out;
}

/** One simulated draw of ‖(1/n)Σ_i C(a_i) − ā‖² with the simulator's key rule (validate.ts compressorKey). */
export function aggregateErrorSample(
  C: Compressor,
  as: readonly ReadonlyVector[],
  k: Key,
  randomness: Randomness,
): number {
  const n = as.length;
  const d = as[0].length;
  const agg = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const c = C.compress(as[i], compressorKey(k, i, randomness));
    for (let j = 0; j < d; j++) agg[j] += c[j] / n;
  }
  const abar = meanOf(as);
  let s = 0;
  for (let j = 0; j < d; j++) s += (agg[j] - abar[j]) ** 2;
  return s;
}
