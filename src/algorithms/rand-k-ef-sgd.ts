/**
 * Compressed SGD with RandK and error feedback, in the step-unit memory form (EF14 / Mem-SGD [Stich et al. 2018]),
 * which docs/theory.md §7 reconstructs [R] as the most likely algorithm of Avdiukhin & Yaroslavtsev (NeurIPS 2021):
 *   p_i^t = e_i^t + η ĝ_i(x^t),   c_i^t = C(p_i^t),   e_i^{t+1} = p_i^t − c_i^t,   x^{t+1} = x^t − (1/n) Σ_i c_i^t
 * with e_i⁰ = 0 and C = RandK. [R] details: the paper's exact algorithm, its RandK scaling and its step size were not
 * retrieved (docs/theory.md §A4). The default here is the unscaled RandK (contractive, α = K/d), the compressor error
 * feedback is built for: memory then loses nothing (sent + kept = p_i) and stays bounded; with the d/K-scaled form
 * (`scaled: true`) e⁺ = p − (d/K)p_S has E‖e⁺‖² = (d/K − 1)‖p‖², which grows when K < d/2.
 * Invariant [D, as for EF14 in ef14.ts]: the virtual iterate x̃^t = x^t − (1/n)Σ_i e_i^t follows SGD exactly,
 * x̃^{t+1} = x̃^t − η (1/n) Σ_i ĝ_i(x^t); in a state (x^t, c^t, e^{t+1}): x^t − c^t − ē^{t+1} = x⁰ − η Σ_{s≤t} ḡ^s.
 * Master steps first (docs/theory.md §3.9); noise and compressor keys as in rand-k-sgd.ts. Wire: K values and K
 * indices per node per round (sparseBits(K, d)).
 */
import { randK } from '../compressors/rand-k.ts';
import { totalBits, type Compressor } from '../compressors/types.ts';
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import { foldIn, split, type Key } from '../rng/key.ts';
import type { Oracle } from '../oracles/types.ts';
import type { Algorithm, MethodState } from './types.ts';
import { masterStep } from './master-step.ts';
import { requireStepSize, startPoint } from './validate.ts';

export interface RandKEfSgdParams {
  /** η: the step size (inside the memory: p = e + ηĝ). */
  readonly eta: number;
  /** K: coordinates each node sends per round (1 ≤ K ≤ d). */
  readonly k: number;
  /** RandK with the d/K factor (default false: the contractive, unscaled form). */
  readonly scaled?: boolean;
  readonly x0?: ReadonlyVector;
}

export interface RandKEfSgdState extends MethodState {
  /** Mean over nodes of c_i^t sent at x^t: the master moves by −g (η is already inside). */
  readonly g: Vector;
  /** Node memories e_i^{t+1} (step units) left after the messages sent at x^t. */
  readonly ei: readonly Vector[];
  /** Values sent per node in the rounds after x⁰ (K a round). */
  readonly valuesPerNode: number;
  /** Indices sent per node in the rounds after x⁰ (K a round). */
  readonly indicesPerNode: number;
}

function compressorFor(k: number, d: number, scaled: boolean): Compressor {
  if (!(Number.isInteger(k) && k >= 1 && k <= d))
    throw new RangeError(`rand-k-ef-sgd: need an integer 1 ≤ K ≤ d, got K=${k}, d=${d}`);
  return randK(d, k, { scaled });
}

/**
 * @example
 * const alg = randKEfSgd({ eta: 0.05, k: 10 });
 * const s0 = alg.init(oracle, key(0)); // s0.x − s0.g − s0.ei[0] = x⁰ − η·ĝ(x⁰)
 */
export function randKEfSgd(params: RandKEfSgdParams): Algorithm<RandKEfSgdParams, RandKEfSgdState> {
  const { eta, k } = params;
  const scaled = params.scaled === true;
  requireStepSize('rand-k-ef-sgd', eta);
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`rand-k-ef-sgd: need an integer K ≥ 1, got K=${k}`);
  const round = (oracle: Oracle, x: ReadonlyVector, ei: readonly ReadonlyVector[] | undefined, key: Key) => {
    const C = compressorFor(k, oracle.problem.dim, scaled);
    const [kNoise, kCompress] = split(key);
    const n = oracle.problem.n;
    const g = new Float64Array(x.length);
    const next: Vector[] = new Array<Vector>(n);
    let bits = 0;
    for (let i = 0; i < n; i++) {
      // p = e + ηĝ, built in the oracle's fresh array, which then becomes e⁺ = p − c in place.
      const p = oracle.gradI(i, x, kNoise);
      for (let j = 0; j < p.length; j++) p[j] = (ei === undefined ? 0 : ei[i][j]) + eta * p[j];
      const c = C.compress(p, foldIn(kCompress, i));
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
    name: `rand-k-ef-sgd(η=${eta},K=${k}${scaled ? ',scaled' : ''})`,
    params,
    init(oracle: Oracle, key: Key): RandKEfSgdState {
      const x = startPoint('rand-k-ef-sgd', params.x0, oracle);
      const { g, ei, bits } = round(oracle, x, undefined, key);
      return { t: 0, x, g, ei, bitsPerNode: 0, initBitsPerNode: bits, valuesPerNode: 0, indicesPerNode: 0 };
    },
    step(state: RandKEfSgdState, oracle: Oracle, key: Key): RandKEfSgdState {
      // The message already carries η: the master's step is x − 1·c.
      const x = masterStep(state.x, 1, state.g);
      const { g, ei, bits } = round(oracle, x, state.ei, key);
      return {
        t: state.t + 1,
        x,
        g,
        ei,
        bitsPerNode: state.bitsPerNode + bits,
        initBitsPerNode: state.initBitsPerNode,
        valuesPerNode: state.valuesPerNode + k,
        indicesPerNode: state.indicesPerNode + k,
      };
    },
  };
}
