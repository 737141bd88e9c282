/**
 * Many Monte Carlo instances of one upper bound E[X] ≤ b, one verdict: the instance whose z-score (mean − b)/se is
 * largest. At z = 6 the family-wise false-alarm rate of `count` instances stays below count·1e-9 (Bonferroni).
 */
import type { MeanSe } from '../../src/stats/mean-se.ts';
import { upperInExpectationVerdict, type Verdict, type VerdictContext } from '../../src/report/verdict.ts';

export interface BoundSample {
  readonly stats: MeanSe;
  readonly bound: number;
  readonly scale: number;
}

export function worstByZ(ctx: VerdictContext, results: readonly BoundSample[]): Verdict {
  let worst = 0;
  let worstZ = -Infinity;
  results.forEach((r, i) => {
    const z = (r.stats.mean - r.bound) / (r.stats.se > 0 ? r.stats.se : Number.MIN_VALUE);
    if (z > worstZ) {
      worstZ = z;
      worst = i;
    }
  });
  const r = results[worst];
  return upperInExpectationVerdict(
    { ...ctx, details: { instances: results.length, worstInstance: worst, worstZ } },
    { stats: r.stats, bound: r.bound, scale: r.scale },
  );
}
