/**
 * ∇f_i(x) + ξ with ξ ~ N(0, (σ²/d) I): unbiased with E‖ξ‖² = σ² exactly (Assumption 2 with equality,
 * docs/theory.md §0.2). Independent across nodes (foldIn(key, i)) unless `shared`, then every node adds the same ξ.
 */
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import { foldIn, type Key } from '../rng/key.ts';
import { normal } from '../rng/sample.ts';
import type { Problem } from '../problems/types.ts';
import type { Oracle } from './types.ts';

export function gaussianOracle(problem: Problem, sigma: number, options: { readonly shared?: boolean } = {}): Oracle {
  if (!(Number.isFinite(sigma) && sigma >= 0)) throw new RangeError(`gaussian oracle: need σ ≥ 0, got σ=${sigma}`);
  const shared = options.shared ?? false;
  const d = problem.dim;
  const perCoordinate = sigma / Math.sqrt(d);
  return {
    name: `gaussian(σ=${sigma}${shared ? ',shared' : ''})`,
    problem,
    sigma,
    shared,
    gradI: (i: number, x: ReadonlyVector, key: Key): Vector => {
      const g = problem.gradI(i, x);
      if (sigma === 0) return g;
      const z = normal(shared ? key : foldIn(key, i), d);
      for (let j = 0; j < d; j++) g[j] += perCoordinate * z[j];
      return g;
    },
  };
}
