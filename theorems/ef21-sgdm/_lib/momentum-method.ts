/**
 * What a derived one-step inequality of the momentum family needs from its method (EF21-SGDM, EF21-SGD2M
 * [Fatkhullin, Tyurin, Richtárik 2023, Thms 2–3], and EF21-SGD [Fatkhullin et al. 2021, Alg. 2] as the η = 1 member):
 *   E[Λ_{t+1} | state_t] ≤ Λ_t − (γ/2)‖∇f(x^t)‖² + γ·N(α, η, σ, n)    for γ ≤ γ_max(α, η, L, L̃),
 * with Λ = f(x) − f_inf + (weighted error terms). The method gives its real step, its weighted terms (Λ without
 * the f-part: f is handled by the sides, which take f(x⁺) − f(x) directly so that f_inf and |f| cancel exactly),
 * its own step rule and its noise term.
 */
import type { Algorithm, MethodState } from '../../../src/algorithms/types.ts';
import type { Compressor } from '../../../src/compressors/types.ts';
import type { Problem } from '../../../src/problems/types.ts';

/** A value with the magnitude of its summands (for the tolerance). */
export interface LyapunovValue {
  readonly value: number;
  /** Σ|summands|. */
  readonly scale: number;
}

/** The state vectors a method's state is built from (u_i is ignored by methods without a second momentum). */
export interface MomentumStateInput {
  readonly x: ArrayLike<number>;
  readonly vi: readonly ArrayLike<number>[];
  readonly ui: readonly ArrayLike<number>[];
  readonly gi: readonly ArrayLike<number>[];
}

/** The states of the family: each carries the node estimators g_i whose mean is the master's step direction. */
export type NodeEstimatorState = MethodState & { readonly gi: readonly ArrayLike<number>[] };

export interface MomentumMethod<S extends NodeEstimatorState> {
  /** 'EF21-SGDM', for claims and notes. */
  readonly label: string;
  /** Whether the state has a second momentum u_i (EF21-SGD2M). */
  readonly secondMomentum: boolean;
  /** Whether η is a parameter of the method (EF21-SGD has none: it is the η = 1 member). */
  readonly momentum: boolean;
  build(gamma: number, eta: number, compressor: Compressor): Algorithm<unknown, S>;
  /** The method's state holding x, v_i, (u_i,) g_i, with g = mean g_i. */
  state(input: MomentumStateInput): S;
  /** Λ − δ: the weighted error terms of the Lyapunov function. */
  terms(problem: Problem, alpha: number, gamma: number, eta: number, s: S): LyapunovValue;
  /** γ_max of the derived theorem, computed by the theorem file from its own derivation. */
  stepSize(problem: Pick<Problem, 'L' | 'Li'>, alpha: number, eta: number): number;
  /** N(α, η, σ, n): the noise term, multiplied by γ in the claim. */
  noiseTerm(alpha: number, eta: number, sigma: number, n: number): number;
}
