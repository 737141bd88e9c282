/**
 * ef21-sgd2m: EF21-SGD2M, double momentum (src/algorithms/ef21-sgd2m.ts), with the derived step of Thm 3,
 * γ = min{α/(20L̃), η/(10L)} (docs/theory.md §5.4).
 */
import { ef21Sgd2m, type EF21Sgd2mParams, type EF21Sgd2mState } from '../ef21-sgd2m.ts';
import { B_INIT, MOMENTUM_ETA, RANDOMNESS, UPLINK_COMPRESSOR } from '../common-hyperparameters.ts';
import type { Hyperparameters } from '../hyperparameter-schema.ts';
import { defineMethod } from '../method-definition.ts';
import { masterVector, nodeVectors, nothingToDescribe } from '../method-facts.ts';
import { ef21Sgd2mStepSize } from '../step-sizes.ts';
import { contractiveAlpha, theoryRule } from '../theory-step.ts';

export const ef21Sgd2mMethod = defineMethod<Hyperparameters<EF21Sgd2mParams>, EF21Sgd2mState>({
  id: 'ef21-sgd2m',
  summary: 'EF21-SGD2M: double momentum v_i, u_i, compress u_i − g_i',
  hyperparameters: { compressor: UPLINK_COMPRESSOR, randomness: RANDOMNESS, eta: MOMENTUM_ETA, bInit: B_INIT },
  build: (params) => ef21Sgd2m(params),
  theoryStep: (problem, h) => {
    const alpha = contractiveAlpha(h.compressor, 'docs/theory.md §5.4');
    if (typeof alpha !== 'number') return alpha;
    return theoryRule(
      ef21Sgd2mStepSize(problem, alpha, h.eta),
      'γ = min{α/(20L̃), η/(10L)}, derived form of Thm 3 (docs/theory.md §5.4, D)',
    );
  },
  facts: {
    nodeVectors: [nodeVectors('g_i', 'gi'), nodeVectors('v_i', 'vi'), nodeVectors('u_i', 'ui')],
    aggregate: { estimators: nodeVectors('g_i', 'gi'), master: masterVector('g', 'g'), weights: 'mean' },
    initMessage: 'dense',
    roundMessage: 'compressed',
    participation: { kind: 'all' },
    downlink: { kind: 'unbilled' },
    describeState: nothingToDescribe,
  },
});
