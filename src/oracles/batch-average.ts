/**
 * The mean of B independent oracle draws at one point: EF21-SGDM's initial v_i⁰ = g_i⁰ from a B_init-sample
 * gradient [Fatkhullin, Tyurin, Richtárik 2023, Alg. 1]. Unbiased, with variance ≤ σ²/B because the draws are
 * independent (draw b uses the round key foldIn(key, b), from which the oracle derives node i's stream).
 */
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import { foldIn, type Key } from '../rng/key.ts';
import type { Oracle } from './types.ts';

/**
 * @example
 * batchGradI(exactOracle(problem), 0, x, key(1), 64); // equals problem.gradI(0, x) up to rounding
 */
export function batchGradI(oracle: Oracle, i: number, x: ReadonlyVector, key: Key, B: number): Vector {
  if (!(Number.isInteger(B) && B >= 1)) throw new RangeError(`batchGradI: need an integer B ≥ 1, got B=${B}`);
  const out = oracle.gradI(i, x, foldIn(key, 0));
  for (let b = 1; b < B; b++) {
    const g = oracle.gradI(i, x, foldIn(key, b));
    for (let j = 0; j < out.length; j++) out[j] += g[j];
  }
  const inv = 1 / B;
  for (let j = 0; j < out.length; j++) out[j] *= inv;
  return out;
}

/** The σ of batchGradI's estimate: σ/√B (null stays null). */
export function batchSigma(oracle: Oracle, B: number): number | null {
  return oracle.sigma === null ? null : oracle.sigma / Math.sqrt(B);
}
