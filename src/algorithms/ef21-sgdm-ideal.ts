/**
 * EF21-SGDM-ideal [Fatkhullin, Tyurin, Richtárik 2023; docs/theory.md §5.1]: the ideal method with the noise damped by η
 * before compression:
 *   x^{t+1}   = x^t − γ g^t
 *   v_i^{t+1} = ∇f_i(x^{t+1}) + η(ĝ_i(x^{t+1}) − ∇f_i(x^{t+1}))
 *   g_i^{t+1} = ∇f_i(x^{t+1}) + C(v_i^{t+1} − ∇f_i(x^{t+1})),   g^{t+1} = (1/n) Σ_i g_i^{t+1}
 * v_i has no memory, so the state keeps only g_i. Init as EF21-SGD-ideal (docs/theory.md §5.2): g_i⁰ built by the same
 * rule at x⁰. η = 1 is EF21-SGD-ideal with the same keys.
 */
import type { Compressor } from '../compressors/types.ts';
import type { ReadonlyVector } from '../linalg/vector.ts';
import type { Key } from '../rng/key.ts';
import type { Oracle } from '../oracles/types.ts';
import type { Algorithm } from './types.ts';
import { idealRound, type EF21IdealState } from './ef21-sgd-ideal.ts';
import { masterStep } from './master-step.ts';
import { requireEta, requireStepSize, startPoint, type Randomness } from './validate.ts';

export interface EF21SgdmIdealParams {
  readonly gamma: number;
  /** Noise damping η ∈ (0, 1]. */
  readonly eta: number;
  readonly compressor: Compressor;
  readonly x0?: ReadonlyVector;
  readonly randomness?: Randomness;
}

export function ef21SgdmIdeal(params: EF21SgdmIdealParams): Algorithm<EF21SgdmIdealParams, EF21IdealState> {
  const { gamma, eta, compressor: C, randomness } = params;
  requireStepSize('ef21-sgdm-ideal', gamma);
  requireEta('ef21-sgdm-ideal', eta);
  return {
    name: `ef21-sgdm-ideal(γ=${gamma},η=${eta},${C.name})`,
    params,
    init(oracle: Oracle, key: Key): EF21IdealState {
      const x = startPoint('ef21-sgdm-ideal', params.x0, oracle);
      const { gi, g, bits } = idealRound('ef21-sgdm-ideal', C, eta, randomness, oracle, x, key);
      return { t: 0, x, g, gi, bitsPerNode: 0, initBitsPerNode: bits };
    },
    step(state: EF21IdealState, oracle: Oracle, key: Key): EF21IdealState {
      const x = masterStep(state.x, gamma, state.g);
      const { gi, g, bits } = idealRound('ef21-sgdm-ideal', C, eta, randomness, oracle, x, key);
      return {
        t: state.t + 1,
        x,
        g,
        gi,
        bitsPerNode: state.bitsPerNode + bits,
        initBitsPerNode: state.initBitsPerNode,
      };
    },
  };
}
