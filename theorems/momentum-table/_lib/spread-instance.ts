/**
 * The instance of ef14-without-bounded-gradients (docs/momentum-table.md, "Without bounded gradients"): n = 4 nodes
 * in d = 4 with f_i(x) = ½‖x − s·u_i‖², u_i = e_i − (1/4)·1, so Σ u_i = 0, f = ½‖x‖² + const, x* = 0, f_inf exact,
 * L = L_i = L̃ = 1; Gaussian noise with E‖ξ_i‖² = σ²; top-1 (α = 1/4). The spread s scales the heterogeneity
 * ζ² = (1/n) Σ‖∇f_i(x*)‖² = s²·(1/n)Σ‖u_i‖² = (3/4)s² and leaves f, L, σ and α where they are.
 * Bounded gradients fail for every s [D]: ∇f_i(x) = x − s·u_i is unbounded in x, and even along a trajectory
 * (1/n) Σ_i E‖ĝ_i(x)‖² = ‖x‖² + ζ² + σ² ≥ ζ² + σ² (parallel axis: Σ u_i = 0), so a BG constant G² valid on the
 * iterates of any method is at least (3/4)s² + σ².
 */
import { diagonalQuadratic } from '../../../src/problems/diagonal-quadratic.ts';
import type { Problem } from '../../../src/problems/types.ts';

export const SPREAD_SETTING = { nodes: 4, dim: 4, k: 1, sigma: 1, startScale: 1 } as const;

/** u_i = e_i − (1/d)·1 for i < n = d. */
export function spreadDirections(): number[][] {
  const { nodes, dim } = SPREAD_SETTING;
  return Array.from({ length: nodes }, (_, i) => Array.from({ length: dim }, (_, j) => (i === j ? 1 : 0) - 1 / dim));
}

/**
 * f_i(x) = ½‖x‖² − s·u_iᵀx, i.e. ½‖x − s·u_i‖² up to a constant (same gradients, same f − f_inf).
 * @example
 * spreadProblem(10).gradI(0, new Float64Array(4));
 * // returns Float64Array [-7.5, 2.5, 2.5, 2.5]
 */
export function spreadProblem(s: number): Problem {
  const { nodes, dim } = SPREAD_SETTING;
  const curvature = Array.from({ length: nodes }, () => new Array<number>(dim).fill(1));
  return diagonalQuadratic(
    curvature,
    spreadDirections().map((u) => u.map((v) => s * v)),
  );
}

/** ζ² = (1/n) Σ_i ‖∇f_i(x*)‖² = s²·(1/n) Σ_i ‖u_i‖² [D]. */
export function heterogeneity(s: number): number {
  const u = spreadDirections();
  let sum = 0;
  for (const ui of u) for (const v of ui) sum += v * v;
  return (s * s * sum) / u.length;
}

/** ξ(α) = sqrt(1 − α)/(1 − sqrt(1 − α)) [docs/theory.md §0.2], the fixed point of ξ = sqrt(1 − α)(1 + ξ). */
export function memoryFactor(alpha: number): number {
  const r = Math.sqrt(1 - alpha);
  return r / (1 - r);
}
