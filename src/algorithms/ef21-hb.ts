/**
 * EF21-HB, EF21 with heavy-ball momentum at the master [Fatkhullin et al. 2021 (Bells & Whistles); docs/theory.md §3.7]:
 *   x^{t+1}   = x^t − γ v^t,            v^{t+1} = η v^t + g^{t+1}
 *   c_i^t     = C(∇f_i(x^{t+1}) − g_i^t),  g_i^{t+1} = g_i^t + c_i^t,   g^{t+1} = g^t + (1/n) Σ_i c_i^t
 * with η ∈ [0, 1) (η = 0 is EF21). Init as EF21 and v⁰ = g⁰.
 */
import { denseBits } from '../compressors/bits.ts';
import type { Compressor } from '../compressors/types.ts';
import { totalBits } from '../compressors/types.ts';
import { copy, mean, type ReadonlyVector, type Vector } from '../linalg/vector.ts';
import { split, type Key } from '../rng/key.ts';
import type { Oracle } from '../oracles/types.ts';
import type { Algorithm, MethodState } from './types.ts';
import { ef21Round } from './ef21-round.ts';
import { masterStep } from './master-step.ts';
import { requireCompressorDim, requireStepSize, startPoint, type Randomness } from './validate.ts';

export interface EF21HbParams {
  readonly gamma: number;
  /** Heavy-ball weight η ∈ [0, 1). */
  readonly eta: number;
  readonly compressor: Compressor;
  readonly x0?: ReadonlyVector;
  readonly randomness?: Randomness;
}

export interface EF21HbState extends MethodState {
  readonly g: Vector;
  readonly gi: readonly Vector[];
  /** The master's momentum v (its step direction). */
  readonly v: Vector;
}

export function ef21Hb(params: EF21HbParams): Algorithm<EF21HbParams, EF21HbState> {
  const { gamma, eta, compressor: C, randomness } = params;
  requireStepSize('ef21-hb', gamma);
  if (!(eta >= 0 && eta < 1)) throw new RangeError(`ef21-hb: need η ∈ [0, 1), got η=${eta}`);
  return {
    name: `ef21-hb(γ=${gamma},η=${eta},${C.name})`,
    params,
    init(oracle: Oracle, key: Key): EF21HbState {
      requireCompressorDim('ef21-hb', C, oracle);
      const x = startPoint('ef21-hb', params.x0, oracle);
      const [kNoise] = split(key);
      const gi = Array.from({ length: oracle.problem.n }, (_, i) => oracle.gradI(i, x, kNoise));
      const g = mean(gi);
      return { t: 0, x, g, gi, v: copy(g), bitsPerNode: 0, initBitsPerNode: totalBits(denseBits(x.length)) };
    },
    step(state: EF21HbState, oracle: Oracle, key: Key): EF21HbState {
      requireCompressorDim('ef21-hb', C, oracle);
      const [kNoise, kCompress] = split(key);
      const x = masterStep(state.x, gamma, state.v);
      const r = ef21Round({
        compressor: C,
        gi: state.gi,
        g: state.g,
        target: (i) => oracle.gradI(i, x, kNoise),
        kCompress,
        randomness,
      });
      const v = new Float64Array(x.length);
      for (let j = 0; j < v.length; j++) v[j] = eta * state.v[j] + r.g[j];
      return {
        t: state.t + 1,
        x,
        g: r.g,
        gi: r.gi,
        v,
        bitsPerNode: state.bitsPerNode + r.bitsPerNode,
        initBitsPerNode: state.initBitsPerNode,
      };
    },
  };
}
