/**
 * The verdicts EF21-BC and EF21-HB (theorems/ef21/ef21-bc.ts, ef21-hb.ts) share: the one-step inequality over
 * seeded trials (indefinite quadratics and logistic problems with deterministic compressors, pathwise; quadratics
 * with random ones, in exact expectation), the teeth at 4× the rule, and the adversary over the claim's space.
 */
import type { SearchSpace } from '../../../src/adversary/types.ts';
import { foldIn, type Key } from '../../../src/rng/key.ts';
import { verdictOverTrials, type Trial, type Verdict, type VerdictContext } from '../../../src/report/verdict.ts';
import { adversaryCheck, type PowerCheck } from '../../_lib/power.ts';
import { seededTrials } from '../../_lib/seeded-trials.ts';
import { budgetSizes, type Budget } from '../../types.ts';
import { descentSizes } from './descent-adversary.ts';
import type { Family, Pool } from './seeded-trial.ts';

/** `count` trials from stream `stream` of the claim's key, at γ = m·rule ('fraction': a random fraction of it). */
export type OneStepRun<R> = (
  stream: number,
  count: number,
  family: Family,
  pool: Pool,
  m: number | 'fraction',
  rule?: R,
) => Trial[];

/** The run of a claim whose trial at key k is `trial`. */
export function oneStepRun<R>(
  root: Key,
  trial: (k: Key, family: Family, pool: Pool, m: number | 'fraction', rule?: R) => Trial,
): OneStepRun<R> {
  return (stream, count, family, pool, m, rule) =>
    seededTrials(root, stream, count, (k) => trial(k, family, pool, m, rule));
}

export interface OneStepLabels<C> {
  /** The deterministic pool, as the checks name it. */
  readonly deterministic: string;
  /** The random pool's check. */
  readonly random: string;
  /** The rule's symbol, e.g. γ_BC. */
  readonly rule: string;
  /** The adversary's check and space. */
  readonly adversary: string;
  readonly space: SearchSpace<C>;
}

export interface OneStepVerdicts {
  readonly trials: number;
  readonly quarter: number;
  /** Quadratic and logistic trials (deterministic pool), quadratic trials (random pool): all must hold. */
  readonly held: Verdict[];
  /** Teeth: γ = 4·rule on quadratics. */
  readonly fourTimes: Verdict;
  readonly adversary: PowerCheck;
}

export function oneStepVerdicts<R, C>(
  ctx: Omit<VerdictContext, 'check'>,
  root: Key,
  budget: Budget,
  run: OneStepRun<R>,
  labels: OneStepLabels<C>,
): OneStepVerdicts {
  const { trials } = budgetSizes(budget);
  const quarter = Math.ceil(trials / 4);
  const det = labels.deterministic;
  const adversary = adversaryCheck(
    { ...ctx, check: labels.adversary },
    labels.space,
    foldIn(root, 90),
    budget,
    descentSizes(budget),
  );
  const held = [
    verdictOverTrials(
      { ...ctx, check: `indefinite quadratics, ${det}` },
      'deterministic',
      run(1, trials, 'quadratic', 'deterministic', 'fraction'),
    ),
    verdictOverTrials(
      { ...ctx, check: `logistic + nonconvex regulariser, ${det}` },
      'deterministic',
      run(2, quarter, 'logistic', 'deterministic', 'fraction'),
    ),
    verdictOverTrials(
      { ...ctx, check: labels.random },
      'deterministic',
      run(3, trials, 'quadratic', 'random', 'fraction'),
    ),
  ];
  const fourTimes = verdictOverTrials(
    { ...ctx, check: `teeth: γ = 4·${labels.rule}`, expectation: 'may-fail' },
    'deterministic',
    run(5, trials, 'quadratic', 'deterministic', 4),
  );
  return { trials, quarter, held, fourTimes, adversary };
}
