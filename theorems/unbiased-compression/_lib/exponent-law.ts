/**
 * The rate verdicts of the rounds claims (docs/unbiased-compression.md): a fitted exponent judged against its
 * prediction at the claim's stated margin, and teeth — the same fit, at the same margin, must reject each named
 * wrong exponent ('may-fail'), so a pass shows the exponent resolved well inside the distance to its neighbours.
 */
import { rateVerdict, type Verdict } from '../../../src/report/verdict.ts';
import { logLogFitGrouped, zLevelInterval, type FitGroup, type SlopeFit } from '../../../src/stats/log-log-fit.ts';
import type { ClaimContext } from '../../_lib/claim-context.ts';

export interface ExponentLaw {
  /** What is fitted, e.g. 'tuned ADIANA, ln T* vs ln κ'. */
  readonly what: string;
  /** The formula of the claim with the exponent left open, e.g. (e) => `slope of ln T* vs ln κ ∋ ${e}`. */
  readonly claim: (exponent: number) => string;
  readonly fit: SlopeFit;
  readonly predicted: number;
  readonly margin: number;
  /** Wrong exponents the fit must reject, each with the law it stands for. */
  readonly wrong: readonly { readonly exponent: number; readonly stands: string }[];
  readonly details?: { readonly [k: string]: number };
}

export function exponentLawVerdicts(ctx: ClaimContext, law: ExponentLaw): Verdict[] {
  const details = { ...(law.details ?? {}), margin: law.margin };
  return [
    rateVerdict({ ...ctx, check: law.what, claim: law.claim(law.predicted), details }, law.fit, law.predicted, {
      margin: law.margin,
    }),
    ...law.wrong.map((w) =>
      rateVerdict(
        {
          ...ctx,
          check: `teeth: ${law.what}, against ${w.exponent} (${w.stands})`,
          claim: law.claim(w.exponent),
          expectation: 'may-fail',
          details,
        },
        law.fit,
        w.exponent,
        { margin: law.margin },
      ),
    ),
  ];
}

/** One group per instance: x is shared, y[r] the instance's values. */
export function groupedFit(x: readonly number[], rows: readonly (readonly number[])[]): SlopeFit {
  const groups: FitGroup[] = rows.map((y) => ({ x, y }));
  return logLogFitGrouped(groups);
}

/** 'slope (95%: [lo, hi]; z = 6: [lo, hi])' for captions and notes. */
export function slopeText(fit: SlopeFit): string {
  const z = zLevelInterval(fit);
  const f = (v: number): string => v.toFixed(3);
  return `${f(fit.slope)} (95%: [${f(fit.slopeLo)}, ${f(fit.slopeHi)}]; z = 6: [${f(z.lo)}, ${f(z.hi)}]; ${fit.n} points, ${fit.dof} dof)`;
}

/** Geometric mean. */
export function geo(xs: readonly number[]): number {
  return Math.exp(xs.reduce((s, v) => s + Math.log(v), 0) / xs.length);
}
