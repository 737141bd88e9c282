/**
 * EF21-SGD2M [Fatkhullin, Tyurin, Richtárik 2023; docs/theory.md §5.1], double momentum:
 *   x^{t+1}   = x^t − γ g^t                                        (master, broadcast)
 *   v_i^{t+1} = (1 − η) v_i^t + η ĝ_i(x^{t+1}, ξ_i^{t+1})
 *   u_i^{t+1} = (1 − η) u_i^t + η v_i^{t+1}
 *   c_i^t     = C(u_i^{t+1} − g_i^t),  g_i^{t+1} = g_i^t + c_i^t,   g^{t+1} = g^t + (1/n) Σ_i c_i^t
 * Init u_i⁰ = v_i⁰ = g_i⁰ = the B_init-sample gradient at x⁰ (as EF21-SGDM), billed in initBitsPerNode.
 */
import type { Compressor } from '../compressors/types.ts';
import { copy, type ReadonlyVector, type Vector } from '../linalg/vector.ts';
import { split, type Key } from '../rng/key.ts';
import type { Oracle } from '../oracles/types.ts';
import type { Algorithm, MethodState } from './types.ts';
import { ef21Round } from './ef21-round.ts';
import { masterStep } from './master-step.ts';
import { momentumInit, momentumName } from './momentum-init.ts';
import { requireCompressorDim, type Randomness } from './validate.ts';

export interface EF21Sgd2mParams {
  readonly gamma: number;
  /** Momentum weight η ∈ (0, 1], used by both averages. */
  readonly eta: number;
  readonly compressor: Compressor;
  readonly bInit?: number;
  readonly x0?: ReadonlyVector;
  readonly randomness?: Randomness;
}

export interface EF21Sgd2mState extends MethodState {
  readonly g: Vector;
  readonly gi: readonly Vector[];
  /** First momentum v_i (average of stochastic gradients). */
  readonly vi: readonly Vector[];
  /** Second momentum u_i (average of the v_i): what the node compresses against g_i. */
  readonly ui: readonly Vector[];
}

export function ef21Sgd2m(params: EF21Sgd2mParams): Algorithm<EF21Sgd2mParams, EF21Sgd2mState> {
  const { gamma, eta, compressor: C, randomness } = params;
  const bInit = params.bInit ?? 1;
  return {
    name: momentumName('ef21-sgd2m', gamma, eta, C, bInit),
    params,
    init(oracle: Oracle, key: Key): EF21Sgd2mState {
      const { x, g, gi, vi, initBitsPerNode } = momentumInit('ef21-sgd2m', C, params.x0, bInit, oracle, key);
      return { t: 0, x, g, gi, vi, ui: vi.map(copy), bitsPerNode: 0, initBitsPerNode };
    },
    step(state: EF21Sgd2mState, oracle: Oracle, key: Key): EF21Sgd2mState {
      requireCompressorDim('ef21-sgd2m', C, oracle);
      const [kNoise, kCompress] = split(key);
      const x = masterStep(state.x, gamma, state.g);
      const vi: Vector[] = [];
      const ui: Vector[] = [];
      for (let i = 0; i < state.vi.length; i++) {
        const v = oracle.gradI(i, x, kNoise);
        const u = new Float64Array(v.length);
        const vOld = state.vi[i];
        const uOld = state.ui[i];
        for (let j = 0; j < v.length; j++) {
          v[j] = (1 - eta) * vOld[j] + eta * v[j];
          u[j] = (1 - eta) * uOld[j] + eta * v[j];
        }
        vi.push(v);
        ui.push(u);
      }
      const r = ef21Round({ compressor: C, gi: state.gi, g: state.g, target: ui, kCompress, randomness });
      return {
        t: state.t + 1,
        x,
        g: r.g,
        gi: r.gi,
        vi,
        ui,
        bitsPerNode: state.bitsPerNode + r.bitsPerNode,
        initBitsPerNode: state.initBitsPerNode,
      };
    },
  };
}
