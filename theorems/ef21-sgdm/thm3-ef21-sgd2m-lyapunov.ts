/**
 * EF21-SGD2M (double momentum) decreases a Lyapunov function in one step, up to a noise term (derived form of
 * Theorem 3).
 *
 * Setting: as Theorem 2 (thm2-ef21-sgdm-lyapunov.ts): f = (1/n) Σ f_i, L, L_i, L̃, unbiased noise with per-node
 *   variance ≤ σ² independent across nodes, C contractive with α (top-k, α = k/d). Generated: dense quadratics
 *   (indefinite allowed), n ≤ 4, d ≤ 5, an ARBITRARY state (x, v_i, u_i, g_i), g = mean g_i.
 * Algorithm: EF21-SGD2M, src/algorithms/ef21-sgd2m.ts [Fatkhullin et al. 2023]:
 *   x⁺ = x − γg,  v_i⁺ = (1 − η)v_i + η ĝ_i(x⁺),  u_i⁺ = (1 − η)u_i + η v_i⁺,  g_i⁺ = g_i + C(u_i⁺ − g_i).
 * Claim: with G = (1/n)Σ‖g_i − u_i‖², Q = (1/n)Σ‖v_i − u_i‖², P = (1/n)Σ‖v_i − ∇f_i(x)‖², M^u = ‖u − ∇f(x)‖²,
 *   M^v = ‖v − ∇f(x)‖² and Λ = δ + (2γ/α)G + (8γη/α²)Q + (32γη/α²)P + (2γ/η)M^u + (2γ/η)M^v,
 *   for 0 < γ ≤ min{α/(20L̃), η/(10L)}, η ∈ (0, 1]:
 *   E[Λ_{t+1} | state_t] ≤ Λ_t − (γ/2)‖∇f(x^t)‖² + γ(2η⁴σ²/α + 40η³σ²/α² + 4ησ²/n).
 *   Pathwise corollary (σ = 0, top-k): Λ_{t+1} ≤ Λ_t − (γ/2)‖∇f(x^t)‖².
 * Kind: upper-in-expectation, checked EXACTLY by enumerating finite-support noise through the method's own step
 *   (finite-noise.ts), with a Gaussian Monte Carlo cross-check at z = 6 and the pathwise corollary.
 * Reference: Fatkhullin, Tyurin, Richtárik (2023), "Momentum Provably Improves Error Feedback!", NeurIPS,
 *   Theorem 3. docs/theory.md §5.4, provenance [D]: only the complexity of Theorem 3 was retrieved (§10 item 3); the
 *   Lyapunov function, step rule and noise constants are ours, so this is the "derived form of Theorem 3".
 * Teeth: γN removed fails at equilibrium states with σ > 0; the step-rule companion runs at a multiple of γ_max
 *   large enough to break the (conservative) derived rule — see STEP_TEETH_MULTIPLIER; and the adversary
 *   (_lib/momentum-space.ts) refutes the inequality at its critical multiplier m* ≈ 2.6–2.9 of γ_max.
 */
import { ef21Sgd2m, type EF21Sgd2mState } from '../../src/algorithms/ef21-sgd2m.ts';
import { mean } from '../../src/linalg/vector.ts';
import type { Problem } from '../../src/problems/types.ts';
import { theoremFile, type Budget, type Theorem, type TheoremMeta, type TheoremResult } from '../types.ts';
import { lTildeOf } from './_lib/l-tilde.ts';
import { withMomentumAdversary } from './_lib/momentum-adversary.ts';
import {
  meanDist2,
  meanDistToGrad,
  meanDistToLocalGrad,
  momentumLyapunovCheck,
  weightedTerms,
} from './_lib/momentum-lyapunov.ts';
import type { LyapunovValue, MomentumMethod, MomentumStateInput } from './_lib/momentum-method.ts';
import { momentumSpace } from './_lib/momentum-space.ts';

export const meta: TheoremMeta = {
  id: 'thm3-ef21-sgd2m-lyapunov',
  title: 'EF21-SGD2M: one-step Lyapunov descent up to a noise term',
  group: 'ef21-sgdm',
  paper: { authors: 'Fatkhullin, Tyurin, Richtárik', year: 2023 },
  theorem: 'Thm 3',
  provenance: 'D',
  kind: 'upper-in-expectation',
  statement:
    'For γ ≤ min{α/(20L̃), η/(10L)}, from any state: E[Λ_{t+1}] ≤ Λ_t − (γ/2)‖∇f(x^t)‖² + γ(2η⁴σ²/α + 40η³σ²/α² + 4ησ²/n), Λ = δ + (2γ/α)G + (8γη/α²)Q + (32γη/α²)P + (2γ/η)(M^u + M^v) (docs/theory.md §5.4)',
  file: theoremFile(import.meta.url),
};

