/**
 * A Monte Carlo mean against an exact value, judged both ways at z = 6 (src/stats/mean-se.ts): E X ≤ exact and
 * E X ≥ exact, each refuted only when the sample mean sits z standard errors beyond it, so an identity checked by
 * simulation can fail in either direction. `context(side)` names each side's check and claim.
 */
import {
  lowerInExpectationVerdict,
  upperInExpectationVerdict,
  type Verdict,
  type VerdictContext,
} from '../../src/report/verdict.ts';
import type { MeanSe } from '../../src/stats/mean-se.ts';

export function twoSidedVerdicts(
  context: (side: '≤' | '≥') => VerdictContext,
  stats: MeanSe,
  exact: number,
): Verdict[] {
  return [
    upperInExpectationVerdict(context('≤'), { stats, bound: exact }),
    lowerInExpectationVerdict(context('≥'), { stats, bound: exact }),
  ];
}
