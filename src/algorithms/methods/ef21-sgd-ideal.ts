/**
 * ef21-sgd-ideal: the thought experiment of Theorem 1 [Fatkhullin, Tyurin, Richtárik 2023]
 * (src/algorithms/ef21-sgd-ideal.ts). No theory step: Theorem 1 is a lower bound that holds for every γ ∈ (0, 1/L]
 * (docs/theory.md §5.2), so a run needs an explicit γ.
 */
import { ef21SgdIdeal, type EF21IdealState, type EF21SgdIdealParams } from '../ef21-sgd-ideal.ts';
import { RANDOMNESS, UPLINK_COMPRESSOR } from '../common-hyperparameters.ts';
import type { Hyperparameters } from '../hyperparameter-schema.ts';
import { defineMethod } from '../method-definition.ts';
import { meanOfEstimatorsFacts } from '../method-facts.ts';
import { noTheoryStep } from '../theory-step.ts';

export const ef21SgdIdealMethod = defineMethod<Hyperparameters<EF21SgdIdealParams>, EF21IdealState>({
  id: 'ef21-sgd-ideal',
  summary: 'EF21-SGD-ideal: g_i = ∇f_i + C(ĝ_i − ∇f_i) (thought experiment of Thm 1)',
  hyperparameters: { compressor: UPLINK_COMPRESSOR, randomness: RANDOMNESS },
  build: (params) => ef21SgdIdeal(params),
  theoryStep: (problem) =>
    noTheoryStep(
      `no theory step in docs/theory.md §5.2: Theorem 1 is a lower bound that holds for every γ ∈ (0, 1/L] = (0, ${1 / problem.L}]`,
    ),
  // g = (1/n) Σ_i g_i recomputed each round: no real master could form it (it needs ∇f_i).
  // g_i⁰ carries the compressed noise already (docs/theory.md §5.2), so the round-0 message is compressed.
  facts: meanOfEstimatorsFacts('compressed'),
});
