/**
 * ef21-w: EF21-W, weights w_i = L_i/Σ_j L_j (src/algorithms/ef21-w.ts), with γ = 1/(L + L_AM ξ(α)) of EF21-W Thm 2
 * (docs/theory.md §4.2).
 */
import { ef21W, type EF21WParams, type EF21WState } from '../ef21-w.ts';
import { RANDOMNESS, UPLINK_COMPRESSOR } from '../common-hyperparameters.ts';
import type { Hyperparameters } from '../hyperparameter-schema.ts';
import { defineMethod } from '../method-definition.ts';
import { masterVector, nodeVectors, nodeWeights } from '../method-facts.ts';
import { ef21AmStepSize, xi } from '../step-sizes.ts';
import { contractiveAlpha, theoryRule } from '../theory-step.ts';

export const ef21WMethod = defineMethod<Hyperparameters<EF21WParams>, EF21WState>({
  id: 'ef21-w',
  summary: 'EF21-W: weights w_i = L_i/ΣL_j, g = Σ w_i g_i',
  hyperparameters: { compressor: UPLINK_COMPRESSOR, randomness: RANDOMNESS },
  build: (params) => ef21W(params),
  theoryStep: (problem, h) => {
    const alpha = contractiveAlpha(h.compressor, 'docs/theory.md §4.2');
    if (typeof alpha !== 'number') return alpha;
    return theoryRule(
      ef21AmStepSize(problem, alpha),
      'γ = 1/(L + L_AM ξ(α)), EF21-W Thm 2 (docs/theory.md §4.2, M/D)',
      { xi: xi(alpha) },
    );
  },
  facts: {
    // g_i estimates ∇f_i/(n w_i), not ∇f_i.
    nodeVectors: [nodeVectors('g_i', 'gi')],
    aggregate: {
      estimators: nodeVectors('g_i', 'gi'),
      master: masterVector('g', 'g'),
      weights: nodeWeights('w_i', 'wi'),
    },
    initMessage: 'dense',
    roundMessage: 'compressed',
    participation: { kind: 'all' },
    downlink: { kind: 'unbilled' },
    describeState: (state) => ({ weights: state.wi }),
  },
});
