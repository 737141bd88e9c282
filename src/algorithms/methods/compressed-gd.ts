/**
 * compressed-gd and compressed-sgd: naive distributed compressed GD, DCGD (src/algorithms/compressed-gd.ts), with an
 * exact or a stochastic oracle. No theory step: with top-k it diverges for every γ > 0 (docs/theory.md §2.3).
 */
import { compressedGd, type CompressedGdParams, type CompressedGdState } from '../compressed-gd.ts';
import type { Hyperparameters } from '../hyperparameter-schema.ts';
import { defineMethod, type MethodEntry } from '../method-definition.ts';
import { nothingToDescribe } from '../method-facts.ts';
import { noTheoryStep } from '../theory-step.ts';
import { RANDOMNESS, UPLINK_COMPRESSOR } from '../common-hyperparameters.ts';

type CompressedGdHyperparameters = Hyperparameters<CompressedGdParams>;

function compressedGdFamily(id: string, summary: string): MethodEntry<CompressedGdHyperparameters> {
  return defineMethod<CompressedGdHyperparameters, CompressedGdState>({
    id,
    summary,
    hyperparameters: { compressor: UPLINK_COMPRESSOR, randomness: RANDOMNESS },
    build: (params) => compressedGd(params),
    theoryStep: () =>
      noTheoryStep('no theory step in docs/theory.md §2.3: with top-k, naive compressed GD diverges for every γ > 0'),
    facts: {
      nodeVectors: [],
      aggregate: null,
      // The message at x⁰ is compressed like every other (the method has no uncompressed start).
      initMessage: 'compressed',
      roundMessage: 'compressed',
      participation: { kind: 'all' },
      downlink: { kind: 'unbilled' },
      describeState: nothingToDescribe,
    },
  });
}

export const compressedGdMethod = compressedGdFamily(
  'compressed-gd',
  'naive compressed GD (DCGD): x⁺ = x − γ mean C(∇f_i(x)); diverges with top-k',
);
export const compressedSgdMethod = compressedGdFamily(
  'compressed-sgd',
  'naive compressed SGD (DCGD with a stochastic oracle)',
);
