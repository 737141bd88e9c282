/**
 * `efcheck report [--budget quick|default|deep] [--only id,…] [--seed N] [--out DIR] [--jobs N] [--shard i/N]`:
 * runs every registered theorem (or the --only selection) and writes the Markdown reports; with --jobs on a pool
 * of worker threads (claim-pool.ts), with --shard only a deterministic share of the claims, into a shard file that
 * `efcheck merge` assembles (docs/scale.md). Exit code 1 when a 'holds' check failed or a teeth companion found no
 * violation; 2 on bad usage (unknown id, bad budget, seed, jobs or shard), with one line saying why.
 * The composition root for reports: the only place that joins the registry (theorems/index.ts) with src/report.
 * The registry and the renderer load when a report runs, not when the command is registered, so that
 * `efcheck --help` does not pay for them.
 */
import { type Command, InvalidArgumentError } from 'commander';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Theorem } from '../../theorems/types.ts';
import { BUDGETS, type Budget } from '../report/claim.ts';
import { envBudget } from '../report/env-budget.ts';
import type { ReportSummary } from '../report/generate.ts';
import { PACKAGE_ROOT } from '../report/package-root.ts';
import { parseShard, shardLabel, shareOf, type Shard } from '../report/shard.ts';
import { summaryLines } from './summary-lines.ts';

/** Fixed so that the committed reports are reproducible. */
export const DEFAULT_SEED = 1;
/** The committed reports: the package's own reports/, wherever the command is run from. */
export const DEFAULT_OUT = join(PACKAGE_ROOT, 'reports');
/** Where shard files go unless --out says otherwise (git-ignored; `efcheck merge reports/shards` reads them). */
export const DEFAULT_SHARD_OUT = join(PACKAGE_ROOT, 'reports', 'shards');

/**
 * Fails fast, before any claim runs, when `out` cannot hold a report: a file in the way, a parent that cannot be
 * created, or a folder without write permission. One line, the path and the reason.
 */
export function assertWritableFolder(out: string): void {
  const abs = resolve(out);
  if (existsSync(abs) && !statSync(abs).isDirectory()) throw new RangeError(`--out ${out}: exists and is not a folder`);
  // One level at a time from the nearest existing ancestor: Node's recursive mkdir loops forever where a parent
  // refuses new entries with ENOENT (as /proc does), which is how `--out /proc/x` used to hang.
  const missing: string[] = [];
  let at = abs;
  while (!existsSync(at)) {
    missing.unshift(at);
    at = dirname(at);
  }
  try {
    if (!statSync(at).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    for (const folder of missing) mkdirSync(folder);
    accessSync(abs, constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new RangeError(`--out ${out}: cannot write there (${code})`);
  }
}

export interface ReportOptions {
  readonly budget: Budget;
  readonly seed: number;
  readonly out: string;
  readonly only: readonly string[] | null;
  /** 'bar' on a TTY, 'lines' otherwise (one line per finished claim), 'silent' in tests. */
  readonly progress: 'bar' | 'lines' | 'silent';
  /**
   * Defaults to the registry. A registry passed in as objects always runs in this thread: worker threads import
   * the registry module themselves and cannot be handed a check() function.
   */
  readonly registry?: readonly Theorem[];
  /** Worker threads; 1 (the default here; the CLI's is one per core) runs every claim in this thread. */
  readonly jobs?: number;
  /** Run only this shard's share and write a shard file instead of the report. */
  readonly shard?: Shard | null;
}

export function parseBudget(v: string): Budget {
  if (!(BUDGETS as readonly string[]).includes(v))
    throw new InvalidArgumentError(`budget must be one of ${BUDGETS.join(', ')}, got '${v}'`);
  return v as Budget;
}

/** A non-negative safe integer, as `run` and `compressor` take it. */
export function parseSeed(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n))
    throw new InvalidArgumentError(`seed must be a non-negative integer, got '${v}'`);
  return n;
}

/** --jobs: a positive integer. */
export function parseJobs(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgumentError(`--jobs must be a positive integer, got '${v}'`);
  return n;
}

