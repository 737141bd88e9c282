/**
 * Bernoulli (biased random) sparsification: keep coordinate j independently with probability p_j, no rescaling
 * (docs/theory.md §1.1 row 4). E C(x) = (p_j x_j)_j and E‖C(x) − x‖² = Σ_j (1 − p_j)x_j² ≤ (1 − min_j p_j)‖x‖², with
 * equality at x = e_{argmin p}: contractive α = min_j p_j [D]. Exact per coordinate.
 * Sampling: coordinate j is kept when u_j < p_j for a 53-bit uniform u_j, so P(keep) = p_j up to 2^−53.
 * Wire format: one (64-bit value, ⌈log₂ d⌉-bit index) pair per non-zero output entry; the count is random, so
 * the index bits include a ⌈log₂(d + 1)⌉-bit count header (an empty message still costs that header).
 */
import { nnz, type ReadonlyVector, type Vector } from '../linalg/vector.ts';
import type { Key } from '../rng/key.ts';
import { uniform } from '../rng/sample.ts';
import { sparseBits } from './bits.ts';
import { withCountHeader } from './count-header.ts';
import type { CoordinateProjection } from './projection.ts';
import type { ExactMoments } from './types.ts';
import { checkDim, checkInput } from './validate.ts';

function describeP(ps: readonly number[], scalar: boolean): string {
  if (scalar) return `p=${ps[0]}`;
  if (ps.length <= 6) return `p=[${ps.join(',')}]`;
  return `p=[${Math.min(...ps)}..${Math.max(...ps)}]`;
}

/**
 * Keep probability p (one for all coordinates, or one per coordinate), each in (0, 1].
 * @example
 * bernoulliSparsifier(3, 1).compress(Float64Array.of(1, -2, 3), key(0));
 * // returns Float64Array [1, -2, 3]
 */
export function bernoulliSparsifier(d: number, p: number | readonly number[]): CoordinateProjection {
  checkDim('bernoulli', d);
  const scalar = typeof p === 'number';
  const ps: readonly number[] = scalar ? Array.from({ length: d }, () => p) : p;
  if (ps.length !== d)
    throw new RangeError(`bernoulli: need one probability per coordinate, got ${ps.length} for d=${d}`);
  for (const pj of ps) {
    if (!(pj > 0 && pj <= 1)) throw new RangeError(`bernoulli: need every p_j in (0, 1], got ${pj}`);
  }
  const prob = Float64Array.from(ps);
  let alpha = 1;
  for (const pj of ps) alpha = Math.min(alpha, pj);
  const name = `bernoulli(${describeP(ps, scalar)},d=${d})`;
  return {
    name,
    dim: d,
    contract: { kind: 'contractive', alpha },
    deterministic: alpha === 1,
    coordinateProjection: true,
    bits: (out: ReadonlyVector) => withCountHeader(sparseBits(nnz(out), d), d),
    compress: (x: ReadonlyVector, key: Key): Vector => {
      checkInput(name, d, x);
      const u = uniform(key, d);
      const out = new Float64Array(d);
      for (let j = 0; j < d; j++) if (u[j] < prob[j]) out[j] = x[j];
      return out;
    },
    expectation: (x: ReadonlyVector): ExactMoments => {
      checkInput(name, d, x);
      const mean = new Float64Array(d);
      let errorSq = 0;
      for (let j = 0; j < d; j++) {
        mean[j] = prob[j] * x[j];
        errorSq += (1 - prob[j]) * x[j] * x[j];
      }
      return { mean, errorSq };
    },
  };
}
