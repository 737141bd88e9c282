/**
 * The three-point noise of the Theorem 1 instance (docs/theory.md §5.2, reconstruction [R], moments [D]):
 *   ĝ_i(x) = ∇f_i(x) + ξ,  ξ uniform over {(2c, −c), (−2c, −c), (0, 2c)},  c = sqrt(3/14)·σ,
 * so E ξ = 0 and E‖ξ‖² = (2·5c² + 4c²)/3 = 14c²/3 = σ² exactly. Top1 keeps the first coordinate of the first two
 * points and the second of the third, hence E Top1(ξ) = (0, 2c/3) ≠ 0: the bias EF21-SGD-ideal cannot remove.
 * Needs d = 2. Independent across nodes (foldIn(key, i)) unless `shared`.
 */
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import { foldIn, type Key } from '../rng/key.ts';
import { integerBelow } from '../rng/sample.ts';
import type { Problem } from '../problems/types.ts';
import type { Oracle } from './types.ts';

export interface SupportPoint {
  readonly p: number;
  readonly value: Float64Array;
}

function checkSigma(sigma: number): void {
  if (!(Number.isFinite(sigma) && sigma >= 0)) throw new RangeError(`three-point oracle: need σ ≥ 0, got σ=${sigma}`);
}

/**
 * The law of ξ, for exact expectations by enumeration.
 * @example
 * threePointSupport(Math.sqrt(14 / 3)).map((s) => s.value);
 * // returns [Float64Array [2, -1], Float64Array [-2, -1], Float64Array [0, 2]]
 */
export function threePointSupport(sigma: number): readonly SupportPoint[] {
  checkSigma(sigma);
  const c = Math.sqrt(3 / 14) * sigma;
  return [
    { p: 1 / 3, value: Float64Array.of(2 * c, -c) },
    { p: 1 / 3, value: Float64Array.of(-2 * c, -c) },
    { p: 1 / 3, value: Float64Array.of(0, 2 * c) },
  ];
}

export function threePointOracle(problem: Problem, sigma: number, options: { readonly shared?: boolean } = {}): Oracle {
  checkSigma(sigma);
  if (problem.dim !== 2) throw new RangeError(`three-point oracle: needs d = 2, got d=${problem.dim}`);
  const shared = options.shared ?? false;
  const support = threePointSupport(sigma);
  return {
    name: `three-point(σ=${sigma}${shared ? ',shared' : ''})`,
    problem,
    sigma,
    shared,
    gradI: (i: number, x: ReadonlyVector, key: Key): Vector => {
      const g = problem.gradI(i, x);
      if (sigma === 0) return g;
      const xi = support[integerBelow(shared ? key : foldIn(key, i), 3)].value;
      g[0] += xi[0];
      g[1] += xi[1];
      return g;
    },
  };
}
