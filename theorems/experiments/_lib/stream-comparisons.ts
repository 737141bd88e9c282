/**
 * How the poster experiments (mnist-increasing-batch, mnist-improving-with-n) show their paired comparisons over
 * evaluation streams (theorems/_lib/paired-comparison.ts): the table of them, and the notes on what the paired
 * test can detect at the run's stream count and on runs too short to judge.
 */
import { studentCritical } from '../../../src/stats/student-critical.ts';
import type { Budget, TableSpec } from '../../types.ts';
import { COMPARISON_COLUMNS, MAX_JUDGED_T } from '../../_lib/paired-comparison.ts';

/** One row per comparison, in order (the judged ones first). */
export function comparisonTable(title: string, comparisons: readonly { row: string[] }[], caption?: string): TableSpec {
  const rows = comparisons.map((c) => c.row);
  return { title, columns: COMPARISON_COLUMNS, rows, ...(caption === undefined ? {} : { caption }) };
}

/**
 * What a paired test over `streams` evaluation streams can detect: t, the Student-t critical value of z = 6 on
 * streams − 1 dof, the smallest effect it can refute in standard errors; above MAX_JUDGED_T the comparison is
 * reported as observed (`observed` says so), else `judged` says what a pass means. `subject` opens the sentence
 * ('The two comparisons are'), `tail` closes it.
 */
export function pairedTestNote(
  subject: string,
  streams: number,
  says: { readonly observed: string; readonly judged: string },
  tail: string,
): string {
  const t = studentCritical(Math.max(1, streams - 1), 6);
  return `${subject} paired over streams and refuted only if mean − t·se > 0 (t: the Student-t critical value of z = 6 for the stream count, the smallest effect the test can detect, in standard errors). With ${streams} streams t = ${t.toPrecision(4)}: ${t > MAX_JUDGED_T ? says.observed : says.judged}; ${tail}`;
}

/** At a budget whose runs are too short to judge (sizes.judge false), the note that says so; none otherwise. */
export function shortRunNote(budget: Budget, sizes: { readonly judge: boolean; readonly rounds: number }): string[] {
  return sizes.judge
    ? []
    : [
        `At the ${budget} budget the runs are too short (T = ${sizes.rounds}) for a fair comparison: the comparison table is shown but not judged.`,
      ];
}
