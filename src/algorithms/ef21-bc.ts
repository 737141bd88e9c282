/**
 * EF21-BC, bidirectional compression [Fatkhullin et al. 2021 (Bells & Whistles); docs/theory.md §3.6]:
 *   x^{t+1}     = x^t − γ g^t                                   (everyone holds g^t)
 *   c_i^t       = C_w(∇f_i(x^{t+1}) − g̃_i^t),  g̃_i^{t+1} = g̃_i^t + c_i^t       (worker i, uplink)
 *   g̃^{t+1}     = g̃^t + (1/n) Σ_i c_i^t                        (master, = (1/n) Σ_i g̃_i^{t+1})
 *   b^{t+1}     = C_M(g̃^{t+1} − g^t),  g^{t+1} = g^t + b^{t+1}   (master broadcasts b, downlink)
 * Init g̃_i⁰ = ∇f_i(x⁰) and g⁰ = g̃⁰, both uncompressed: d·64 bits each way, billed in the init fields.
 * Keys: split(key, 3) = [noise, worker compression, master compression].
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

export interface EF21BcParams {
  readonly gamma: number;
  /** Worker (uplink) compressor C_w. */
  readonly compressor: Compressor;
  /** Master (downlink) compressor C_M. */
  readonly masterCompressor: Compressor;
  readonly x0?: ReadonlyVector;
  readonly randomness?: Randomness;
}

export interface EF21BcState extends MethodState {
  /** The broadcast aggregate g^t, held bit-identically by the master and every worker. */
  readonly g: Vector;
  /** Worker estimators g̃_i. */
  readonly gi: readonly Vector[];
  /** The master's g̃ = g̃⁰ + Σ_s mean_i c_i^s (= (1/n) Σ_i g̃_i up to rounding). */
  readonly gTilde: Vector;
  /** Bits the master has broadcast in compressed rounds so far (per worker: each receives the same b). */
  readonly downlinkBits: number;
  /** Bits of the initial uncompressed broadcast g⁰. */
  readonly initDownlinkBits: number;
}

export function ef21Bc(params: EF21BcParams): Algorithm<EF21BcParams, EF21BcState> {
  const { gamma, compressor: Cw, masterCompressor: CM, randomness } = params;
  requireStepSize('ef21-bc', gamma);
  const check = (oracle: Oracle): void => {
    requireCompressorDim('ef21-bc', Cw, oracle);
    requireCompressorDim('ef21-bc', CM, oracle);
  };
  return {
    name: `ef21-bc(γ=${gamma},${Cw.name},${CM.name})`,
    params,
    init(oracle: Oracle, key: Key): EF21BcState {
      check(oracle);
      const x = startPoint('ef21-bc', params.x0, oracle);
      const [kNoise] = split(key);
      const gi = Array.from({ length: oracle.problem.n }, (_, i) => oracle.gradI(i, x, kNoise));
      const gTilde = mean(gi);
      const dense = totalBits(denseBits(x.length));
      return {
        t: 0,
        x,
        g: copy(gTilde),
        gi,
        gTilde,
        bitsPerNode: 0,
        initBitsPerNode: dense,
        downlinkBits: 0,
        initDownlinkBits: dense,
      };
    },
    step(state: EF21BcState, oracle: Oracle, key: Key): EF21BcState {
      check(oracle);
      const [kNoise, kCompress, kMaster] = split(key, 3);
      const x = masterStep(state.x, gamma, state.g);
      const r = ef21Round({
        compressor: Cw,
        gi: state.gi,
        g: state.gTilde,
        target: (i) => oracle.gradI(i, x, kNoise),
        kCompress,
        randomness,
      });
      const diff = new Float64Array(x.length);
      for (let j = 0; j < diff.length; j++) diff[j] = r.g[j] - state.g[j];
      const b = CM.compress(diff, kMaster);
      const downlink = totalBits(CM.bits(b));
      for (let j = 0; j < b.length; j++) b[j] += state.g[j]; // b is fresh: it becomes g⁺ in place
      return {
        t: state.t + 1,
        x,
        g: b,
        gi: r.gi,
        gTilde: r.g,
        bitsPerNode: state.bitsPerNode + r.bitsPerNode,
        initBitsPerNode: state.initBitsPerNode,
        downlinkBits: state.downlinkBits + downlink,
        initDownlinkBits: state.initDownlinkBits,
      };
    },
  };
}
