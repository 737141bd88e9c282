/**
 * What EF21-SGDM and EF21-SGD2M share before their update rules: the hyperparameter checks, the name, and the
 * start v_i⁰ = g_i⁰ = (1/B_init) Σ_b ĝ_i(x⁰, ξ_{i,b}⁰), sent uncompressed [Fatkhullin et al. 2023, Alg. 1;
 * docs/theory.md §5.1, M] and billed in initBitsPerNode. Each method keeps its own file for its step.
 */
import { denseBits } from '../compressors/bits.ts';
import type { Compressor } from '../compressors/types.ts';
import { totalBits } from '../compressors/types.ts';
import { copy, mean, type ReadonlyVector, type Vector } from '../linalg/vector.ts';
import type { Oracle } from '../oracles/types.ts';
import { split, type Key } from '../rng/key.ts';
import {
  initialGradI,
  requireBatch,
  requireCompressorDim,
  requireEta,
  requireStepSize,
  startPoint,
} from './validate.ts';

/** The start both momentum methods build on; vi and gi are distinct copies of the same initial gradients. */
export interface MomentumStart {
  readonly x: Vector;
  readonly g: Vector;
  readonly gi: readonly Vector[];
  readonly vi: readonly Vector[];
  readonly initBitsPerNode: number;
}

/**
 * Checks γ > 0, η ∈ (0, 1] and B_init, and returns the method's report name.
 *
 * @example
 * momentumName('ef21-sgdm', 0.1, 0.5, topK(3, 1), 1);
 * // returns 'ef21-sgdm(γ=0.1,η=0.5,top-k(k=1,d=3))'
 */
export function momentumName(
  method: string,
  gamma: number,
  eta: number,
  compressor: Compressor,
  bInit: number,
): string {
  requireStepSize(method, gamma);
  requireEta(method, eta);
  requireBatch(method, bInit);
  return `${method}(γ=${gamma},η=${eta},${compressor.name}${bInit === 1 ? '' : `,bInit=${bInit}`})`;
}

/** x⁰ and v_i⁰ = g_i⁰ from the B_init-sample gradients drawn with split(key)[0] (header). */
export function momentumInit(
  method: string,
  compressor: Compressor,
  x0: ReadonlyVector | undefined,
  bInit: number,
  oracle: Oracle,
  key: Key,
): MomentumStart {
  requireCompressorDim(method, compressor, oracle);
  const x = startPoint(method, x0, oracle);
  const [kNoise] = split(key);
  const vi = Array.from({ length: oracle.problem.n }, (_, i) => initialGradI(oracle, i, x, kNoise, bInit));
  const gi = vi.map(copy);
  return { x, g: mean(gi), gi, vi, initBitsPerNode: totalBits(denseBits(x.length)) };
}
