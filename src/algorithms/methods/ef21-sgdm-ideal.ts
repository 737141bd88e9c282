/**
 * ef21-sgdm-ideal: EF21-SGD-ideal with the noise damped by η before compression (src/algorithms/ef21-sgdm-ideal.ts).
 * No theory step: docs/theory.md §5.1 defines it as a thought experiment and gives none.
 */
import type { EF21IdealState } from '../ef21-sgd-ideal.ts';
import { ef21SgdmIdeal, type EF21SgdmIdealParams } from '../ef21-sgdm-ideal.ts';
import { RANDOMNESS, UPLINK_COMPRESSOR } from '../common-hyperparameters.ts';
import type { Hyperparameters } from '../hyperparameter-schema.ts';
import { defineMethod } from '../method-definition.ts';
import { meanOfEstimatorsFacts } from '../method-facts.ts';
import { noTheoryStep } from '../theory-step.ts';

export const ef21SgdmIdealMethod = defineMethod<Hyperparameters<EF21SgdmIdealParams>, EF21IdealState>({
  id: 'ef21-sgdm-ideal',
  summary: 'EF21-SGDM-ideal: g_i = ∇f_i + C(η(ĝ_i − ∇f_i))',
  hyperparameters: {
    compressor: UPLINK_COMPRESSOR,
    randomness: RANDOMNESS,
    eta: {
      kind: 'number',
      required: true,
      symbol: 'η',
      doc: 'noise damping',
      range: { min: 0, max: 1, minOpen: true },
    },
  },
  build: (params) => ef21SgdmIdeal(params),
  theoryStep: () =>
    noTheoryStep('no theory step in docs/theory.md §5.1, which defines EF21-SGDM-ideal as a thought experiment only'),
  // v_i has no memory here (it is recomputed from ∇f_i each round), so only g_i is state.
  facts: meanOfEstimatorsFacts('compressed'),
});
