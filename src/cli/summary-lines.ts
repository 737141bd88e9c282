/**
 * The closing lines of `efcheck report` and `efcheck merge`: counts, every failed and inconclusive check with its
 * replay command, and where the report (or the shard file) is.
 */
import { relative } from 'node:path';
import type { ReportSummary } from '../report/generate.ts';

export function summaryLines(summary: ReportSummary, label: string): string[] {
  const v = summary.verdicts;
  const s = summary.stamp;
  return [
    '',
    `${summary.claims} claim${summary.claims === 1 ? '' : 's'}, ${v.total} check${v.total === 1 ? '' : 's'}: ${v.pass} pass, ${v.fail} fail, ${v.inconclusive} inconclusive, ${v.observed} observed (seed ${s.seed}, budget ${s.budget}, ${summary.wallSeconds.toFixed(1)} s).`,
    ...summary.failed.map(
      (f) =>
        `  FAILED ${f.id}: ${f.check}${f.expectation === 'may-fail' ? ' (teeth: no violation found)' : ''}\n    replay: ${f.replay}`,
    ),
    ...summary.inconclusive.map((f) => `  inconclusive ${f.id}: ${f.check}`),
    `${label}: ${relative(process.cwd(), summary.indexFile) || summary.indexFile}`,
  ];
}
