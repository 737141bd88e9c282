/**
 * Rand-k sparsifier: keep a uniform k-subset S of the coordinates (docs/theory.md §1.1 rows 2–3).
 *   unscaled: C(x) = Σ_{j∈S} x_j e_j,        E C(x) = (k/d)x,  E‖C(x) − x‖² = (1 − k/d)‖x‖²   → contractive α = k/d
 *   scaled:   C(x) = (d/k)Σ_{j∈S} x_j e_j,   E C(x) = x,       E‖C(x) − x‖² = (d/k − 1)‖x‖²   → unbiased ω = d/k − 1
 * Both bounds hold with equality for every x [D], so a checker must allow for that (docs/design.md §3).
 * Exact moments need only the marginal P(j ∈ S) = k/d (linearity of expectation, exact for any d):
 *   E(C_j − x_j)² = (k/d)(c·x_j − x_j)² + (1 − k/d)x_j²,  c = d/k (scaled) or 1.
 * Wire format: k (64-bit value, ⌈log₂ d⌉-bit index) pairs; indices are counted even though a shared seed could
 * regenerate them, because the nodes of a distributed run draw independent subsets.
 */
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import type { Key } from '../rng/key.ts';
import { chooseK } from '../rng/sample.ts';
import { sparseBits } from './bits.ts';
import type { CoordinateProjection } from './projection.ts';
import type { Compressor, ExactMoments } from './types.ts';
import { checkDim, checkInput } from './validate.ts';

export interface RandKOptions {
  /** Multiply the kept entries by d/k, making C unbiased (default false: contractive). */
  readonly scaled?: boolean;
}

/**
 * @example
 * randK(4, 2, { scaled: true }).compress(Float64Array.of(1, 2, 3, 4), key(0));
 * // returns Float64Array [2, 0, 6, 0]   (two entries, doubled)
 */
export function randK(d: number, k: number, options: RandKOptions = {}): Compressor {
  checkDim('rand-k', d);
  if (!(Number.isInteger(k) && 1 <= k && k <= d))
    throw new RangeError(`rand-k: need integers 1 ≤ k ≤ d, got k=${k}, d=${d}`);
  const scaled = options.scaled === true;
  const factor = scaled ? d / k : 1;
  const p = k / d;
  const name = `rand-k(k=${k},d=${d}${scaled ? ',scaled' : ''})`;
  const compress = (x: ReadonlyVector, key: Key): Vector => {
    checkInput(name, d, x);
    const out = new Float64Array(d);
    const kept = chooseK(key, d, k);
    for (let i = 0; i < kept.length; i++) out[kept[i]] = factor * x[kept[i]];
    return out;
  };
  const expectation = (x: ReadonlyVector): ExactMoments => {
    checkInput(name, d, x);
    const mean = new Float64Array(d);
    let errorSq = 0;
    for (let j = 0; j < d; j++) {
      const kept = factor * x[j];
      // The scaled mean is (k/d)(d/k)x_j = x_j exactly; computing it in floating point would add an ulp.
      mean[j] = scaled ? x[j] : p * kept;
      errorSq += p * (kept - x[j]) ** 2 + (1 - p) * x[j] * x[j];
    }
    return { mean, errorSq };
  };
  const common = {
    name,
    dim: d,
    deterministic: k === d,
    bits: () => sparseBits(k, d),
    compress,
    expectation,
  };
  if (scaled) return { ...common, contract: { kind: 'unbiased', omega: d / k - 1 } };
  const projection: CoordinateProjection = {
    ...common,
    contract: { kind: 'contractive', alpha: p },
    coordinateProjection: true,
  };
  return projection;
}
