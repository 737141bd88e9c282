/**
 * diana: DIANA [Mishchenko et al. 2019, Alg. 1] (src/algorithms/diana.ts), unbiased compressors C_i ∈ U(ω) with
 * learned shifts h_i. The registry's γ is DIANA's own step x⁺ = x − γg.
 *
 * Hyperparameters: the compressor, its randomness across nodes, and the shift step α. α has no fixed default: the
 * theory step sets it to 1/(1 + ω) of the compressor (both published codes, docs/theory.md §A2.1), and its γ is the
 * derived rule 1/(L + 6ωL_max/n) (docs/theory.md §A2.3, [D]), which needs the compressor's ω (an unbiased compressor,
 * or the identity: ω = 0) and no μ (μ enters only the rate; ρ and M are recorded when the problem knows μ). A given
 * α is kept if the derivation covers it, 0 < α ≤ 1/(1 + ω); otherwise there is no theory step.
 * The registry runs the published init h_i⁰ = 0 (nothing sent at round 0); diana.ts's shiftInit 'gradient' stays a
 * library option (the schema has no kind for a two-way choice).
 */
import type { Compressor } from '../../compressors/types.ts';
import { RANDOMNESS, SHIFT_STEP, UPLINK_COMPRESSOR } from '../common-hyperparameters.ts';
import { dianaAlpha, dianaParameters, dianaStepSize } from '../diana-parameters.ts';
import { diana, type DianaState } from '../diana.ts';
import { defineMethod, theoryHyperparameter } from '../method-definition.ts';
import { masterVector, nodeVectors, nothingToDescribe } from '../method-facts.ts';
import { noTheoryStep, theoryNodes, theoryRule, unbiasedOmega } from '../theory-step.ts';
import type { Randomness } from '../validate.ts';

export interface DianaHyperparameters {
  readonly compressor: Compressor;
  readonly randomness?: Randomness;
  /** Shift step α; when absent, the theory step's 1/(1 + ω). */
  readonly alpha?: number;
}

const WHERE = 'docs/theory.md §A2.3';

export const dianaMethod = defineMethod<DianaHyperparameters, DianaState>({
  id: 'diana',
  summary: 'DIANA: unbiased compression of ∇f_i − h_i with learned shifts h_i⁺ = h_i + αΔ_i',
  hyperparameters: { compressor: UPLINK_COMPRESSOR, randomness: RANDOMNESS, alpha: SHIFT_STEP },
  build: (params) => {
    const { alpha, ...rest } = params;
    return { ...diana({ ...rest, alpha: theoryHyperparameter('diana', 'alpha', alpha) }), params };
  },
  theoryStep: (problem, h) => {
    const omega = unbiasedOmega(h.compressor, WHERE);
    if (typeof omega !== 'number') return omega;
    const ruleAlpha = dianaAlpha(omega);
    const alpha = h.alpha ?? ruleAlpha;
    if (!(alpha > 0 && alpha <= ruleAlpha)) {
      return noTheoryStep(
        `the theory step (${WHERE}) assumes 0 < α ≤ 1/(1 + ω) = ${ruleAlpha} (ω = ${omega}), got α = ${alpha}`,
      );
    }
    const constants = { L: problem.L, Lmax: Math.max(...problem.Li), omega, n: theoryNodes(problem) };
    const gamma = dianaStepSize(constants);
    // The Lyapunov weight and rate of the same derivation, when the problem knows μ and α is the rule's.
    const rate =
      problem.mu !== undefined && problem.mu <= problem.L && alpha === ruleAlpha
        ? dianaParameters({ ...constants, mu: problem.mu })
        : undefined;
    return theoryRule(
      gamma,
      `γ = 1/(L + 6ωL_max/n), α = 1/(1 + ω), derived one-step inequality (${WHERE}, D)`,
      { omega, ...(rate !== undefined ? { M: rate.M, rho: rate.rho } : {}) },
      h.alpha === undefined ? { alpha } : {},
    );
  },
  facts: {
    // The shifts are the per-node memory; the master keeps h = (1/n)Σ h_i from the messages alone.
    nodeVectors: [nodeVectors('h_i', 'hi')],
    aggregate: { estimators: nodeVectors('h_i', 'hi'), master: masterVector('h', 'h'), weights: 'mean' },
    // h_i⁰ = 0: nothing is sent at round 0; every round sends one compressed Δ_i per node.
    initMessage: 'none',
    roundMessage: 'compressed',
    participation: { kind: 'all' },
    downlink: { kind: 'unbilled' },
    describeState: nothingToDescribe,
  },
});
