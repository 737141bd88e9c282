/**
 * EF14 (src/algorithms/ef14.ts) on a separable quadratic f_i(x) = ½Σ_j a_ij x_j² + b_ij x_j with a Gaussian oracle,
 * every state kept: the runs behind ef14-corrected-iterate (docs/theory.md §2.1).
 */
import { ef14, type EF14State } from '../../../src/algorithms/ef14.ts';
import { trajectory } from '../../../src/algorithms/run.ts';
import type { Compressor } from '../../../src/compressors/types.ts';
import { gaussianOracle } from '../../../src/oracles/gaussian.ts';
import type { Oracle } from '../../../src/oracles/types.ts';
import { diagonalQuadratic } from '../../../src/problems/diagonal-quadratic.ts';
import type { Key } from '../../../src/rng/key.ts';
import type { Sides } from '../../../src/report/verdict.ts';
import type { JsonValue, Trial } from '../../types.ts';

export interface Ef14Instance {
  readonly n: number;
  readonly d: number;
  /** Curvatures a_ij ∈ [0.1, 2] and linear terms b_ij ∈ [−1, 1] of f_i(x) = ½Σ_j a_ij x_j² + b_ij x_j. */
  readonly a: readonly (readonly number[])[];
  readonly b: readonly (readonly number[])[];
  readonly x0: readonly number[];
  readonly sigma: number;
  /** γ as a fraction of 1/max_i L_i. */
  readonly stepFraction: number;
}

/** EF14 on the instance: every state t = 0…T (fewer if a wild compressor makes the run overflow). */
export function ef14States(
  inst: Ef14Instance,
  compressor: Compressor,
  T: number,
  runKey: Key,
): { states: EF14State[]; oracle: Oracle; gamma: number } {
  const problem = diagonalQuadratic(
    inst.a.map((r) => [...r]),
    inst.b.map((r) => [...r]),
  );
  const oracle = gaussianOracle(problem, inst.sigma);
  const gamma = inst.stepFraction / Math.max(...problem.Li);
  const run = trajectory(ef14({ gamma, compressor, x0: inst.x0 }), oracle, T, runKey, { keepStates: true });
  return { states: run.states ?? [], oracle, gamma };
}

/** Per-round, per-coordinate sides as trials, each labelled with where it came from. */
export function flatTrials(rows: readonly Sides[][], instance: (t: number, j: number) => JsonValue): Trial[] {
  return rows.flatMap((r, t) => r.map((s, j) => ({ ...s, instance: instance(t, j) })));
}
