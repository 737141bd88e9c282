/**
 * ef21-hb: EF21 with heavy-ball momentum at the master (src/algorithms/ef21-hb.ts). Its theory step is the derived
 * rule of docs/theory.md §3.7 (D), which theorems/ef21/ef21-hb.ts checks; B&W give only the rate
 * O((L̃δ₀/ε²)(1/α + 1/(1 − η))).
 */
import { ef21Hb, type EF21HbParams, type EF21HbState } from '../ef21-hb.ts';
import { RANDOMNESS, UPLINK_COMPRESSOR } from '../common-hyperparameters.ts';
import type { Hyperparameters } from '../hyperparameter-schema.ts';
import { defineMethod } from '../method-definition.ts';
import { meanOfEstimatorsFacts } from '../method-facts.ts';
import { ef21HbStepSize, xi } from '../step-sizes.ts';
import { contractiveAlpha, theoryRule } from '../theory-step.ts';

export const ef21HbMethod = defineMethod<Hyperparameters<EF21HbParams>, EF21HbState>({
  id: 'ef21-hb',
  summary: 'EF21-HB: heavy-ball momentum η ∈ [0, 1) at the master',
  hyperparameters: {
    compressor: UPLINK_COMPRESSOR,
    randomness: RANDOMNESS,
    // η = 0 is EF21; η = 1 would never forget a step.
    eta: {
      kind: 'number',
      required: true,
      symbol: 'η',
      doc: 'heavy-ball weight',
      range: { min: 0, max: 1, maxOpen: true },
    },
  },
  build: (params) => ef21Hb(params),
  theoryStep: (problem, h) => {
    const alpha = contractiveAlpha(h.compressor, 'docs/theory.md §3.7');
    if (typeof alpha !== 'number') return alpha;
    return theoryRule(
      ef21HbStepSize(problem, alpha, h.eta),
      'γ = (1 − η)²/(L + (1 − η)L̃ξ(α)), derived form (docs/theory.md §3.7, D)',
      { xi: xi(alpha) },
    );
  },
  facts: meanOfEstimatorsFacts('dense'),
});
