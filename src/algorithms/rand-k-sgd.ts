/**
 * Compressed SGD with unbiased RandK, the method of Avdiukhin & Yaroslavtsev (NeurIPS 2021) "with RandomK"
 * [abstract; docs/theory.md §7 / §A4 — the exact algorithm was not retrieved, so this form is a reconstruction [R]]:
 *   x^{t+1} = x^t − η (1/n) Σ_i C_i(ĝ_i(x^t)),   C(g) = (d/K) Σ_{j∈S} g_j e_j,   S a uniform K-subset of [d]
 * (src/compressors/rand-k.ts with `scaled`: E C(g) = g, E‖C(g) − g‖² = (d/K − 1)‖g‖²). In expectation over S the
 * step is SGD's; the compression only adds variance. Master steps first (docs/theory.md §3.9): a state holds x^t and
 * the mean message sent at x^t; the message at x⁰ is billed in initBitsPerNode / the init counters.
 * Wire: each node sends K values and their K indices per round (sparseBits(K, d): 64 + ⌈log₂ d⌉ bits a pair);
 * indices are counted because nodes draw independent subsets. Node i compresses with foldIn(kCompress, i), as
 * compressed-gd.ts does, so this method is compressedGd({ gamma: η, compressor: randK(d, K, { scaled: true }) })
 * bit for bit (pinned in the test); it exists to carry η, K and the coordinate counts the saddle claims bill.
 */
import { randK } from '../compressors/rand-k.ts';
import { totalBits, type Compressor } from '../compressors/types.ts';
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import { foldIn, split, type Key } from '../rng/key.ts';
import type { Oracle } from '../oracles/types.ts';
import type { Algorithm, MethodState } from './types.ts';
import { masterStep } from './master-step.ts';
import { requireStepSize, startPoint } from './validate.ts';

export interface RandKSgdParams {
  /** η: the step size. */
  readonly eta: number;
  /** K: coordinates each node sends per round (1 ≤ K ≤ d). */
  readonly k: number;
  readonly x0?: ReadonlyVector;
}

export interface RandKSgdState extends MethodState {
  /** Mean over nodes of the messages C_i(ĝ_i(x^t)) sent at x^t: the master's next step direction. */
  readonly g: Vector;
  /** Values sent per node in the rounds after x⁰ (K a round). */
  readonly valuesPerNode: number;
  /** Indices sent per node in the rounds after x⁰ (K a round). */
  readonly indicesPerNode: number;
}

/** K must be an integer in [1, d]; checked once d is known (at init). */
function compressorFor(k: number, d: number): Compressor {
  if (!(Number.isInteger(k) && k >= 1 && k <= d))
    throw new RangeError(`rand-k-sgd: need an integer 1 ≤ K ≤ d, got K=${k}, d=${d}`);
  return randK(d, k, { scaled: true });
}

/**
 * @example
 * const alg = randKSgd({ eta: 0.05, k: 10 });
 * const s1 = alg.step(alg.init(oracle, key(0)), oracle, key(1)); // s1.valuesPerNode === 10
 */
export function randKSgd(params: RandKSgdParams): Algorithm<RandKSgdParams, RandKSgdState> {
  const { eta, k } = params;
  requireStepSize('rand-k-sgd', eta);
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`rand-k-sgd: need an integer K ≥ 1, got K=${k}`);
  /** (1/n) Σ_i C_i(ĝ_i(x)) and the mean bits of the n messages. */
  const round = (oracle: Oracle, x: ReadonlyVector, key: Key): { g: Vector; bits: number } => {
    const C = compressorFor(k, oracle.problem.dim);
    const [kNoise, kCompress] = split(key);
    const n = oracle.problem.n;
    const g = new Float64Array(x.length);
    let bits = 0;
    for (let i = 0; i < n; i++) {
      const c = C.compress(oracle.gradI(i, x, kNoise), foldIn(kCompress, i));
      bits += totalBits(C.bits(c));
      for (let j = 0; j < g.length; j++) g[j] += c[j];
    }
    for (let j = 0; j < g.length; j++) g[j] /= n;
    return { g, bits: bits / n };
  };
  return {
    name: `rand-k-sgd(η=${eta},K=${k})`,
    params,
    init(oracle: Oracle, key: Key): RandKSgdState {
      const x = startPoint('rand-k-sgd', params.x0, oracle);
      const { g, bits } = round(oracle, x, key);
      return { t: 0, x, g, bitsPerNode: 0, initBitsPerNode: bits, valuesPerNode: 0, indicesPerNode: 0 };
    },
    step(state: RandKSgdState, oracle: Oracle, key: Key): RandKSgdState {
      const x = masterStep(state.x, eta, state.g);
      const { g, bits } = round(oracle, x, key);
      return {
        t: state.t + 1,
        x,
        g,
        bitsPerNode: state.bitsPerNode + bits,
        initBitsPerNode: state.initBitsPerNode,
        valuesPerNode: state.valuesPerNode + k,
        indicesPerNode: state.indicesPerNode + k,
      };
    },
  };
}
