/**
 * ef21-sgdm: EF21-SGDM, Alg. 1 of Fatkhullin, Tyurin, Richtárik 2023 (src/algorithms/ef21-sgdm.ts), with the
 * derived step of Thm 2, γ = min{α/(10L̃), η/(3L)} (docs/theory.md §5.3).
 */
import { ef21Sgdm, type EF21SgdmParams, type EF21SgdmState } from '../ef21-sgdm.ts';
import { B_INIT, MOMENTUM_ETA, RANDOMNESS, UPLINK_COMPRESSOR } from '../common-hyperparameters.ts';
import type { Hyperparameters } from '../hyperparameter-schema.ts';
import { defineMethod } from '../method-definition.ts';
import { masterVector, nodeVectors, nothingToDescribe } from '../method-facts.ts';
import { ef21SgdmStepSize } from '../step-sizes.ts';
import { contractiveAlpha, theoryRule } from '../theory-step.ts';

export const ef21SgdmMethod = defineMethod<Hyperparameters<EF21SgdmParams>, EF21SgdmState>({
  id: 'ef21-sgdm',
  summary: 'EF21-SGDM (Alg. 1): momentum v_i, compress v_i − g_i',
  hyperparameters: { compressor: UPLINK_COMPRESSOR, randomness: RANDOMNESS, eta: MOMENTUM_ETA, bInit: B_INIT },
  build: (params) => ef21Sgdm(params),
  theoryStep: (problem, h) => {
    const alpha = contractiveAlpha(h.compressor, 'docs/theory.md §5.3');
    if (typeof alpha !== 'number') return alpha;
    return theoryRule(
      ef21SgdmStepSize(problem, alpha, h.eta),
      'γ = min{α/(10L̃), η/(3L)}, derived form of Thm 2 (docs/theory.md §5.3, D)',
    );
  },
  facts: {
    nodeVectors: [nodeVectors('g_i', 'gi'), nodeVectors('v_i', 'vi')],
    aggregate: { estimators: nodeVectors('g_i', 'gi'), master: masterVector('g', 'g'), weights: 'mean' },
    // v_i⁰ = g_i⁰ = the B_init-sample gradient, sent uncompressed (docs/theory.md §5.1).
    initMessage: 'dense',
    roundMessage: 'compressed',
    participation: { kind: 'all' },
    downlink: { kind: 'unbilled' },
    describeState: nothingToDescribe,
  },
});
