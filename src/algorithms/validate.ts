/**
 * Hyperparameter checks and the small pieces every method shares (start point, node keys, initial gradients),
 * so that each method file holds only its update rule. Errors are one-line RangeErrors naming the method.
 */
import { copy, type ReadonlyVector, type Vector } from '../linalg/vector.ts';
import { foldIn, type Key } from '../rng/key.ts';
import { batchGradI } from '../oracles/batch-average.ts';
import type { Compressor } from '../compressors/types.ts';
import type { Oracle } from '../oracles/types.ts';

/** Independent compressor draws per node (foldIn(k, i)) or one shared draw for all nodes (docs/theory.md §1.3). */
export type Randomness = 'independent' | 'shared';

/** γ > 0 and finite. */
export function requireStepSize(method: string, gamma: number): void {
  if (!(Number.isFinite(gamma) && gamma > 0)) throw new RangeError(`${method}: need step size γ > 0, got γ=${gamma}`);
}

/** η ∈ (0, 1] (momentum weight of EF21-SGDM / SGD2M; η = 1 switches momentum off). */
export function requireEta(method: string, eta: number): void {
  if (!(eta > 0 && eta <= 1)) throw new RangeError(`${method}: need η ∈ (0, 1], got η=${eta}`);
}

/** p ∈ (0, 1] (participation probability). */
export function requireProbability(method: string, p: number): void {
  if (!(p > 0 && p <= 1)) throw new RangeError(`${method}: need p ∈ (0, 1], got p=${p}`);
}

/** B_init a positive integer. */
export function requireBatch(method: string, bInit: number): void {
  if (!(Number.isInteger(bInit) && bInit >= 1))
    throw new RangeError(`${method}: need an integer bInit ≥ 1, got bInit=${bInit}`);
}

/** The compressor must act on the problem's dimension. */
export function requireCompressorDim(method: string, compressor: Compressor, oracle: Oracle): void {
  const d = oracle.problem.dim;
  if (compressor.dim !== d) {
    throw new RangeError(`${method}: compressor ${compressor.name} has dim ${compressor.dim}, problem has d=${d}`);
  }
}

/** x⁰: a fresh copy of params.x0, or 0 ∈ R^d. */
export function startPoint(method: string, x0: ReadonlyVector | undefined, oracle: Oracle): Vector {
  const d = oracle.problem.dim;
  if (x0 === undefined) return new Float64Array(d);
  if (x0.length !== d) throw new RangeError(`${method}: x0 has length ${x0.length}, problem has d=${d}`);
  return copy(x0);
}

/** Node i's compressor key: its own stream, or the round's key for every node when randomness is shared. */
export function compressorKey(kCompress: Key, i: number, randomness: Randomness | undefined): Key {
  return randomness === 'shared' ? kCompress : foldIn(kCompress, i);
}

/**
 * (1/B) Σ_b ĝ_i(x; ξ_b): the B_init-sample initial gradient of EF21-SGDM [Fatkhullin et al. 2023, Alg. 1;
 * docs/theory.md §5.1]. B = 1 is exactly oracle.gradI(i, x, key), the draw every other method's init makes, so
 * EF21-SGDM(η = 1) and EF21-SGD start from the same g_i⁰ bit for bit; B > 1 is batchGradI's independent draws.
 */
export function initialGradI(oracle: Oracle, i: number, x: ReadonlyVector, key: Key, bInit: number): Vector {
  return bInit === 1 ? oracle.gradI(i, x, key) : batchGradI(oracle, i, x, key, bInit);
}
