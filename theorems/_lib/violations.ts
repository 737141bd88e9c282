/**
 * How many trials break lhs ≤ rhs beyond rounding (DEFAULT_RTOL of the summands plus DEFAULT_FLOOR): the count a
 * table reports beside a verdict, e.g. for measured companions where violations are expected.
 */
import { DEFAULT_FLOOR, DEFAULT_RTOL, type Sides } from '../../src/report/verdict.ts';

/**
 * @example
 * countViolations([{ lhs: 2, rhs: 1, scale: 3 }, { lhs: 1, rhs: 1, scale: 2 }]);
 * // returns 1
 */
export function countViolations(trials: readonly Sides[]): number {
  return trials.filter((t) => t.lhs > t.rhs + DEFAULT_RTOL * t.scale + DEFAULT_FLOOR).length;
}
