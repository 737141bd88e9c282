/**
 * The random-state checks every EF21-family one-step claim runs before its teeth: quadratics and logistic
 * regression with top-k / scaled sign along the path, and quadratics with a random compressor in exact
 * expectation, each on its own stream (1, 2, 3) at the claim's own step rule ('fraction').
 */
import { verdictOverTrials, type Trial, type Verdict, type VerdictContext } from '../../../src/report/verdict.ts';
import type { Family, Pool } from './seeded-trial.ts';

/** A claim's trials on `stream`: `count` seeded states of `family`, compressors from `pool`, step `m`. */
export type TrialRunner = (
  stream: number,
  count: number,
  family: Family,
  pool: Pool,
  m: number | 'fraction',
) => Trial[];

/** How the verdicts name the computation for each pool (EF21-PP: exact over participation, and over C). */
export interface HowChecked {
  readonly deterministic: string;
  readonly random: string;
}

const ONE_STEP: HowChecked = { deterministic: 'pathwise', random: 'exact expectation' };

/** The three verdicts, logistic trials at a quarter of the count (each costs a log-sum-exp per sample). */
export function randomTrialVerdicts(
  ctx: Omit<VerdictContext, 'check'>,
  run: TrialRunner,
  count: number,
  how: HowChecked = ONE_STEP,
): Verdict[] {
  const quarter = Math.ceil(count / 4);
  return [
    verdictOverTrials(
      { ...ctx, check: `indefinite quadratics, top-k / scaled sign, ${how.deterministic}` },
      'deterministic',
      run(1, count, 'quadratic', 'deterministic', 'fraction'),
    ),
    verdictOverTrials(
      { ...ctx, check: `logistic + nonconvex regulariser, top-k / scaled sign, ${how.deterministic}` },
      'deterministic',
      run(2, quarter, 'logistic', 'deterministic', 'fraction'),
    ),
    verdictOverTrials(
      { ...ctx, check: `indefinite quadratics, random C, ${how.random}` },
      'deterministic',
      run(3, count, 'quadratic', 'random', 'fraction'),
    ),
  ];
}
