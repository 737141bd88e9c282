/**
 * The minibatch noise of the EF21-SGD claim: the mean of τ Gaussian draws of total variance σ², an unbiased oracle
 * with E‖ĝ_i − ∇f_i‖² = σ²/τ exactly (src/oracles/batch-average.ts), the σ²/τ of docs/theory.md §3.4.
 */
import type { ReadonlyVector } from '../../../src/linalg/vector.ts';
import { batchGradI } from '../../../src/oracles/batch-average.ts';
import { gaussianOracle } from '../../../src/oracles/gaussian.ts';
import type { Oracle } from '../../../src/oracles/types.ts';
import type { Problem } from '../../../src/problems/types.ts';
import type { Key } from '../../../src/rng/key.ts';

export function minibatchGaussian(problem: Problem, sigma: number, tau: number): Oracle {
  const base = gaussianOracle(problem, sigma);
  return {
    ...base,
    name: `gaussian(σ=${sigma},τ=${tau})`,
    sigma: sigma / Math.sqrt(tau),
    gradI: (i: number, x: ReadonlyVector, k: Key) => batchGradI(base, i, x, k, tau),
  };
}
