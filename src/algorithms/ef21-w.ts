/**
 * EF21-W [Richtárik, Gasanov, Burlachenko 2024, Alg. 2; docs/theory.md §4.2 Route 2], weights w_i = L_i / Σ_j L_j:
 *   x^{t+1}   = x^t − γ g^t,                     g^t = Σ_i w_i g_i^t
 *   c_i^t     = C(∇f_i(x^{t+1})/(n w_i) − g_i^t),  g_i^{t+1} = g_i^t + c_i^t
 *   g^{t+1}   = g^t + Σ_i w_i c_i^t                (master, from the messages only)
 * Each f_i/(n w_i) is exactly L_AM-smooth, which is what allows γ ≤ 1/(L + L_AM ξ(α)). For a positively homogeneous
 * C (top-k) this is EF21 with g_i^{EF21} = n w_i g_i^W (§4.2 "Equivalence"). Init g_i⁰ = ∇f_i(x⁰)/(n w_i),
 * uncompressed (d·64 bits, billed in initBitsPerNode). Needs every L_i > 0.
 */
import { denseBits } from '../compressors/bits.ts';
import type { Compressor } from '../compressors/types.ts';
import { totalBits } from '../compressors/types.ts';
import { weightedSum, type ReadonlyVector, type Vector } from '../linalg/vector.ts';
import { split, type Key } from '../rng/key.ts';
import type { Oracle } from '../oracles/types.ts';
import type { Algorithm, MethodState } from './types.ts';
import { ef21Round } from './ef21-round.ts';
import { masterStep } from './master-step.ts';
import { requireCompressorDim, requireStepSize, startPoint, type Randomness } from './validate.ts';

export interface EF21WParams {
  readonly gamma: number;
  readonly compressor: Compressor;
  readonly x0?: ReadonlyVector;
  readonly randomness?: Randomness;
}

export interface EF21WState extends MethodState {
  /** The master's aggregate g⁰ + Σ_s Σ_i w_i c_i^s (= Σ_i w_i g_i up to rounding). */
  readonly g: Vector;
  /** Node estimators of ∇f_i/(n w_i). */
  readonly gi: readonly Vector[];
  /** The weights w_i = L_i / Σ_j L_j (constant; kept in the state for the invariant checks). */
  readonly wi: readonly number[];
}

/** w_i = L_i / Σ_j L_j, or a RangeError when some L_i ≤ 0. */
export function ef21Weights(Li: readonly number[]): number[] {
  let s = 0;
  for (const l of Li) {
    if (!(l > 0 && Number.isFinite(l))) throw new RangeError(`ef21-w: needs every L_i > 0, got L_i=${l}`);
    s += l;
  }
  return Li.map((l) => l / s);
}

export function ef21W(params: EF21WParams): Algorithm<EF21WParams, EF21WState> {
  const { gamma, compressor: C, randomness } = params;
  requireStepSize('ef21-w', gamma);
  /** ĝ_i(x)/(n w_i), fresh. */
  const scaledGrad = (oracle: Oracle, wi: readonly number[], i: number, x: ReadonlyVector, kNoise: Key): Vector => {
    const g = oracle.gradI(i, x, kNoise);
    const s = 1 / (wi.length * wi[i]);
    for (let j = 0; j < g.length; j++) g[j] *= s;
    return g;
  };
  return {
    name: `ef21-w(γ=${gamma},${C.name})`,
    params,
    init(oracle: Oracle, key: Key): EF21WState {
      requireCompressorDim('ef21-w', C, oracle);
      const x = startPoint('ef21-w', params.x0, oracle);
      const wi = ef21Weights(oracle.problem.Li);
      const [kNoise] = split(key);
      const gi = wi.map((_, i) => scaledGrad(oracle, wi, i, x, kNoise));
      return {
        t: 0,
        x,
        g: weightedSum(wi, gi),
        gi,
        wi,
        bitsPerNode: 0,
        initBitsPerNode: totalBits(denseBits(x.length)),
      };
    },
    step(state: EF21WState, oracle: Oracle, key: Key): EF21WState {
      requireCompressorDim('ef21-w', C, oracle);
      const [kNoise, kCompress] = split(key);
      const { wi } = state;
      const x = masterStep(state.x, gamma, state.g);
      const target = (i: number): Vector => scaledGrad(oracle, wi, i, x, kNoise);
      const r = ef21Round({ compressor: C, gi: state.gi, g: state.g, target, kCompress, randomness, weights: wi });
      return {
        t: state.t + 1,
        x,
        g: r.g,
        gi: r.gi,
        wi,
        bitsPerNode: state.bitsPerNode + r.bitsPerNode,
        initBitsPerNode: state.initBitsPerNode,
      };
    },
  };
}
