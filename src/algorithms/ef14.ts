/**
 * EF14 (classic error feedback, Seide et al. 2014) in the EF21 authors' code form [docs/theory.md §3.9, last bullet],
 * with gradient-unit memory e_i and e_i⁰ = 0, kept in the master-steps-first order:
 *   x^{t+1}   = x^t − γ g^t                               (master)
 *   p_i       = ĝ_i(x^{t+1}) + e_i,   c_i = C(p_i),   e_i⁺ = p_i − c_i     (node i; sent + kept = p_i)
 *   g^{t+1}   = (1/n) Σ_i c_i                             (master)
 * The round at x⁰ (p_i = ĝ_i(x⁰), e_i = 0) happens in init, so a state holds x^t, g^t = mean of the messages
 * sent at x^t, and the memories e_i left after sending them.
 * Mapping to the poster's EF14-SGD [docs/theory.md §2.1]: poster g_i^t = γ·c_i^t and poster e_i^t = γ·e_i (memory
 * before round t) for positively homogeneous C (top-k) and constant γ; the poster's x^t is our x^t.
 * Invariant [D, §2.1]: x^t − γ g^t − γ (1/n) Σ_i e_i = x⁰ − γ Σ_{s≤t} (1/n) Σ_i ĝ_i(x^s), i.e. the "virtual
 * iterate" accumulates exactly the stochastic gradients the nodes drew, as plain SGD would.
 */
import type { Compressor } from '../compressors/types.ts';
import { totalBits } from '../compressors/types.ts';
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import { split, type Key } from '../rng/key.ts';
import type { Oracle } from '../oracles/types.ts';
import type { Algorithm, MethodState } from './types.ts';
import { masterStep } from './master-step.ts';
import { compressorKey, requireCompressorDim, requireStepSize, startPoint, type Randomness } from './validate.ts';

export interface EF14Params {
  readonly gamma: number;
  readonly compressor: Compressor;
  readonly x0?: ReadonlyVector;
  readonly randomness?: Randomness;
}

export interface EF14State extends MethodState {
  /** Mean of the compressed messages c_i sent at x^t: the master's next step direction. */
  readonly g: Vector;
  /** Node memories e_i (gradient units) left after the messages sent at x^t. */
  readonly ei: readonly Vector[];
}

export function ef14(params: EF14Params): Algorithm<EF14Params, EF14State> {
  const { gamma, compressor: C, randomness } = params;
  requireStepSize('ef14', gamma);
  const round = (oracle: Oracle, x: ReadonlyVector, ei: readonly ReadonlyVector[] | undefined, key: Key) => {
    requireCompressorDim('ef14', C, oracle);
    const [kNoise, kCompress] = split(key);
    const n = oracle.problem.n;
    const g = new Float64Array(x.length);
    const next: Vector[] = new Array<Vector>(n);
    let bits = 0;
    for (let i = 0; i < n; i++) {
      const p = oracle.gradI(i, x, kNoise); // fresh: becomes e_i⁺ in place
      if (ei !== undefined) for (let j = 0; j < p.length; j++) p[j] += ei[i][j];
      const c = C.compress(p, compressorKey(kCompress, i, randomness));
      bits += totalBits(C.bits(c));
      for (let j = 0; j < p.length; j++) {
        g[j] += c[j];
        p[j] -= c[j];
      }
      next[i] = p;
    }
    for (let j = 0; j < g.length; j++) g[j] /= n;
    return { g, ei: next, bits: bits / n };
  };
  return {
    name: `ef14(γ=${gamma},${C.name})`,
    params,
    init(oracle: Oracle, key: Key): EF14State {
      const x = startPoint('ef14', params.x0, oracle);
      const { g, ei, bits } = round(oracle, x, undefined, key);
      return { t: 0, x, g, ei, bitsPerNode: 0, initBitsPerNode: bits };
    },
    step(state: EF14State, oracle: Oracle, key: Key): EF14State {
      const x = masterStep(state.x, gamma, state.g);
      const { g, ei, bits } = round(oracle, x, state.ei, key);
      return {
        t: state.t + 1,
        x,
        g,
        ei,
        bitsPerNode: state.bitsPerNode + bits,
        initBitsPerNode: state.initBitsPerNode,
      };
    },
  };
}
