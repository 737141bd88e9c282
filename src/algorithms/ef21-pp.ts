/**
 * EF21-PP, partial participation [Fatkhullin et al. 2021 (Bells & Whistles), §3.5 of docs/theory.md]: each node joins
 * round t independently with probability p (S_t drawn from the round key):
 *   x^{t+1}   = x^t − γ g^t
 *   c_i^t     = C(∇f_i(x^{t+1}) − g_i^t) if i ∈ S_t, else c_i^t = 0 (node i computes and sends nothing)
 *   g_i^{t+1} = g_i^t + c_i^t,   g^{t+1} = g^t + (1/n) Σ_{i∈S_t} c_i^t
 * Silent nodes are not billed: bitsPerNode grows by |S_t|·bits/n. Keys: split(key, 3) = [noise, compress,
 * participation], whose first two are split(key)'s, so p = 1 is EF21 with the same keys. Init as EF21.
 */
import { denseBits } from '../compressors/bits.ts';
import type { Compressor } from '../compressors/types.ts';
import { totalBits } from '../compressors/types.ts';
import { mean, type ReadonlyVector, type Vector } from '../linalg/vector.ts';
import { split, type Key } from '../rng/key.ts';
import { uniform } from '../rng/sample.ts';
import type { Oracle } from '../oracles/types.ts';
import type { Algorithm, MethodState } from './types.ts';
import { ef21Round } from './ef21-round.ts';
import { masterStep } from './master-step.ts';
import { requireCompressorDim, requireProbability, requireStepSize, startPoint, type Randomness } from './validate.ts';

export interface EF21PpParams {
  readonly gamma: number;
  readonly compressor: Compressor;
  /** Participation probability p ∈ (0, 1]. */
  readonly p: number;
  readonly x0?: ReadonlyVector;
  readonly randomness?: Randomness;
}

export interface EF21PpState extends MethodState {
  readonly g: Vector;
  readonly gi: readonly Vector[];
  /** Which nodes sent in the round that produced this state (all true at t = 0: the initial message). */
  readonly participated: readonly boolean[];
}

export function ef21Pp(params: EF21PpParams): Algorithm<EF21PpParams, EF21PpState> {
  const { gamma, compressor: C, p, randomness } = params;
  requireStepSize('ef21-pp', gamma);
  requireProbability('ef21-pp', p);
  return {
    name: `ef21-pp(γ=${gamma},p=${p},${C.name})`,
    params,
    init(oracle: Oracle, key: Key): EF21PpState {
      requireCompressorDim('ef21-pp', C, oracle);
      const x = startPoint('ef21-pp', params.x0, oracle);
      const [kNoise] = split(key);
      const gi = Array.from({ length: oracle.problem.n }, (_, i) => oracle.gradI(i, x, kNoise));
      const participated = gi.map(() => true);
      return {
        t: 0,
        x,
        g: mean(gi),
        gi,
        participated,
        bitsPerNode: 0,
        initBitsPerNode: totalBits(denseBits(x.length)),
      };
    },
    step(state: EF21PpState, oracle: Oracle, key: Key): EF21PpState {
      requireCompressorDim('ef21-pp', C, oracle);
      const [kNoise, kCompress, kJoin] = split(key, 3);
      const u = uniform(kJoin, state.gi.length);
      const participated = Array.from(u, (ui) => ui < p);
      const x = masterStep(state.x, gamma, state.g);
      const target = (i: number): Vector => oracle.gradI(i, x, kNoise);
      const r = ef21Round({
        compressor: C,
        gi: state.gi,
        g: state.g,
        target,
        kCompress,
        randomness,
        active: participated,
      });
      return {
        t: state.t + 1,
        x,
        g: r.g,
        gi: r.gi,
        participated,
        bitsPerNode: state.bitsPerNode + r.bitsPerNode,
        initBitsPerNode: state.initBitsPerNode,
      };
    },
  };
}
