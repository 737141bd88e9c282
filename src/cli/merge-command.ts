/**
 * `efcheck merge <dir|file…> [--out DIR]`: assembles the shard files of `efcheck report --shard i/N` runs into the
 * report one run would have written — results.json, figures and pages byte-identical, the stamp listing the
 * shards (docs/scale.md). Exit code 1 when a check failed, as for report; 2 when the shards do not belong to one
 * run (another seed, budget, selection, commit or package versions; a shard missing or twice), with one line.
 */
import type { Command } from 'commander';
import type { ReportSummary } from '../report/generate.ts';
import { mergeShards } from '../report/merge-shards.ts';
import { readShardFiles } from '../report/shard-file.ts';
import { assertWritableFolder, DEFAULT_OUT } from './report-command.ts';
import { summaryLines } from './summary-lines.ts';

export async function runMerge(paths: readonly string[], out: string): Promise<ReportSummary> {
  const merged = mergeShards(readShardFiles(paths));
  assertWritableFolder(out);
  // The renderer (vega) loads only when there is something to render.
  const { writeReport } = await import('../report/generate.ts');
  const summary = await writeReport(merged.results, { outDir: out, stamp: merged.stamp });
  for (const line of summaryLines(summary, 'Reports')) console.log(line);
  return summary;
}

export function registerMergeCommand(program: Command): void {
  program
    .command('merge')
    .description('assemble the shard files of `report --shard i/N` runs into one report')
    .argument('<paths...>', 'folders holding shard-i-of-N.json files (or the files themselves)')
    .option('--out <dir>', 'output folder (default: the package’s reports/)')
    .showHelpAfterError(false)
    .addHelpText(
      'after',
      '\nExample:\n  efcheck merge shards/ --out reports/      # after `efcheck report --shard i/N --out shards/` for i = 1…N',
    )
    .action(async (paths: string[], opts: { out?: string }) => {
      const summary = await runMerge(paths, opts.out ?? DEFAULT_OUT);
      process.exitCode = summary.verdicts.ok ? 0 : 1;
    });
}
