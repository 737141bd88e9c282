/**
 * Exact expectations along a trajectory, for DIANA and for naive compressed GD with scaled rand-k on the conditioned
 * quadratics of conditioned-instance.ts: both methods are linear recursions in (x − x*, h_i − ∇f_i(x*), 1) driven by
 * rand-k, so their second moments propagate in closed form (second-moment.ts: E[C(u)C(u)ᵀ] = Q ⊙ uuᵀ) and
 * E‖x^t − x*‖², E σ_t² come out to rounding for every t, nothing sampled (docs/theory.md §A2.3 [D];
 * docs/unbiased-compression.md).
 */
import type { DianaParameters } from '../../../src/algorithms/diana-parameters.ts';
import type { ConditionedInstance } from './conditioned-instance.ts';
import { blockTrace, compressedGdSystem, dianaSystem, outer, propagate } from './second-moment.ts';

/** Exact E‖x^t − x*‖² and E σ_t² = E(1/n)Σ_i‖h_i^t − ∇f_i(x*)‖² of DIANA for t = 0…T, from x⁰ and h_i⁰ = 0. */
export function dianaExactCurves(
  inst: ConditionedInstance,
  k: number,
  par: Pick<DianaParameters, 'gamma' | 'alpha'>,
  T: number,
  randomness: 'independent' | 'shared' = 'independent',
): { e2: number[]; sigma2: number[] } {
  const { n } = inst.problem;
  const d = inst.problem.dim;
  const sys = dianaSystem(inst.lambda, n, k, par.gamma, par.alpha, randomness);
  const z0 = new Float64Array(sys.D);
  for (let j = 0; j < d; j++) z0[j] = inst.x0[j] - inst.xStar[j];
  // h_i⁰ = 0, so h_i⁰ − ∇f_i(x*) = −∇f_i(x*).
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) z0[d * (i + 1) + j] = -inst.gradStar[i][j];
  let S = outer(z0);
  const e2: number[] = [];
  const sigma2: number[] = [];
  for (let t = 0; t <= T; t++) {
    e2.push(blockTrace(S, sys.D, 0, d));
    sigma2.push(blockTrace(S, sys.D, d, n * d) / n);
    if (t < T) S = propagate(sys, S);
  }
  return { e2, sigma2 };
}

/** Exact E‖x^t − x*‖² of naive compressed GD for t = 0…T (the constant 1 carries the ∇f_i(x*) offsets). */
export function compressedGdExactCurve(
  inst: ConditionedInstance,
  k: number,
  gamma: number,
  T: number,
  randomness: 'independent' | 'shared' = 'independent',
): number[] {
  const d = inst.problem.dim;
  const sys = compressedGdSystem(inst.lambda, inst.gradStar, k, gamma, randomness);
  const z0 = new Float64Array(sys.D);
  for (let j = 0; j < d; j++) z0[j] = inst.x0[j] - inst.xStar[j];
  z0[d] = 1;
  let S = outer(z0);
  const e2: number[] = [];
  for (let t = 0; t <= T; t++) {
    e2.push(blockTrace(S, sys.D, 0, d));
    if (t < T) S = propagate(sys, S);
  }
  return e2;
}

/** One instance's exact curves for t = 0…T at the derived rule, with the constants of both sides. */
export interface ExactRun {
  readonly inst: ConditionedInstance;
  readonly par: DianaParameters;
  /** DIANA's E‖x^t − x*‖² and E σ_t². */
  readonly e2: readonly number[];
  readonly sigma2: readonly number[];
  /** Naive compressed GD's E‖x^t − x*‖² at the same γ. */
  readonly cgd: readonly number[];
  /** Mγ², the weight of σ² in Ψ. */
  readonly weight: number;
  readonly psi0: number;
  /** γ²(ω/n)ζ². */
  readonly floor: number;
}
