/**
 * ef21-bc: EF21-BC, bidirectional compression (src/algorithms/ef21-bc.ts). Its theory step is the derived rule of
 * docs/theory.md §3.6 (D), which theorems/ef21/ef21-bc.ts checks; B&W give only the rate O(L̃δ₀/(α_w α_M ε²)).
 */
import { ef21Bc, type EF21BcParams, type EF21BcState } from '../ef21-bc.ts';
import { RANDOMNESS, UPLINK_COMPRESSOR } from '../common-hyperparameters.ts';
import type { Hyperparameters } from '../hyperparameter-schema.ts';
import { defineMethod } from '../method-definition.ts';
import { masterVector, nodeVectors, nothingToDescribe } from '../method-facts.ts';
import { ef21BcStepSize } from '../step-sizes.ts';
import { contractiveAlpha, theoryRule } from '../theory-step.ts';

export const ef21BcMethod = defineMethod<Hyperparameters<EF21BcParams>, EF21BcState>({
  id: 'ef21-bc',
  summary: 'EF21-BC: worker compressor C_w uplink, master compressor C_M downlink',
  hyperparameters: {
    compressor: UPLINK_COMPRESSOR,
    randomness: RANDOMNESS,
    masterCompressor: {
      kind: 'compressor',
      link: 'downlink',
      required: true,
      symbol: 'C_M',
      doc: "the master's downlink compressor",
    },
  },
  build: (params) => ef21Bc(params),
  theoryStep: (problem, h) => {
    const alphaWorker = contractiveAlpha(h.compressor, 'docs/theory.md §3.6');
    if (typeof alphaWorker !== 'number') return alphaWorker;
    const alphaMaster = contractiveAlpha(h.masterCompressor, 'docs/theory.md §3.6', 'masterCompressor');
    if (typeof alphaMaster !== 'number') return alphaMaster;
    return theoryRule(
      ef21BcStepSize(problem, alphaWorker, alphaMaster),
      'γ = 1/(L + L̃S), S = ξ(α_w) + (1 + sqrt(1 − α_w))ξ(α_M)(1 + ξ(α_w)), derived form (docs/theory.md §3.6, D)',
      { alphaMaster },
    );
  },
  facts: {
    nodeVectors: [nodeVectors('g̃_i', 'gi')],
    // The master's running g̃ aggregates the workers' g̃_i; the broadcast g is its compressed copy, not a mean.
    aggregate: { estimators: nodeVectors('g̃_i', 'gi'), master: masterVector('g̃', 'gTilde'), weights: 'mean' },
    initMessage: 'dense',
    roundMessage: 'compressed',
    participation: { kind: 'all' },
    downlink: { kind: 'compressed', bits: (state) => state.downlinkBits, initBits: (state) => state.initDownlinkBits },
    describeState: nothingToDescribe,
  },
});
