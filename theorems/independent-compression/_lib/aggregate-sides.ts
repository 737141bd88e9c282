/**
 * Both sides of the two identities every exact aggregate law of this group is checked against (docs/theory.md §1.3):
 * its variance against a closed form, and its mean against ā (unbiasedness). Each law carries the squared magnitude of
 * the summands it was built from, which the tolerance is relative to.
 */
import type { ReadonlyVector } from '../../../src/linalg/vector.ts';
import type { Sides } from '../../../src/report/verdict.ts';
import type { AggregateLaw } from './aggregate-law.ts';

/** Sides of "variance = closed form": lhs from the enumerated law; rhsScale the magnitude of the rhs's summands. */
export function varianceSides(law: AggregateLaw, rhs: number, rhsScale: number = Math.abs(rhs)): Sides {
  return { lhs: law.variance, rhs, scale: law.scale + rhsScale };
}

/** ‖E agg − ā‖² against 0: the aggregate is unbiased (scale: the squared magnitudes the mean was summed from). */
export function unbiasedSides(law: AggregateLaw, abar: ReadonlyVector): Sides {
  let gap = 0;
  for (let j = 0; j < abar.length; j++) gap += (law.mean[j] - abar[j]) ** 2;
  return { lhs: gap, rhs: 0, scale: law.scale };
}
