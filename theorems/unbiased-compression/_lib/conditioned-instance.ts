/**
 * Strongly convex quadratics with an exactly controlled condition number, heterogeneous through their linear terms
 * only (src/problems/diagonal-quadratic.ts, every constant exact):
 *   f_i(x) = ½ Σ_j λ_j x_j² − b_iᵀx,   λ_j = κ^{−j/(d−1)} ∈ [1/κ, 1]   (the same curvatures on every node),
 * so L_i = L = 1, μ = 1/κ, κ = L/μ exactly; x* = b̄ ⊘ λ (b̄ = (1/n)Σ_i b_i) and ∇f_i(x) − ∇f(x) = b̄ − b_i for every x.
 * The heterogeneity ζ² = (1/n)Σ_i‖∇f_i(x*)‖² = (1/n)Σ_i‖b_i − b̄‖² is what naive compressed GD cannot remove
 * (docs/theory.md §A2) and what DIANA's shifts learn. b_ij and x⁰ are standard normal, from the key.
 */
import type { Vector } from '../../../src/linalg/vector.ts';
import { diagonalQuadratic } from '../../../src/problems/diagonal-quadratic.ts';
import type { Problem } from '../../../src/problems/types.ts';
import { foldIn, type Key } from '../../../src/rng/key.ts';
import { normal } from '../../../src/rng/sample.ts';

export interface ConditionedInstance {
  readonly problem: Problem;
  /** The curvatures λ_j. */
  readonly lambda: Float64Array;
  readonly xStar: Vector;
  /** ∇f_i(x*) = b̄ − b_i. */
  readonly gradStar: readonly Vector[];
  /** ζ² = (1/n)Σ_i‖∇f_i(x*)‖². */
  readonly zetaSq: number;
  readonly x0: Vector;
  readonly L: number;
  readonly mu: number;
}

export interface ConditionedOptions {
  readonly n: number;
  readonly d: number;
  readonly kappa: number;
  /** Multiplies every b_i − b̄ (0: identical nodes; default 1). */
  readonly heterogeneity?: number;
  /**
   * Draw b̄ and x⁰ independently of n (b_i = b̄ + ξ_i − ξ̄ with ξ_i standard normal): instances with different n then
   * share f = (1/n)Σ f_i, x* and x⁰ exactly, and differ only in how the nodes split f. Default false.
   */
  readonly commonMean?: boolean;
  /**
   * m distinct curvatures instead of d: λ_j = κ^{−⌊jm/d⌋/(m − 1)}, each value on a block of consecutive coordinates
   * (still exactly L = 1, μ = 1/κ). The exact per-coordinate law (coordinate-law.ts) then costs m, not d, per round.
   * Default: d distinct values.
   */
  readonly levels?: number;
}

/**
 * @example
 * conditionedInstance(key(1), { n: 4, d: 8, kappa: 10 }).problem.mu;
 * // returns 0.1 (to rounding)
 */
export function conditionedInstance(k: Key, o: ConditionedOptions): ConditionedInstance {
  const { n, d, kappa } = o;
  const het = o.heterogeneity ?? 1;
  const m = o.levels ?? d;
  if (!(Number.isInteger(m) && m >= 2 && m <= d) && !(m === d))
    throw new RangeError(`conditionedInstance: need 2 ≤ levels ≤ d, got ${m} (d = ${d})`);
  const level = (j: number): number => (m === d ? j : Math.floor((j * m) / d));
  const lambda = Float64Array.from({ length: d }, (_, j) => (d === 1 ? 1 : kappa ** (-level(j) / (m - 1))));
  const raw = Array.from({ length: n }, (_, i) => normal(foldIn(foldIn(k, 1), i), d));
  const rawMean = new Float64Array(d);
  for (const b of raw) for (let j = 0; j < d; j++) rawMean[j] += b[j] / n;
  const bBar = o.commonMean === true ? normal(foldIn(k, 3), d) : rawMean;
  const b = raw.map((v) => Float64Array.from(v, (u, j) => bBar[j] + het * (u - rawMean[j])));
  // The mean of the b_i is b̄ up to rounding; x* is computed from the b_i actually used.
  const mean = new Float64Array(d);
  for (const v of b) for (let j = 0; j < d; j++) mean[j] += v[j] / n;
  const problem = diagonalQuadratic(
    Array.from({ length: n }, () => Array.from(lambda)),
    b.map((v) => Array.from(v)),
  );
  const xStar = Float64Array.from(mean, (v, j) => v / lambda[j]);
  const gradStar = b.map((v) => Float64Array.from(v, (u, j) => lambda[j] * xStar[j] - u));
  let zetaSq = 0;
  for (const g of gradStar) for (let j = 0; j < d; j++) zetaSq += (g[j] * g[j]) / n;
  return {
    problem,
    lambda,
    xStar,
    gradStar,
    zetaSq,
    x0: normal(foldIn(k, 2), d),
    L: problem.L,
    mu: problem.mu as number,
  };
}

/**
 * The one-node problem f = (1/n)Σ f_i of an instance (the same λ, b̄): with commonMean, the same f for every n.
 */
export function averagedProblem(inst: ConditionedInstance): Problem {
  const n = inst.problem.n;
  const zero = new Float64Array(inst.problem.dim);
  const bBar = new Float64Array(inst.problem.dim);
  for (let i = 0; i < n; i++) {
    const g = inst.problem.gradI(i, zero);
    for (let j = 0; j < bBar.length; j++) bBar[j] -= g[j] / n;
  }
  return diagonalQuadratic([Array.from(inst.lambda)], [Array.from(bBar)]);
}
