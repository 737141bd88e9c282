/**
 * EF21-SGDM [Fatkhullin, Tyurin, Richtárik 2023, Alg. 1; docs/theory.md §5.1]:
 *   x^{t+1}   = x^t − γ g^t                                        (master, broadcast)
 *   v_i^{t+1} = (1 − η) v_i^t + η ĝ_i(x^{t+1}, ξ_i^{t+1})            (node i, momentum)
 *   c_i^t     = C(v_i^{t+1} − g_i^t),  g_i^{t+1} = g_i^t + c_i^t      (node i sends c_i^t)
 *   g^{t+1}   = g^t + (1/n) Σ_i c_i^t                              (master)
 * Init v_i⁰ = g_i⁰ = (1/B_init) Σ_b ĝ_i(x⁰, ξ_{i,b}⁰), uncompressed [§5.1, M], billed in initBitsPerNode.
 * η = 1 is EF21-SGD with the same keys, bit for bit (the momentum line becomes v_i⁺ = ĝ_i).
 */
import type { Compressor } from '../compressors/types.ts';
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import { split, type Key } from '../rng/key.ts';
import { exactRangeProblem } from '../oracles/exact.ts';
import type { Oracle } from '../oracles/types.ts';
import type { Algorithm, MethodState } from './types.ts';
import { ef21Round } from './ef21-round.ts';
import { masterStep } from './master-step.ts';
import { momentumInit, momentumName } from './momentum-init.ts';
import { requireCompressorDim, type Randomness } from './validate.ts';

export interface EF21SgdmParams {
  readonly gamma: number;
  /** Momentum weight η ∈ (0, 1]. */
  readonly eta: number;
  readonly compressor: Compressor;
  /** Initial minibatch size B_init (default 1). */
  readonly bInit?: number;
  readonly x0?: ReadonlyVector;
  readonly randomness?: Randomness;
}

export interface EF21SgdmState extends MethodState {
  /** The master's aggregate g⁰ + Σ_s mean_i c_i^s (= (1/n) Σ_i g_i up to rounding). */
  readonly g: Vector;
  readonly gi: readonly Vector[];
  /** Node momenta v_i. */
  readonly vi: readonly Vector[];
}

export function ef21Sgdm(params: EF21SgdmParams): Algorithm<EF21SgdmParams, EF21SgdmState> {
  const { gamma, eta, compressor: C, randomness } = params;
  const bInit = params.bInit ?? 1;
  return {
    name: momentumName('ef21-sgdm', gamma, eta, C, bInit),
    params,
    init(oracle: Oracle, key: Key): EF21SgdmState {
      const { x, g, gi, vi, initBitsPerNode } = momentumInit('ef21-sgdm', C, params.x0, bInit, oracle, key);
      return { t: 0, x, g, gi, vi, bitsPerNode: 0, initBitsPerNode };
    },
    step(state: EF21SgdmState, oracle: Oracle, key: Key): EF21SgdmState {
      requireCompressorDim('ef21-sgdm', C, oracle);
      const [kNoise, kCompress] = split(key);
      const x = masterStep(state.x, gamma, state.g);
      const ranged = exactRangeProblem(oracle);
      // The round computes v_i⁺ = (1 − η) v_i + η ĝ_i in ĝ_i's fresh array, in the pass that also forms v_i⁺ − g_i.
      const r = ef21Round({
        compressor: C,
        gi: state.gi,
        g: state.g,
        target: (i) => oracle.gradI(i, x, kNoise),
        targetRange: ranged && ((out, i, from, to) => ranged.gradIRange(out, i, x, from, to)),
        momentum: { eta, v: state.vi },
        kCompress,
        randomness,
      });
      return {
        t: state.t + 1,
        x,
        g: r.g,
        gi: r.gi,
        vi: r.vi as Vector[],
        bitsPerNode: state.bitsPerNode + r.bitsPerNode,
        initBitsPerNode: state.initBitsPerNode,
      };
    },
  };
}
