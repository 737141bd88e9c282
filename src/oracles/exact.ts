/** The exact local gradient as an oracle (σ = 0); the key is ignored. */
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import type { Problem } from '../problems/types.ts';
import type { Oracle } from './types.ts';

// exactOracle's oracles over problems with gradIRange, by identity: a wrapper that replaces gradI never passes.
const ranged = new WeakSet<Oracle>();

export function exactOracle(problem: Problem): Oracle {
  const oracle: Oracle = {
    name: 'exact',
    problem,
    sigma: 0,
    shared: false,
    gradI: (i: number, x: ReadonlyVector): Vector => problem.gradI(i, x),
  };
  if (problem.gradIRange !== undefined) ranged.add(oracle);
  return oracle;
}

/** The problem, when `oracle` is an exactOracle over one with gradIRange (its ranges are then gradI's entries). */
export function exactRangeProblem(oracle: Oracle): (Problem & Required<Pick<Problem, 'gradIRange'>>) | undefined {
  return ranged.has(oracle) ? (oracle.problem as Problem & Required<Pick<Problem, 'gradIRange'>>) : undefined;
}
