/**
 * EF14 (src/algorithms/ef14.ts) on a separable quadratic f_i(x) = ½Σ_j a_ij x_j² + b_ij x_j with a Gaussian oracle,
 * every state kept, and the seeded instances: the runs behind ef14-corrected-iterate (docs/theory.md §2.1).
 */
import { ef14, type EF14State } from '../../../src/algorithms/ef14.ts';
import { trajectory } from '../../../src/algorithms/run.ts';
import type { MethodState } from '../../../src/algorithms/types.ts';
import type { Compressor } from '../../../src/compressors/types.ts';
import type { ReadonlyVector, Vector } from '../../../src/linalg/vector.ts';
import { gaussianOracle } from '../../../src/oracles/gaussian.ts';
import type { Oracle } from '../../../src/oracles/types.ts';
import { diagonalQuadratic } from '../../../src/problems/diagonal-quadratic.ts';
import { split, type Key } from '../../../src/rng/key.ts';
import { integerBelow, uniform } from '../../../src/rng/sample.ts';
import type { Sides } from '../../../src/report/verdict.ts';

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

/** A seeded instance at unit scale: n ∈ 1…4, and d ∈ 1…8 unless given. */
export function seededEf14Instance(k: Key, dim?: number): Ef14Instance {
  const [kn, kd, ku, ks] = split(k, 4);
  const n = 1 + integerBelow(kn, 4);
  const d = dim ?? 1 + integerBelow(kd, 8);
  const u = uniform(ku, 2 * n * d + d + 1);
  const a = Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, j) => 0.1 + 1.9 * u[i * d + j]));
  const b = Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, j) => 2 * u[n * d + i * d + j] - 1));
  const x0 = Array.from({ length: d }, (_, j) => 2 * u[2 * n * d + j] - 1);
  return { n, d, a, b, x0, sigma: integerBelow(ks, 2) === 0 ? 0 : 0.5, stepFraction: 0.05 + 0.95 * u[2 * n * d + d] };
}

/** A state with its direction g and (for EF14) memories: what the identity and its teeth read. */
export type Directed = MethodState & { readonly g: Vector; readonly ei?: readonly Vector[] };

/**
 * Both sides of ef14-corrected-iterate's identity per round and coordinate along `states`, for the iterate read off
 * each state (the claim's sgdIdentitySides, passed in).
 */
export type IdentitySides = <S extends Directed>(
  states: readonly S[],
  gradients: readonly (readonly ReadonlyVector[])[],
  gamma: number,
  iterate: (s: S) => Vector,
) => Sides[][];

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
