/**
 * EF21 [Richtárik, Sokolov, Fatkhullin 2021, Alg. 1; docs/theory.md §3.1], in the authors' code conventions (§3.9):
 *   x^{t+1}   = x^t − γ g^t                                  (master, then broadcast)
 *   c_i^t     = C(∇f_i(x^{t+1}) − g_i^t),  g_i^{t+1} = g_i^t + c_i^t      (node i sends c_i^t)
 *   g^{t+1}   = g^t + (1/n) Σ_i c_i^t                        (master, from the messages only)
 * Init g_i⁰ = ∇f_i(x⁰) uncompressed, billed in initBitsPerNode (d·64 bits). With a stochastic oracle ∇f_i is
 * replaced by the oracle's ĝ_i, at init too: EF21-SGD [Fatkhullin et al. 2021 (Bells & Whistles), Alg. 2; §3.4].
 */
import { denseBits } from '../compressors/bits.ts';
import type { Compressor } from '../compressors/types.ts';
import { totalBits } from '../compressors/types.ts';
import { mean, type ReadonlyVector, type Vector } from '../linalg/vector.ts';
import { split, type Key } from '../rng/key.ts';
import { exactRangeProblem } from '../oracles/exact.ts';
import type { Oracle } from '../oracles/types.ts';
import type { Algorithm, MethodState } from './types.ts';
import { ef21Round } from './ef21-round.ts';
import { masterStep } from './master-step.ts';
import { requireCompressorDim, requireStepSize, startPoint, type Randomness } from './validate.ts';

export interface EF21Params {
  readonly gamma: number;
  readonly compressor: Compressor;
  readonly x0?: ReadonlyVector;
  readonly randomness?: Randomness;
}

export interface EF21State extends MethodState {
  /** The master's aggregate, kept as g⁰ + Σ_s mean_i c_i^s; equals (1/n) Σ_i g_i up to rounding. */
  readonly g: Vector;
  /** Node estimators g_i (node i's copy; the master never sees them, only the messages). */
  readonly gi: readonly Vector[];
}

/**
 * @example
 * // f = ½‖x‖² on one node, Top1, x⁰ = (1, 2): g⁰ = (1, 2), x¹ = (0.75, 1.5), c = Top1((−0.25, −0.5)).
 * const oracle = exactOracle(diagonalQuadratic([[1, 1]]));
 * const alg = ef21({ gamma: 0.25, compressor: topK(2, 1), x0: [1, 2] });
 * alg.step(alg.init(oracle, key(0)), oracle, key(1)).g;
 * // returns Float64Array [1, 1.5]
 */
export function ef21(params: EF21Params): Algorithm<EF21Params, EF21State> {
  const { gamma, compressor: C, randomness } = params;
  requireStepSize('ef21', gamma);
  return {
    name: `ef21(γ=${gamma},${C.name})`,
    params,
    init(oracle: Oracle, key: Key): EF21State {
      requireCompressorDim('ef21', C, oracle);
      const x = startPoint('ef21', params.x0, oracle);
      const [kNoise] = split(key);
      const gi = Array.from({ length: oracle.problem.n }, (_, i) => oracle.gradI(i, x, kNoise));
      return { t: 0, x, g: mean(gi), gi, bitsPerNode: 0, initBitsPerNode: totalBits(denseBits(x.length)) };
    },
    step(state: EF21State, oracle: Oracle, key: Key): EF21State {
      requireCompressorDim('ef21', C, oracle);
      const [kNoise, kCompress] = split(key);
      const x = masterStep(state.x, gamma, state.g);
      const ranged = exactRangeProblem(oracle);
      const r = ef21Round({
        compressor: C,
        gi: state.gi,
        g: state.g,
        target: (i) => oracle.gradI(i, x, kNoise),
        targetRange: ranged && ((out, i, from, to) => ranged.gradIRange(out, i, x, from, to)),
        kCompress,
        randomness,
      });
      return {
        t: state.t + 1,
        x,
        g: r.g,
        gi: r.gi,
        bitsPerNode: state.bitsPerNode + r.bitsPerNode,
        initBitsPerNode: state.initBitsPerNode,
      };
    },
  };
}
