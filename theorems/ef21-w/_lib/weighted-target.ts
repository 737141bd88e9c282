/**
 * EF21-W's node target h_i(x) = ∇f_i(x)/(n w_i) [Richtárik, Gasanov, Burlachenko 2024, Alg. 2]: what g_i tracks,
 * and what Φ^W = f − f_inf + (γ/(2θ))Σ_i w_i‖g_i − h_i(x)‖² measures the distance to.
 */
import type { ReadonlyVector, Vector } from '../../../src/linalg/vector.ts';
import type { Problem } from '../../../src/problems/types.ts';
import type { Target } from '../../ef21/_lib/lyapunov.ts';

/** The weights a check runs with: w_i = L_i/ΣL_j for the claim; specs substitute others. */
export type Weights = (Li: readonly number[]) => number[];

/** h_i(x) = ∇f_i(x)/(n w_i). */
export function weightedTarget(problem: Problem, wi: readonly number[]): Target {
  return (i: number, x: ReadonlyVector): Vector => {
    const g = problem.gradI(i, x);
    const s = 1 / (problem.n * wi[i]);
    for (let j = 0; j < g.length; j++) g[j] *= s;
    return g;
  };
}
