/**
 * Nesterov's worst-case quadratic for strongly convex first-order methods [Nesterov 2018, Lectures on Convex
 * Optimization, §2.1.4, the function behind Thm 2.1.13], truncated to ℝ^d, on n identical nodes:
 *   f(x) = ((L − μ)/8)·(x₁² + Σ_{j<d}(x_j − x_{j+1})² − 2x₁) + (μ/2)‖x‖² = ½xᵀAx − bᵀx,
 *   A = c·T + μI, c = (L − μ)/4, T = tridiag(−1, 2, −1) with T_dd = 1, b = c·e₁,
 * so μI ⪯ A ⪯ LI (0 ⪯ T ⪯ 4I) and the nominal κ = L/μ bounds the true condition number. The chain structure: if x
 * is supported on the first s coordinates then ∇f(x) = Ax − b is supported on the first s + 1. Hence the exact
 * value floor LB(s) = min{f(x) − f* : supp x ⊆ {1, …, s}} = ½c²((A⁻¹)₁₁ − (A_s⁻¹)₁₁) (A_s the leading s×s block,
 * LB(0) = f(0) − f*), computed by the continued fraction of a tridiagonal inverse, O(s) per s [D].
 */
import type { ReadonlyVector, Vector } from '../../../src/linalg/vector.ts';
import type { Problem } from '../../../src/problems/types.ts';

export interface ChainInstance {
  readonly problem: Problem;
  readonly d: number;
  readonly kappa: number;
  /** LB(s) for s = 0…d (LB(d) = 0). */
  readonly floor: Float64Array;
}

/** (A_s⁻¹)₁₁ for the leading s×s block of a symmetric tridiagonal matrix (diagonal `diag`, off-diagonal −c). */
function inverseCorner(diag: (j: number) => number, c: number, s: number): number {
  // Schur complements from the bottom: φ_s = D_s, φ_j = D_j − c²/φ_{j+1}; (A_s⁻¹)₁₁ = 1/φ_1.
  let phi = diag(s - 1);
  for (let j = s - 2; j >= 0; j--) phi = diag(j) - (c * c) / phi;
  return 1 / phi;
}

/**
 * @example
 * chainInstance(32, 100, 1).floor[0] > chainInstance(32, 100, 1).floor[1];
 * // returns true
 */
export function chainInstance(d: number, kappa: number, n: number, L = 1): ChainInstance {
  if (!(Number.isInteger(d) && d >= 2)) throw new RangeError(`chainInstance: need an integer d ≥ 2, got ${d}`);
  if (!(kappa > 1)) throw new RangeError(`chainInstance: need κ > 1, got ${kappa}`);
  const mu = L / kappa;
  const c = (L - mu) / 4;
  const diagFull = (j: number): number => (j === d - 1 ? c : 2 * c) + mu;
  const diagLead = (): number => 2 * c + mu;
  const applyA = (x: ReadonlyVector): Vector => {
    const out = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      let v = diagFull(j) * x[j];
      if (j > 0) v -= c * x[j - 1];
      if (j < d - 1) v -= c * x[j + 1];
      out[j] = v;
    }
    return out;
  };
  const fStar = -0.5 * c * c * inverseCorner(diagFull, c, d);
  const floor = new Float64Array(d + 1);
  floor[0] = -fStar;
  for (let s = 1; s < d; s++) floor[s] = -0.5 * c * c * inverseCorner(diagLead, c, s) - fStar;
  const fI = (_i: number, x: ReadonlyVector): number => {
    const Ax = applyA(x);
    let v = 0;
    for (let j = 0; j < d; j++) v += 0.5 * x[j] * Ax[j];
    return v - c * x[0];
  };
  const gradI = (_i: number, x: ReadonlyVector): Vector => {
    const g = applyA(x);
    g[0] -= c;
    return g;
  };
  const problem: Problem = {
    name: `nesterov-chain(d=${d},κ=${kappa},n=${n})`,
    dim: d,
    n,
    fI,
    gradI,
    L,
    Li: Array.from({ length: n }, () => L),
    fInf: fStar,
    fInfExact: true,
    mu,
  };
  return { problem, d, kappa, floor };
}

/** One past the last non-zero coordinate of v (0 for v = 0): the reach of a vector along the chain. */
export function reach(v: ReadonlyVector): number {
  for (let j = v.length - 1; j >= 0; j--) if (v[j] !== 0) return j + 1;
  return 0;
}
