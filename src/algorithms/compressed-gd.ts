/**
 * Naive distributed compressed GD (DCGD) [Beznosikov et al. 2020; docs/theory.md §2.3], master steps first (§3.9):
 *   x^{t+1} = x^t − γ g^t,   g^{t+1} = (1/n) Σ_i C(ĝ_i(x^{t+1}))
 * i.e. x^{k+1} = x^k − γ (1/n) Σ_i C(∇f_i(x^k)). No memory: the compression error is simply lost, which is why it
 * diverges with Top1 on the Beznosikov instance, x^k = (1 + 11γ/6)^k x⁰ (§2.3). With a stochastic oracle this is
 * "Compressed SGD". The message at x⁰ is compressed too; it is billed in initBitsPerNode.
 */
import type { Compressor } from '../compressors/types.ts';
import { totalBits } from '../compressors/types.ts';
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import { split, type Key } from '../rng/key.ts';
import type { Oracle } from '../oracles/types.ts';
import type { Algorithm, MethodState } from './types.ts';
import { masterStep } from './master-step.ts';
import { compressorKey, requireCompressorDim, requireStepSize, startPoint, type Randomness } from './validate.ts';

export interface CompressedGdParams {
  readonly gamma: number;
  readonly compressor: Compressor;
  readonly x0?: ReadonlyVector;
  readonly randomness?: Randomness;
}

export interface CompressedGdState extends MethodState {
  /** The master's step direction: the mean of the compressed gradients sent at x^t. */
  readonly g: Vector;
}

export function compressedGd(params: CompressedGdParams): Algorithm<CompressedGdParams, CompressedGdState> {
  const { gamma, compressor: C, randomness } = params;
  requireStepSize('compressed-gd', gamma);
  /** (1/n) Σ_i C(ĝ_i(x)) and the mean bits of the n messages. */
  const round = (oracle: Oracle, x: ReadonlyVector, key: Key): { g: Vector; bits: number } => {
    requireCompressorDim('compressed-gd', C, oracle);
    const [kNoise, kCompress] = split(key);
    const n = oracle.problem.n;
    const g = new Float64Array(x.length);
    let bits = 0;
    for (let i = 0; i < n; i++) {
      const c = C.compress(oracle.gradI(i, x, kNoise), compressorKey(kCompress, i, randomness));
      bits += totalBits(C.bits(c));
      for (let j = 0; j < g.length; j++) g[j] += c[j];
    }
    for (let j = 0; j < g.length; j++) g[j] /= n;
    return { g, bits: bits / n };
  };
  return {
    name: `compressed-gd(γ=${gamma},${C.name})`,
    params,
    init(oracle: Oracle, key: Key): CompressedGdState {
      const x = startPoint('compressed-gd', params.x0, oracle);
      const { g, bits } = round(oracle, x, key);
      return { t: 0, x, g, bitsPerNode: 0, initBitsPerNode: bits };
    },
    step(state: CompressedGdState, oracle: Oracle, key: Key): CompressedGdState {
      const x = masterStep(state.x, gamma, state.g);
      const { g, bits } = round(oracle, x, key);
      return { t: state.t + 1, x, g, bitsPerNode: state.bitsPerNode + bits, initBitsPerNode: state.initBitsPerNode };
    },
  };
}
