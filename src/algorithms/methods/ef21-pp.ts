/**
 * ef21-pp: EF21-PP, partial participation with probability p (src/algorithms/ef21-pp.ts), with the EF21 step at
 * α → pα (derived form, docs/theory.md §3.5).
 */
import { ef21Pp, type EF21PpParams, type EF21PpState } from '../ef21-pp.ts';
import { RANDOMNESS, UPLINK_COMPRESSOR } from '../common-hyperparameters.ts';
import type { Hyperparameters } from '../hyperparameter-schema.ts';
import { defineMethod } from '../method-definition.ts';
import { masterVector, nodeVectors } from '../method-facts.ts';
import { ef21PpStepSize, xi } from '../step-sizes.ts';
import { contractiveAlpha, theoryRule } from '../theory-step.ts';

export const ef21PpMethod = defineMethod<Hyperparameters<EF21PpParams>, EF21PpState>({
  id: 'ef21-pp',
  summary: 'EF21-PP: each node participates independently with probability p',
  hyperparameters: {
    compressor: UPLINK_COMPRESSOR,
    randomness: RANDOMNESS,
    p: {
      kind: 'number',
      required: true,
      symbol: 'p',
      doc: 'participation probability',
      range: { min: 0, max: 1, minOpen: true },
    },
  },
  build: (params) => ef21Pp(params),
  theoryStep: (problem, h) => {
    const alpha = contractiveAlpha(h.compressor, 'docs/theory.md §3.5');
    if (typeof alpha !== 'number') return alpha;
    return theoryRule(
      ef21PpStepSize(problem, alpha, h.p),
      'γ = 1/(L + L̃ξ(pα)), derived form (docs/theory.md §3.5, D)',
      { xi: xi(h.p * alpha) },
    );
  },
  facts: {
    nodeVectors: [nodeVectors('g_i', 'gi')],
    aggregate: { estimators: nodeVectors('g_i', 'gi'), master: masterVector('g', 'g'), weights: 'mean' },
    initMessage: 'dense',
    roundMessage: 'compressed',
    // Who joins is drawn per node index, so relabelling the nodes changes the run.
    participation: { kind: 'sampled', senders: (state) => state.participated },
    downlink: { kind: 'unbilled' },
    describeState: (state) => ({ participated: state.participated }),
  },
});
