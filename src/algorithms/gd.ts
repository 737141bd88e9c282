/**
 * Distributed (stochastic) gradient descent, in the master-steps-first order of docs/theory.md §3.9:
 *   x^{t+1} = x^t − γ g^t,   g^{t+1} = (1/n) Σ_i ĝ_i(x^{t+1})
 * with ĝ_i = ∇f_i for the exact oracle (GD) and a stochastic gradient otherwise (SGD). Every node sends its
 * gradient uncompressed each round (d·64 bits); g⁰ = (1/n) Σ_i ĝ_i(x⁰) is the initial message, billed apart.
 * The uncompressed baseline of every EF21 comparison: EF21 with the identity compressor is this method.
 */
import { denseBits } from '../compressors/bits.ts';
import { totalBits } from '../compressors/types.ts';
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import { split, type Key } from '../rng/key.ts';
import type { Oracle } from '../oracles/types.ts';
import type { Algorithm, MethodState } from './types.ts';
import { masterStep } from './master-step.ts';
import { requireStepSize, startPoint } from './validate.ts';

export interface GdParams {
  readonly gamma: number;
  readonly x0?: ReadonlyVector;
}

export interface GdState extends MethodState {
  /** The master's step direction: the mean of the nodes' gradients at x^t. */
  readonly g: Vector;
}

/** (1/n) Σ_i ĝ_i(x), summed in node order. */
function meanGrad(oracle: Oracle, x: ReadonlyVector, kNoise: Key): Vector {
  const n = oracle.problem.n;
  const g = oracle.gradI(0, x, kNoise);
  for (let i = 1; i < n; i++) {
    const gi = oracle.gradI(i, x, kNoise);
    for (let j = 0; j < g.length; j++) g[j] += gi[j];
  }
  for (let j = 0; j < g.length; j++) g[j] /= n;
  return g;
}

/**
 * @example
 * const oracle = exactOracle(diagonalQuadratic([[2]]));
 * const alg = gd({ gamma: 0.25, x0: [1] });
 * alg.step(alg.init(oracle, key(0)), oracle, key(1)).x;
 * // returns Float64Array [0.5]
 */
export function gd(params: GdParams): Algorithm<GdParams, GdState> {
  const { gamma } = params;
  requireStepSize('gd', gamma);
  return {
    name: `gd(γ=${gamma})`,
    params,
    init(oracle: Oracle, key: Key): GdState {
      const x = startPoint('gd', params.x0, oracle);
      const [kNoise] = split(key);
      const dense = totalBits(denseBits(oracle.problem.dim));
      return { t: 0, x, g: meanGrad(oracle, x, kNoise), bitsPerNode: 0, initBitsPerNode: dense };
    },
    step(state: GdState, oracle: Oracle, key: Key): GdState {
      const [kNoise] = split(key);
      const x = masterStep(state.x, gamma, state.g);
      const dense = totalBits(denseBits(oracle.problem.dim));
      const g = meanGrad(oracle, x, kNoise);
      return { t: state.t + 1, x, g, bitsPerNode: state.bitsPerNode + dense, initBitsPerNode: state.initBitsPerNode };
    },
  };
}
