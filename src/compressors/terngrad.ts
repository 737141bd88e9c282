/**
 * TernGrad [Wen et al. 2017; docs/theory.md §1.1 row 11]: C(x)_j = ‖x‖_∞ sign(x_j) b_j with independent
 * b_j ∼ Bernoulli(|x_j|/‖x‖_∞). Unbiased, variance Σ_j |x_j|(‖x‖_∞ − |x_j|) = ‖x‖_∞‖x‖₁ − ‖x‖² [D].
 * Declared ω = (√d − 1)/2, derived form (docs/theory.md §1.1 row 11, [D]: Lagrange + hill-climb), attained at
 * x = (1, t, …, t) with t = 1/(√d + 1); the often quoted √d − 1 is a loose bound.
 * ‖x‖_∞ is always a double, so no input overflows. Per-coordinate sums are accumulated as |x_j|(m − |x_j|),
 * which has no cancellation, rather than as m‖x‖₁ − ‖x‖².
 * Wire format: ‖x‖_∞ as one 64-bit value, then 2 bits per coordinate for {−1, 0, +1}. Dense: no indices.
 */
import { normInf } from '../linalg/norms.ts';
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import type { Key } from '../rng/key.ts';
import { uniform } from '../rng/sample.ts';
import { VALUE_BITS } from './bits.ts';
import type { Compressor, ExactMoments } from './types.ts';
import { checkDim, checkInput } from './validate.ts';

/**
 * @example
 * terngrad(3).compress(Float64Array.of(2, -2, 0), key(0));
 * // returns Float64Array [2, -2, 0]  (entries at ±‖x‖_∞ are kept with probability 1)
 */
export function terngrad(d: number): Compressor {
  checkDim('terngrad', d);
  const name = `terngrad(d=${d})`;
  return {
    name,
    dim: d,
    contract: { kind: 'unbiased', omega: (Math.sqrt(d) - 1) / 2 },
    deterministic: false,
    bits: () => ({ values: VALUE_BITS + 2 * d, indices: 0 }),
    compress: (x: ReadonlyVector, key: Key): Vector => {
      checkInput(name, d, x);
      const out = new Float64Array(d);
      const m = normInf(x);
      if (m === 0) return out;
      const u = uniform(key, d);
      for (let j = 0; j < d; j++) {
        const t = x[j];
        if (t !== 0 && u[j] < Math.abs(t) / m) out[j] = t < 0 ? -m : m;
      }
      return out;
    },
    expectation: (x: ReadonlyVector): ExactMoments => {
      checkInput(name, d, x);
      const mean = new Float64Array(d);
      const m = normInf(x);
      let errorSq = 0;
      for (let j = 0; j < d; j++) {
        mean[j] = x[j];
        const a = Math.abs(x[j]);
        errorSq += a * (m - a);
      }
      return { mean, errorSq };
    },
  };
}
