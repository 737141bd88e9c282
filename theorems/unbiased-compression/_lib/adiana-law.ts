/**
 * Claim (iii) of adiana-independent-vs-shared: the exact second-moment law of adiana-moments.ts, from which the
 * tuned rounds are read, is the law of src/algorithms/adiana.ts — checked at one round by Monte Carlo, two-sided at
 * z = 6 (docs/theory.md §A1; docs/unbiased-compression.md).
 */
import type { AdianaParameters } from '../../../src/algorithms/adiana-parameters.ts';
import { adiana } from '../../../src/algorithms/adiana.ts';
import { trajectory } from '../../../src/algorithms/run.ts';
import { randK } from '../../../src/compressors/rand-k.ts';
import { exactOracle } from '../../../src/oracles/exact.ts';
import { objective } from '../../../src/problems/types.ts';
import { foldIn, type Key } from '../../../src/rng/key.ts';
import { meanSe, type MeanSe } from '../../../src/stats/mean-se.ts';
import { lowerInExpectationVerdict, upperInExpectationVerdict, type Verdict } from '../../../src/report/verdict.ts';
import type { ClaimContext } from '../../_lib/claim-context.ts';
import { adianaMomentMaps, adianaMomentStep, expectedGap, initialMoments } from './adiana-moments.ts';
import type { ConditionedInstance } from './conditioned-instance.ts';
import { errorAtStart } from './adiana-rounds.ts';

export interface AdianaLaw {
  readonly n: number;
  readonly runs: number;
  readonly rounds: number;
  /** E[f(y^t) − f*] at t = rounds from the moment recursion. */
  readonly exactGap: number;
  /** f(y^t) − f* over the simulated runs. */
  readonly stats: MeanSe;
}

/** Exact gap at t = rounds and `runs` runs of adiana.ts (independent scaled rand-k), run s on foldIn(runKey, s). */
export function adianaLaw(
  inst: ConditionedInstance,
  params: AdianaParameters,
  o: { k: number; runs: number; rounds: number; runKey: Key },
): AdianaLaw {
  const n = inst.problem.n;
  const setting = { lambda: inst.lambda, n, k: o.k, randomness: 'independent' as const };
  const maps = adianaMomentMaps(setting, params);
  let moments = initialMoments(errorAtStart(inst), inst.gradStar);
  for (let t = 0; t < o.rounds; t++) moments = adianaMomentStep(setting, params, maps, moments);
  const C = randK(inst.problem.dim, o.k, { scaled: true });
  const alg = adiana({ ...params, compressor: C, x0: inst.x0 });
  const gaps: number[] = [];
  for (let s = 0; s < o.runs; s++) {
    const fin = trajectory(alg, exactOracle(inst.problem), o.rounds, foldIn(o.runKey, s), { record: o.rounds }).final;
    gaps.push(objective(inst.problem, fin.x) - inst.problem.fInf);
  }
  return { n, runs: o.runs, rounds: o.rounds, exactGap: expectedGap(inst.lambda, moments), stats: meanSe(gaps) };
}

/** The simulated mean against the exact gap, both ways. */
export function adianaLawVerdicts(ctx: ClaimContext, law: AdianaLaw): Verdict[] {
  const where = `(${law.runs} runs, n = ${law.n}, t = ${law.rounds})`;
  const input = { stats: law.stats, bound: law.exactGap };
  return [
    upperInExpectationVerdict(
      {
        ...ctx,
        check: `the exact law against adiana.ts: mean ≤ exact ${where}`,
        claim: 'mean f(y^t) − f* over runs ≤ exact E[f(y^t) − f*]',
      },
      input,
    ),
    lowerInExpectationVerdict(
      {
        ...ctx,
        check: `the exact law against adiana.ts: mean ≥ exact ${where}`,
        claim: 'mean f(y^t) − f* over runs ≥ exact E[f(y^t) − f*]',
      },
      input,
    ),
  ];
}
