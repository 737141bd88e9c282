/**
 * Hard threshold λ [Sahu et al. 2021, "Rethinking gradient sparsification as total error minimization"; docs/theory.md
 * §1.1 row 14]: C_λ(x)_j = x_j if |x_j| ≥ λ, else 0. Deterministic. Not contractive for any α > 0 (every x with
 * ‖x‖_∞ < λ maps to 0, error ratio 1), so it is declared *absolute*: ‖C_λ(x) − x‖² = Σ_{|x_j|<λ} x_j² < dλ²
 * (the supremum dλ² is approached as all |x_j| → λ⁻) [D].
 * Wire format: one (64-bit value, ⌈log₂ d⌉-bit index) pair per kept entry (kept entries are non-zero as λ > 0);
 * the count varies, so the index bits include a ⌈log₂(d + 1)⌉-bit count header.
 */
import { nnz, type ReadonlyVector, type Vector } from '../linalg/vector.ts';
import { sparseBits } from './bits.ts';
import { withCountHeader } from './count-header.ts';
import { deterministicExpectation } from './deterministic-expectation.ts';
import type { CoordinateProjection } from './projection.ts';
import { checkDim, checkInput } from './validate.ts';

/**
 * @example
 * hardThreshold(4, 1).compress(Float64Array.of(0.5, -1, 2, -0.99), key(0));
 * // returns Float64Array [0, -1, 2, 0]
 */
export function hardThreshold(d: number, lambda: number): CoordinateProjection {
  checkDim('hard-threshold', d);
  if (!(lambda > 0 && Number.isFinite(lambda)))
    throw new RangeError(`hard-threshold: need a finite λ > 0, got lambda=${lambda}`);
  const name = `hard-threshold(lambda=${lambda},d=${d})`;
  const compress = (x: ReadonlyVector): Vector => {
    checkInput(name, d, x);
    const out = new Float64Array(d);
    for (let j = 0; j < d; j++) if (Math.abs(x[j]) >= lambda) out[j] = x[j];
    return out;
  };
  return {
    name,
    dim: d,
    contract: { kind: 'absolute', deltaSq: d * lambda * lambda },
    deterministic: true,
    coordinateProjection: true,
    bits: (out: ReadonlyVector) => withCountHeader(sparseBits(nnz(out), d), d),
    compress,
    expectation: deterministicExpectation(compress),
  };
}
