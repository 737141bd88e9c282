/**
 * gd and sgd: distributed gradient descent, uncompressed (src/algorithms/gd.ts). The two ids differ only in the
 * oracle a run gives them (exact or stochastic), and reports name them apart.
 */
import { gd, type GdParams, type GdState } from '../gd.ts';
import type { Hyperparameters } from '../hyperparameter-schema.ts';
import { defineMethod, type MethodEntry } from '../method-definition.ts';
import { nothingToDescribe } from '../method-facts.ts';
import { theoryRule, type TheoryProblem, type TheoryStep } from '../theory-step.ts';

type GdHyperparameters = Hyperparameters<GdParams>;

/** γ = 1/L: the descent lemma's step for an L-smooth f. */
const descentLemmaStep = (problem: TheoryProblem): TheoryStep =>
  theoryRule(1 / problem.L, 'γ = 1/L, descent lemma (L1) (docs/theory.md §0.3, D)');

function gdFamily(id: string, summary: string): MethodEntry<GdHyperparameters> {
  return defineMethod<GdHyperparameters, GdState>({
    id,
    summary,
    hyperparameters: {},
    build: (params) => gd(params),
    theoryStep: descentLemmaStep,
    facts: {
      // Each node's gradient is summed into g on arrival; the state keeps no per-node vector.
      nodeVectors: [],
      aggregate: null,
      initMessage: 'dense',
      roundMessage: 'dense',
      participation: { kind: 'all' },
      downlink: { kind: 'unbilled' },
      describeState: nothingToDescribe,
    },
  });
}

export const gdMethod = gdFamily('gd', 'distributed gradient descent, uncompressed');
export const sgdMethod = gdFamily('sgd', 'distributed SGD (gd with a stochastic oracle)');
