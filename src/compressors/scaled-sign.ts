/**
 * Scaled sign [Karimireddy et al. 2019, EF-SignSGD; docs/theory.md §1.1 row 12]: C(x) = (‖x‖₁/d)·sign(x), sign(0) = 0.
 * Deterministic. ‖C(x) − x‖² = ‖x‖² − ‖x‖₁²(2d − nnz(x))/d² [D] ≤ (1 − 1/d)‖x‖²: contractive α = 1/d, approached
 * (not attained) by x = (1, ε, …, ε) as ε → 0.
 * ‖x‖₁/d is computed as (Σ_j |x_j|/2^e)/d · 2^e with 2^e ≥ max|x_j| (exact rescaling), so it neither overflows
 * for huge entries nor loses subnormal ones to underflow.
 * Wire format: the scale ‖x‖₁/d as one 64-bit value, then 1 sign bit per coordinate when no entry of x is zero,
 * or 2 bits per coordinate ({−1, 0, +1}) when some is. Dense: no indices.
 */
import { powerOfTwoScale } from '../linalg/norms.ts';
import { nnz, type ReadonlyVector, type Vector } from '../linalg/vector.ts';
import { VALUE_BITS } from './bits.ts';
import { deterministicExpectation } from './deterministic-expectation.ts';
import type { Compressor } from './types.ts';
import { checkDim, checkInput } from './validate.ts';

/**
 * @example
 * scaledSign(4).compress(Float64Array.of(3, -1, 0, 4), key(0));
 * // returns Float64Array [2, -2, 0, 2]
 */
export function scaledSign(d: number): Compressor {
  checkDim('scaled-sign', d);
  const name = `scaled-sign(d=${d})`;
  const compress = (x: ReadonlyVector): Vector => {
    checkInput(name, d, x);
    const p = powerOfTwoScale(x);
    let sum = 0;
    for (let j = 0; j < d; j++) sum += Math.abs(x[j]) / p;
    const c = (sum / d) * p;
    const out = new Float64Array(d);
    for (let j = 0; j < d; j++) out[j] = x[j] > 0 ? c : x[j] < 0 ? -c : 0;
    return out;
  };
  return {
    name,
    dim: d,
    contract: { kind: 'contractive', alpha: 1 / d },
    deterministic: true,
    bits: (out: ReadonlyVector) => ({ values: VALUE_BITS + (nnz(out) === d ? 1 : 2) * d, indices: 0 }),
    compress,
    expectation: deterministicExpectation(compress),
  };
}