/**
 * γ_max = min{α/(20L̃), η/(10L)} [Fatkhullin, Tyurin, Richtárik 2023, Thm 3; derived form, D]: computed here from the
 * derivation, not imported from src/algorithms/step-sizes.ts (_lib/constants.spec.ts ties the two together).
 */
export function sgd2mStepRule(p: Pick<Problem, 'L' | 'Li'>, alpha: number, eta: number): number {
  return Math.min(alpha / (20 * lTildeOf(p.Li)), eta / (10 * p.L));
}

/** Λ²ᴹ's coefficients [docs/theory.md §5.4, D]. */
export function sgd2mCoefficients(
  alpha: number,
  gamma: number,
  eta: number,
): { G: number; Q: number; P: number; Mu: number; Mv: number } {
  return {
    G: (2 * gamma) / alpha,
    Q: (8 * gamma * eta) / alpha ** 2,
    P: (32 * gamma * eta) / alpha ** 2,
    Mu: (2 * gamma) / eta,
    Mv: (2 * gamma) / eta,
  };
}

/** N = 2η⁴σ²/α + 40η³σ²/α² + 4ησ²/n [docs/theory.md §5.4, D]. */
export function sgd2mNoiseTerm(alpha: number, eta: number, sigma: number, n: number): number {
  const s2 = sigma * sigma;
  return (2 * eta ** 4 * s2) / alpha + (40 * eta ** 3 * s2) / alpha ** 2 + (4 * eta * s2) / n;
}

/** Λ²ᴹ without δ (the sides take f(x⁺) − f(x) directly) of an EF21-SGD2M state. */
export function sgd2mLyapunov(
  problem: Problem,
  alpha: number,
  gamma: number,
  eta: number,
  s: EF21Sgd2mState,
): LyapunovValue {
  const c = sgd2mCoefficients(alpha, gamma, eta);
  return weightedTerms([
    [c.G, meanDist2(s.gi, s.ui)],
    [c.Q, meanDist2(s.vi, s.ui)],
    [c.P, meanDistToLocalGrad(problem, s.vi, s.x)],
    [c.Mu, meanDistToGrad(problem, s.ui, s.x)],
    [c.Mv, meanDistToGrad(problem, s.vi, s.x)],
  ]);
}

export const ef21Sgd2mMethod: MomentumMethod<EF21Sgd2mState> = {
  label: 'EF21-SGD2M',
  secondMomentum: true,
  momentum: true,
  build: (gamma, eta, compressor) => ef21Sgd2m({ gamma, eta, compressor }),
  state: (inst: MomentumStateInput): EF21Sgd2mState => {
    const gi = inst.gi.map((v) => Float64Array.from(v));
    return {
      t: 0,
      x: Float64Array.from(inst.x),
      g: mean(gi),
      gi,
      vi: inst.vi.map((v) => Float64Array.from(v)),
      ui: inst.ui.map((v) => Float64Array.from(v)),
      bitsPerNode: 0,
      initBitsPerNode: 0,
    };
  },
  terms: sgd2mLyapunov,
  stepSize: sgd2mStepRule,
  noiseTerm: sgd2mNoiseTerm,
};

/** What the adversary sees of this file's constants (seed 11), measured on a mutated copy at the quick budget. */
const MEASURED =
  "Recorded when the adversary was added (seed 11, before the wider momentum search): m* = 2.86 at quick and 2.62 at default (the power row above is this run's) (shrunk to n = 2, d = 1). Mutation γ ×2 (both branches of min{α/(20L̃), η/(10L)}), quick budget: not caught — the derived rule is conservative by m* ≥ 2.6 on the searched class, so a doubled rule is still safe there (its own m* measured 1.33).";

const CLAIM = 'E[Λ_{t+1}] ≤ Λ_t − (γ/2)‖∇f(x^t)‖² + γ(2η⁴σ²/α + 40η³σ²/α² + 4ησ²/n)';

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const random = momentumLyapunovCheck(
    ef21Sgd2mMethod,
    meta,
    {
      claim: CLAIM,
      claimNoNoise: 'Λ_{t+1} ≤ Λ_t − (γ/2)‖∇f(x^t)‖²',
      noiseTerm: '2η⁴σ²/α + 40η³σ²/α² + 4ησ²/n',
      stepRule: 'min{α/(20L̃), η/(10L)}',
    },
    seed,
    budget,
  );
  return withMomentumAdversary(random, ef21Sgd2mMethod, meta, CLAIM, seed, budget, MEASURED);
}

export const theorem: Theorem = { meta, check, adversary: { space: () => momentumSpace(ef21Sgd2mMethod) } };
