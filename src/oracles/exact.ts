/** The exact local gradient as an oracle (σ = 0); the key is ignored. */
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import type { Problem } from '../problems/types.ts';
import type { Oracle } from './types.ts';

export function exactOracle(problem: Problem): Oracle {
  return {
    name: 'exact',
    problem,
    sigma: 0,
    shared: false,
    gradI: (i: number, x: ReadonlyVector): Vector => problem.gradI(i, x),
  };
}
