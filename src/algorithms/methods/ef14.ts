/**
 * ef14: classic error feedback (Seide et al. 2014) in the EF21 authors' code form (src/algorithms/ef14.ts). It has
 * no step-size guarantee of its own; the EF21 authors' EF14 script reuses EF21's γ (docs/theory.md §3.9), and so
 * does `--gamma theory`.
 */
import { ef14, type EF14Params, type EF14State } from '../ef14.ts';
import { RANDOMNESS, UPLINK_COMPRESSOR } from '../common-hyperparameters.ts';
import type { Hyperparameters } from '../hyperparameter-schema.ts';
import { defineMethod } from '../method-definition.ts';
import { nodeVectors, nothingToDescribe } from '../method-facts.ts';
import { ef21StepSize, xi } from '../step-sizes.ts';
import { contractiveAlpha, theoryRule } from '../theory-step.ts';

export const ef14Method = defineMethod<Hyperparameters<EF14Params>, EF14State>({
  id: 'ef14',
  summary: 'classic error feedback (Seide et al. 2014), gradient-unit memory e_i',
  hyperparameters: { compressor: UPLINK_COMPRESSOR, randomness: RANDOMNESS },
  build: (params) => ef14(params),
  theoryStep: (problem, h) => {
    const alpha = contractiveAlpha(h.compressor, 'docs/theory.md §3.9');
    if (typeof alpha !== 'number') return alpha;
    return theoryRule(
      ef21StepSize(problem, alpha),
      "EF21's γ = 1/(L + L̃ξ(α)), as the EF21 authors' EF14 script uses (docs/theory.md §3.9, P); no EF14 guarantee",
      { xi: xi(alpha) },
    );
  },
  facts: {
    nodeVectors: [nodeVectors('e_i', 'ei')],
    // g is the mean of the messages c_i, which the state does not keep: there is no estimator to aggregate.
    aggregate: null,
    initMessage: 'compressed',
    roundMessage: 'compressed',
    participation: { kind: 'all' },
    downlink: { kind: 'unbilled' },
    describeState: nothingToDescribe,
  },
});
