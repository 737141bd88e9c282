/**
 * Paired comparisons over evaluation streams (docs/design.md §2.4: common random numbers): E[a − b] ≤ 0 judged
 * with the Student-t critical value of z = 6 on streams − 1 degrees of freedom, and reported as observed when that
 * critical value is too large for the test to fail on any plausible effect (the power it lacks is stated).
 */
import { meanSe, Z_DEFAULT, type MeanSe } from '../../src/stats/mean-se.ts';
import { studentCritical } from '../../src/stats/student-critical.ts';
import { asObserved, upperInExpectationVerdict, type Verdict, type VerdictContext } from '../../src/report/verdict.ts';
import { fmt } from './fmt.ts';

/** Mean ± se of the per-stream differences a_s − b_s (paired over evaluation streams). */
export function pairedDifference(a: readonly number[], b: readonly number[]): MeanSe {
  if (a.length !== b.length) throw new RangeError(`paired difference: ${a.length} against ${b.length} samples`);
  return meanSe(a.map((x, s) => x - b[s]));
}

/** How many streams a_s < b_s. */
export function wins(a: readonly number[], b: readonly number[]): number {
  let w = 0;
  for (let s = 0; s < a.length; s++) if (a[s] < b[s]) w++;
  return w;
}

/**
 * A paired comparison a − b over evaluation streams as an upper-in-expectation verdict E[a − b] ≤ 0, plus a table
 * row: comparison, mean, se, mean/se, streams where a < b. Its se comes from a handful of streams, so the verdict
 * is refuted only if mean − t·se > 0 with t the Student-t critical value of z = 6 on streams − 1 degrees of
 * freedom (src/stats/student-critical.ts): z itself would refute a true zero difference with probability
 * P(T₃ > 6) ≈ 5e-3 at 4 streams, not 1e-9.
 */
export function pairedComparison(
  ctx: Omit<VerdictContext, 'check' | 'claim' | 'details'>,
  check: string,
  claim: string,
  a: readonly number[],
  b: readonly number[],
): { verdict: Verdict; row: string[] } {
  const stats = pairedDifference(a, b);
  const won = wins(a, b);
  const meanAbs = (xs: readonly number[]): number => xs.reduce((s, x) => s + Math.abs(x), 0) / xs.length;
  const verdict = upperInExpectationVerdict(
    { ...ctx, check, claim, details: { streamsWon: won, streams: a.length, meanOverSe: stats.mean / stats.se } },
    { stats, bound: 0, scale: meanAbs(a) + meanAbs(b), dof: Math.max(1, a.length - 1) },
  );
  return { verdict, row: [check, fmt(stats.mean), fmt(stats.se), fmt(stats.mean / stats.se), `${won}/${a.length}`] };
}

/**
 * The largest Student-t multiplier (z = 6 level) at which a paired comparison is judged. A paired test refutes
 * only a mean difference above t_{s−1}·se, so t is the smallest effect it can detect, in standard errors: 1038 at
 * 4 streams (t₃), 8.3 at 32 (t₃₁). Above 10 (fewer than 20 streams) the test cannot fail for any plausible effect
 * and a 'pass' would claim what the data do not show: such a comparison is reported as observed.
 */
export const MAX_JUDGED_T = 10;

/**
 * A paired comparison's verdict as judged, or as 'observed' with its power stated when the stream count is too
 * small for the z = 6 test to fail (MAX_JUDGED_T).
 * @example
 * judgedOrObserved(verdictOn4Streams).status;
 * // returns 'observed' (t₃ at z = 6 is 1038)
 */
export function judgedOrObserved(v: Verdict): Verdict {
  const streams = v.details.streams;
  const t = studentCritical(Math.max(1, streams - 1), Z_DEFAULT);
  if (t <= MAX_JUDGED_T) return v;
  return asObserved(
    v,
    `paired t at z = 6 on ${streams} streams is t_${streams - 1} = ${t.toPrecision(4)}: only a mean difference above ${t.toPrecision(4)} standard errors could refute the claim, so the test has no power here (it is judged from ${Math.ceil(minStreamsForT(MAX_JUDGED_T))} streams, t ≤ ${MAX_JUDGED_T})`,
  );
}

/** The fewest streams whose z = 6 Student-t multiplier is ≤ t. */
export function minStreamsForT(t: number): number {
  let s = 2;
  while (studentCritical(s - 1, Z_DEFAULT) > t) s++;
  return s;
}

export const COMPARISON_COLUMNS: readonly string[] = [
  'comparison',
  'mean a − b',
  'se',
  'mean/se',
  'streams where a < b',
];
