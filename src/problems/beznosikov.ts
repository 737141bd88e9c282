/**
 * The divergence instance of naive distributed compressed GD with Top1 [Beznosikov et al. 2020; docs/theory.md §2.3]:
 *   n = d = 3,  f_i(x) = ⟨a_i, x⟩² + ¼‖x‖²,  a_1 = (−3, 2, 2), a_2 = (2, −3, 2), a_3 = (2, 2, −3).
 * Every constant is exact: ∇²f_i = 2a_ia_iᵀ + ½I, so L_i = 2‖a_i‖² + ½ = 34.5; ∇²f = (1/3)Σ(2a_ia_iᵀ + ½I) has
 * eigenvalues {7/6, 103/6, 103/6} (docs/theory.md §2.3), so L = 103/6, μ = 7/6, and x* = 0 with f_inf = 0.
 */
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import type { Problem } from './types.ts';

const A: readonly (readonly [number, number, number])[] = [
  [-3, 2, 2],
  [2, -3, 2],
  [2, 2, -3],
];

/**
 * @example
 * beznosikovInstance().gradI(0, Float64Array.of(1, 1, 1));
 * // returns Float64Array [-5.5, 4.5, 4.5]
 */
export function beznosikovInstance(): Problem {
  const check = (i: number, x: ReadonlyVector): void => {
    if (!(Number.isInteger(i) && i >= 0 && i < 3))
      throw new RangeError(`beznosikov: node index must be 0, 1 or 2, got ${i}`);
    if (x.length !== 3) throw new RangeError(`beznosikov: x must have length 3, got ${x.length}`);
  };
  const fI = (i: number, x: ReadonlyVector): number => {
    check(i, x);
    const a = A[i];
    const s = a[0] * x[0] + a[1] * x[1] + a[2] * x[2];
    return s * s + 0.25 * (x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
  };
  const gradI = (i: number, x: ReadonlyVector): Vector => {
    check(i, x);
    const a = A[i];
    const s = 2 * (a[0] * x[0] + a[1] * x[1] + a[2] * x[2]);
    return Float64Array.of(s * a[0] + 0.5 * x[0], s * a[1] + 0.5 * x[1], s * a[2] + 0.5 * x[2]);
  };
  return {
    name: 'beznosikov(n=3,d=3)',
    dim: 3,
    n: 3,
    fI,
    gradI,
    L: 103 / 6,
    Li: [34.5, 34.5, 34.5],
    fInf: 0,
    fInfExact: true,
    mu: 7 / 6,
  };
}
