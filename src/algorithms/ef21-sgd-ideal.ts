/**
 * EF21-SGD-ideal, the thought experiment of [Fatkhullin, Tyurin, Richtárik 2023, §2; docs/theory.md §5.1]: node i knows
 * its exact gradient ∇f_i (oracle.problem.gradI) and only the noise passes through the compressor:
 *   x^{t+1}   = x^t − γ g^t
 *   c_i^t     = C(ĝ_i(x^{t+1}) − ∇f_i(x^{t+1})),   g_i^{t+1} = ∇f_i(x^{t+1}) + c_i^t,   g^{t+1} = (1/n) Σ_i g_i^{t+1}
 * No real master could form g (it needs ∇f_i), so g is the mean of the g_i, not a running sum of messages.
 * Init follows docs/theory.md §5.2: g_i⁰ = ∇f_i(x⁰) + C(ĝ_i(x⁰) − ∇f_i(x⁰)), so the compressed noise is present from
 * round 0 and Theorem 1's lower bound holds for all t. Every message c_i (init included) is billed as compressed.
 */
import type { Compressor } from '../compressors/types.ts';
import { totalBits } from '../compressors/types.ts';
import { mean, type ReadonlyVector, type Vector } from '../linalg/vector.ts';
import { split, type Key } from '../rng/key.ts';
import type { Oracle } from '../oracles/types.ts';
import type { Algorithm, MethodState } from './types.ts';
import { masterStep } from './master-step.ts';
import { compressorKey, requireCompressorDim, requireStepSize, startPoint, type Randomness } from './validate.ts';

export interface EF21SgdIdealParams {
  readonly gamma: number;
  readonly compressor: Compressor;
  readonly x0?: ReadonlyVector;
  readonly randomness?: Randomness;
}

export interface EF21IdealState extends MethodState {
  /** (1/n) Σ_i g_i. */
  readonly g: Vector;
  readonly gi: readonly Vector[];
}

/**
 * g_i = ∇f_i(x) + C(eta·(ĝ_i(x) − ∇f_i(x))) for every node: the ideal round, shared with EF21-SGDM-ideal
 * (eta = 1 here; [docs/theory.md §5.1] v_i − ∇f_i = η(ĝ_i − ∇f_i) there).
 */
export function idealRound(
  method: string,
  C: Compressor,
  eta: number,
  randomness: Randomness | undefined,
  oracle: Oracle,
  x: ReadonlyVector,
  key: Key,
): { gi: Vector[]; g: Vector; bits: number } {
  requireCompressorDim(method, C, oracle);
  const [kNoise, kCompress] = split(key);
  const n = oracle.problem.n;
  let bits = 0;
  const gi = Array.from({ length: n }, (_, i) => {
    const exact = oracle.problem.gradI(i, x);
    const noise = oracle.gradI(i, x, kNoise);
    for (let j = 0; j < noise.length; j++) noise[j] = eta * (noise[j] - exact[j]);
    const c = C.compress(noise, compressorKey(kCompress, i, randomness));
    bits += totalBits(C.bits(c));
    for (let j = 0; j < c.length; j++) c[j] += exact[j];
    return c;
  });
  return { gi, g: mean(gi), bits: bits / n };
}

export function ef21SgdIdeal(params: EF21SgdIdealParams): Algorithm<EF21SgdIdealParams, EF21IdealState> {
  const { gamma, compressor: C, randomness } = params;
  requireStepSize('ef21-sgd-ideal', gamma);
  return {
    name: `ef21-sgd-ideal(γ=${gamma},${C.name})`,
    params,
    init(oracle: Oracle, key: Key): EF21IdealState {
      const x = startPoint('ef21-sgd-ideal', params.x0, oracle);
      const { gi, g, bits } = idealRound('ef21-sgd-ideal', C, 1, randomness, oracle, x, key);
      return { t: 0, x, g, gi, bitsPerNode: 0, initBitsPerNode: bits };
    },
    step(state: EF21IdealState, oracle: Oracle, key: Key): EF21IdealState {
      const x = masterStep(state.x, gamma, state.g);
      const { gi, g, bits } = idealRound('ef21-sgd-ideal', C, 1, randomness, oracle, x, key);
      return {
        t: state.t + 1,
        x,
        g,
        gi,
        bitsPerNode: state.bitsPerNode + bits,
        initBitsPerNode: state.initBitsPerNode,
      };
    },
  };
}
