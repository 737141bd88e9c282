/**
 * The EF21 family's one-step inequalities as settings of the adversary's search space (descent-space.ts): which
 * step rule, which master weights and targets, which Lyapunov weights. Every constant comes from constants.ts,
 * the papers' formulas transcribed independently of src/algorithms/step-sizes.ts.
 */
import {
  amLyapunovWeights,
  ef21AmGamma,
  ef21Gamma,
  ef21PlGamma,
  ef21PpGamma,
  ef21wWeights,
  uniformNodeWeights,
} from './constants.ts';
import type { DescentSetting } from './descent-space.ts';

const EF21_STEP = { form: 'descent', masterWeights: uniformNodeWeights, implementation: 'ef21' } as const;

/** EF21, γ = 1/(L + L̃ξ(α)), Φ with c_i = 1/n [Richtárik, Sokolov, Fatkhullin 2021, Thm 1]. */
export const ef21Setting: DescentSetting = {
  ...EF21_STEP,
  label: 'EF21 at γ = 1/(L + L̃ξ(α)), Φ with c_i = 1/n',
  gamma: (c, alpha) => ef21Gamma(c, alpha),
  lyapunovWeights: uniformNodeWeights,
};

/** EF21, γ = 1/(L + L_AM ξ(α)), Φ^AM with c_i = (1/n)L_AM/L_i [Richtárik, Gasanov, Burlachenko 2024, Thm 3]. */
export const ef21AmSetting: DescentSetting = {
  ...EF21_STEP,
  label: 'EF21 at γ = 1/(L + L_AM ξ(α)), Φ^AM with c_i = (1/n)L_AM/L_i',
  gamma: (c, alpha) => ef21AmGamma(c, alpha),
  lyapunovWeights: amLyapunovWeights,
};

/** The same AM step judged by Theorem 1's unweighted Φ: no theorem covers it (γ_AM ≥ γ_QM). */
export const ef21AmUnweightedSetting: DescentSetting = {
  ...EF21_STEP,
  label: 'EF21 at γ = 1/(L + L_AM ξ(α)), unweighted Φ (c_i = 1/n)',
  gamma: (c, alpha) => ef21AmGamma(c, alpha),
  lyapunovWeights: uniformNodeWeights,
};

/** EF21 under PL: Ψ⁺ ≤ (1 − γμ)Ψ at γ = min{1/(L + L̃ sqrt(2β/θ)), θ/(2μ)} [Richtárik, Sokolov, Fatkhullin 2021, Thm 2]. */
export const ef21PlSetting: DescentSetting = {
  ...EF21_STEP,
  form: 'contraction',
  label: 'EF21 under PL at γ = min{1/(L + L̃ sqrt(2β/θ)), θ/(2μ)}, Ψ with c_i = 1/n',
  gamma: (c, alpha) => ef21PlGamma(c, alpha),
  lyapunovWeights: uniformNodeWeights,
};

/** EF21-PP: α replaced by pα in θ and in the step (derived form) [Fatkhullin et al. 2021, EF21-PP]. */
export function ef21PpSetting(participation: readonly number[]): DescentSetting {
  return {
    ...EF21_STEP,
    label: 'EF21-PP at γ = 1/(L + L̃ξ(pα)), Φ_p with θ(pα), exact over participation',
    gamma: (c, alpha, p) => ef21PpGamma(c, alpha, p),
    lyapunovWeights: uniformNodeWeights,
    participation,
  };
}

/**
 * EF21-W at γ = 1/(L + L_AM ξ(α)) with master weights, targets ∇f_i/(n w_i) and Lyapunov weights all w_i
 * [Richtárik, Gasanov, Burlachenko 2024, Thm 2]. `weights` is a parameter so that a spec can hand it the uniform
 * weights, under which EF21-W is EF21 and the AM step loses its guarantee.
 */
export function ef21wSetting(weights: (Li: readonly number[]) => number[] = ef21wWeights): DescentSetting {
  return {
    form: 'descent',
    label: `EF21-W at γ = 1/(L + L_AM ξ(α)), Φ^W with ${weights === ef21wWeights ? 'w_i = L_i/ΣL_j' : 'substituted weights'}`,
    gamma: (c, alpha) => ef21AmGamma(c, alpha),
    masterWeights: weights,
    lyapunovWeights: weights,
    implementation: 'ef21-w',
  };
}
