/**
 * Nesterov's accelerated gradient method for μ-strongly convex, L-smooth f, constant momentum [Nesterov 2018,
 * Lectures on Convex Optimization, §2.2.1, constant step scheme III (2.2.22)], the uncompressed baseline of
 * docs/theory.md §6.2 (ω = 0, every node sends its gradient densely):
 *   g^k     = (1/n) Σ_i ∇f_i(y^k)                       (node i sends ∇f_i(y^k), d·64 bits)
 *   x^{k+1} = y^k − γ g^k
 *   y^{k+1} = x^{k+1} + β (x^{k+1} − x^k)
 * with γ = 1/L and β = (1 − √q)/(1 + √q), q = μ/L: then f(x^k) − f* ≤ (f(x⁰) − f* + (μ/2)‖x⁰ − x*‖²)(1 − √q)^k
 * [Nesterov 2018, Thm 2.2.3]. agdParameters gives that choice. ADIANA with the identity compressor and
 * nesterovParameters (adiana-parameters.ts) is this method [D]. Like DIANA and ADIANA here, the round's gradient is
 * taken at the state's point and billed in the same round; x⁰ = y⁰, nothing is sent at init.
 */
import { denseBits } from '../compressors/bits.ts';
import { totalBits } from '../compressors/types.ts';
import { copy, type ReadonlyVector, type Vector } from '../linalg/vector.ts';
import { split, type Key } from '../rng/key.ts';
import type { Oracle } from '../oracles/types.ts';
import type { Algorithm, MethodState } from './types.ts';
import { requireStepSize, startPoint } from './validate.ts';

export interface AgdParams {
  /** Step γ (1/L in Nesterov's scheme). */
  readonly gamma: number;
  /** Momentum β ∈ [0, 1) ((1 − √q)/(1 + √q) in Nesterov's scheme; 0 is GD). */
  readonly momentum: number;
  readonly x0?: ReadonlyVector;
}

export interface AgdState extends MethodState {
  /** The extrapolated point y^k at which the gradient is taken. (`x` is x^k, the output sequence.) */
  readonly y: Vector;
}

/**
 * γ = 1/L, β = (1 − √q)/(1 + √q), q = μ/L [Nesterov 2018, (2.2.22)].
 * @example
 * agdParameters({ L: 100, mu: 1 });
 * // returns { gamma: 0.01, momentum: 0.8181… (= 9/11) }
 */
export function agdParameters(c: { readonly L: number; readonly mu: number }): { gamma: number; momentum: number } {
  if (!(c.L > 0 && c.mu > 0 && c.mu <= c.L))
    throw new RangeError(`agd parameters: need 0 < μ ≤ L, got μ=${c.mu}, L=${c.L}`);
  const a = Math.sqrt(c.mu / c.L);
  return { gamma: 1 / c.L, momentum: (1 - a) / (1 + a) };
}

/** (1/n) Σ_i ĝ_i(y), summed in node order. */
function meanGrad(oracle: Oracle, y: ReadonlyVector, kNoise: Key): Vector {
  const n = oracle.problem.n;
  const g = oracle.gradI(0, y, kNoise);
  for (let i = 1; i < n; i++) {
    const gi = oracle.gradI(i, y, kNoise);
    for (let j = 0; j < g.length; j++) g[j] += gi[j];
  }
  for (let j = 0; j < g.length; j++) g[j] /= n;
  return g;
}

/**
 * @example
 * // f = ½x² (L = μ = 1): β = 0 and γ = 1 reach x* = 0 in one step.
 * const alg = agd({ ...agdParameters({ L: 1, mu: 1 }), x0: [3] });
 * alg.step(alg.init(exactOracle(diagonalQuadratic([[1]])), key(0)), exactOracle(diagonalQuadratic([[1]])), key(1)).x;
 * // returns Float64Array [0]
 */
export function agd(params: AgdParams): Algorithm<AgdParams, AgdState> {
  const { gamma, momentum } = params;
  requireStepSize('agd', gamma);
  if (!(momentum >= 0 && momentum < 1)) throw new RangeError(`agd: need momentum β ∈ [0, 1), got β=${momentum}`);
  return {
    name: `agd(γ=${gamma},β=${momentum})`,
    params,
    init(oracle: Oracle): AgdState {
      const x = startPoint('agd', params.x0, oracle);
      return { t: 0, x, y: copy(x), bitsPerNode: 0, initBitsPerNode: 0 };
    },
    step(state: AgdState, oracle: Oracle, key: Key): AgdState {
      const [kNoise] = split(key);
      const g = meanGrad(oracle, state.y, kNoise);
      const d = g.length;
      const x = new Float64Array(d);
      const y = new Float64Array(d);
      for (let j = 0; j < d; j++) {
        x[j] = state.y[j] - gamma * g[j];
        y[j] = x[j] + momentum * (x[j] - state.x[j]);
      }
      return { t: state.t + 1, x, y, bitsPerNode: state.bitsPerNode + totalBits(denseBits(d)), initBitsPerNode: 0 };
    },
  };
}