/** --shard i/N with 1 ≤ i ≤ N. */
export function parseShardOption(v: string): Shard {
  try {
    return parseShard(v);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

export function parseIds(v: string): string[] {
  const ids = v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (ids.length === 0) throw new InvalidArgumentError('--only needs at least one theorem id');
  return ids;
}

/** The registry entries --only selects, in registry order; unknown ids are a usage error. */
export function selectTheorems(registry: readonly Theorem[], only: readonly string[] | null): Theorem[] {
  if (only === null) return [...registry];
  const known = new Set(registry.map((t) => t.meta.id));
  const unknown = only.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new RangeError(
      `report: unknown theorem id${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; known: ${[...known].join(', ')}`,
    );
  return registry.filter((t) => only.includes(t.meta.id));
}

export async function runReport(o: ReportOptions): Promise<ReportSummary> {
  const registry = o.registry ?? (await import('../../theorems/index.ts')).theorems;
  const selected = selectTheorems(registry, o.only);
  const shard = o.shard ?? null;
  const items = shard === null ? selected : shareOf(selected, shard);
  assertWritableFolder(o.out);
  const jobs = o.jobs ?? 1;
  // Loaded here rather than at the top: the renderer (vega), the pool and the bar cost startup time for every
  // command, `efcheck --help` included. One claim runs in this thread: a worker would only add its start-up.
  const pooled = jobs > 1 && items.length > 1 && o.registry === undefined;
  const runner = pooled ? (await import('./claim-pool.ts')).claimPool(jobs) : undefined;
  const { generateReport, generateShard } = await import('../report/generate.ts');
  const progress = (await import('./claim-progress.ts')).claimProgress(o.progress, items.length);
  const run = {
    seed: o.seed,
    budget: o.budget,
    outDir: o.out,
    only: o.only,
    onItemStart: progress.onItemStart,
    onItemDone: progress.onItemDone,
    ...(runner !== undefined ? { runner } : {}),
  };
  let summary: ReportSummary;
  try {
    summary =
      shard === null
        ? await generateReport(items, run)
        : await generateShard(items, { ...run, shard, selection: selected.map((t) => t.meta.id) });
  } finally {
    progress.stop();
  }
  if (o.progress !== 'silent')
    for (const line of summaryLines(summary, shard === null ? 'Reports' : `Shard ${shardLabel(shard)}`))
      console.log(line);
  return summary;
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('run every registered theorem check and write Markdown reports with figures')
    .option(
      '--budget <budget>',
      `work per check: ${BUDGETS.join(' | ')} (default: $EFCHECK_BUDGET, else default)`,
      parseBudget,
    )
    .option('--only <ids>', 'comma-separated theorem ids (default: all)', parseIds)
    .option('--seed <n>', 'root seed of every check', parseSeed, DEFAULT_SEED)
    .option(
      '--out <dir>',
      'output folder (default: the package’s reports/, reports/shards/ with --shard, or a fresh temporary folder with --only)',
    )
    .option(
      '--jobs <n>',
      'claims run at once, on worker threads (default: one per core; 1 runs them in this process)',
      parseJobs,
    )
    .option(
      '--shard <i/N>',
      'run only shard i of N (1 ≤ i ≤ N) and write shard-i-of-N.json for `efcheck merge`',
      parseShardOption,
    )
    // Bad input is one line (what is wrong and the value given), not the line followed by the whole help.
    .showHelpAfterError(false)
    .addHelpText(
      'after',
      [
        '\nExamples:',
        '  npm run report                                   # every claim, default budget, seed 1: regenerates reports/',
        '  npm run report -- --budget quick --only ef21-tight # one claim, written to a temporary folder',
        '  npm run report -- --budget deep --seed 7 --out /tmp/deep --jobs 8',
        '  npm run report -- --budget deep --shard 2/4 --out shards/   # then: efcheck merge shards/ --out reports/',
      ].join('\n'),
    )
    .action(
      async (opts: { budget?: Budget; only?: string[]; seed: number; out?: string; jobs?: number; shard?: Shard }) => {
        // A partial report never overwrites the committed one unless asked to.
        const out =
          opts.out ??
          (opts.only !== undefined
            ? mkdtempSync(join(tmpdir(), 'efcheck-report-'))
            : opts.shard !== undefined
              ? DEFAULT_SHARD_OUT
              : DEFAULT_OUT);
        const summary = await runReport({
          budget: opts.budget ?? envBudget('default'),
          seed: opts.seed,
          out,
          only: opts.only ?? null,
          progress: process.stdout.isTTY === true ? 'bar' : 'lines',
          jobs: opts.jobs ?? availableParallelism(),
          shard: opts.shard ?? null,
        });
        process.exitCode = summary.verdicts.ok ? 0 : 1;
      },
    );
}
