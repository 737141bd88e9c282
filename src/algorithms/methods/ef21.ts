/**
 * ef21 and ef21-sgd: EF21 (src/algorithms/ef21.ts) with an exact or a stochastic oracle. The two ids run the same
 * code; their theory steps differ: EF21 Thm 1 (docs/theory.md §3.2) and the EF21-SGD derived form (§3.4).
 */
import { ef21, type EF21Params, type EF21State } from '../ef21.ts';
import { RANDOMNESS, UPLINK_COMPRESSOR } from '../common-hyperparameters.ts';
import type { Hyperparameters } from '../hyperparameter-schema.ts';
import { defineMethod, type MethodEntry } from '../method-definition.ts';
import { masterVector, nodeVectors, nothingToDescribe, type MethodFacts } from '../method-facts.ts';
import { ef21SgdStepSize, ef21StepSize, xi } from '../step-sizes.ts';
import { contractiveAlpha, theoryRule, type TheoryProblem, type TheoryStep } from '../theory-step.ts';

type EF21Hyperparameters = Hyperparameters<EF21Params>;

/** Both ids keep the same state. */
const EF21_FACTS: MethodFacts<EF21State> = {
  nodeVectors: [nodeVectors('g_i', 'gi')],
  aggregate: { estimators: nodeVectors('g_i', 'gi'), master: masterVector('g', 'g'), weights: 'mean' },
  // g_i⁰ = ∇f_i(x⁰) uncompressed, as the EF21 authors' code does (docs/theory.md §3.9).
  initMessage: 'dense',
  roundMessage: 'compressed',
  participation: { kind: 'all' },
  downlink: { kind: 'unbilled' },
  describeState: nothingToDescribe,
};

function ef21Family(
  id: string,
  summary: string,
  theoryStep: (problem: TheoryProblem, h: EF21Hyperparameters) => TheoryStep,
): MethodEntry<EF21Hyperparameters> {
  return defineMethod<EF21Hyperparameters, EF21State>({
    id,
    summary,
    hyperparameters: { compressor: UPLINK_COMPRESSOR, randomness: RANDOMNESS },
    build: (params) => ef21(params),
    theoryStep,
    facts: EF21_FACTS,
  });
}

export const ef21Method = ef21Family('ef21', 'EF21: g_i⁺ = g_i + C(∇f_i(x⁺) − g_i)', (problem, h) => {
  const alpha = contractiveAlpha(h.compressor, 'docs/theory.md §3.2');
  if (typeof alpha !== 'number') return alpha;
  return theoryRule(ef21StepSize(problem, alpha), 'γ = 1/(L + L̃ξ(α)), EF21 Thm 1 (docs/theory.md §3.2, M/D)', {
    xi: xi(alpha),
  });
});

export const ef21SgdMethod = ef21Family('ef21-sgd', 'EF21-SGD: EF21 with a stochastic oracle', (problem, h) => {
  const alpha = contractiveAlpha(h.compressor, 'docs/theory.md §3.4');
  if (typeof alpha !== 'number') return alpha;
  return theoryRule(ef21SgdStepSize(problem, alpha), 'γ = 1/(L + √10·L̃/α), derived form (docs/theory.md §3.4, D)');
});
