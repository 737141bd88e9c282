/**
 * `efcheck report [--budget quick|default|deep] [--only id,…] [--seed N] [--out DIR]`: runs every registered
 * theorem (or the --only selection) and writes the Markdown reports. Exit code 1 when a 'holds' check
 * failed or a teeth companion found no violation; 2 on bad usage (unknown id, bad budget or seed).
 * The composition root for reports: the only place that joins the registry (theorems/index.ts) with src/report.
 */
import { Command, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { theorems } from '../../theorems/index.ts';
import type { Theorem } from '../../theorems/types.ts';
import { BUDGETS, type Budget } from '../report/claim.ts';
import { envBudget } from '../report/env-budget.ts';
import { generateReport, type ItemOutcome, type ReportSummary } from '../report/generate.ts';
import { summarizeVerdicts } from '../report/verdict.ts';

/** Fixed so that the committed reports are reproducible. */
export const DEFAULT_SEED = 1;
/** The committed reports: the package's own reports/, wherever the command is run from. */
export const DEFAULT_OUT = join(dirname(dirname(dirname(fileURLToPath(import.meta.url)))), 'reports');

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
  /** Defaults to the registry. */
  readonly registry?: readonly Theorem[];
}

export function parseBudget(v: string): Budget {
  if (!(BUDGETS as readonly string[]).includes(v)) throw new InvalidArgumentError(`budget must be one of ${BUDGETS.join(', ')}, got '${v}'`);
  return v as Budget;
}

/** A non-negative safe integer, as `run` and `compressor` take it. */
export function parseSeed(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`seed must be a non-negative integer, got '${v}'`);
  return n;
}

export function parseIds(v: string): string[] {
  const ids = v.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (ids.length === 0) throw new InvalidArgumentError('--only needs at least one theorem id');
  return ids;
}

/** The registry entries --only selects, in registry order; unknown ids are a usage error. */
export function selectTheorems(registry: readonly Theorem[], only: readonly string[] | null): Theorem[] {
  if (only === null) return [...registry];
  const known = new Set(registry.map((t) => t.meta.id));
  const unknown = only.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new RangeError(`report: unknown theorem id${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; known: ${[...known].join(', ')}`);
  return registry.filter((t) => only.includes(t.meta.id));
}

function outcomeLine(o: ItemOutcome, i: number, total: number): string {
  const s = summarizeVerdicts(o.result.verdicts);
  const mark = s.fail > 0 ? '✗' : s.inconclusive > 0 ? '?' : '✓';
  const counts = o.result.verdicts.length === 0 ? 'measured' : `${s.pass}/${s.total - s.observed} pass${s.fail > 0 ? `, ${s.fail} FAIL` : ''}${s.observed > 0 ? `, ${s.observed} observed` : ''}`;
  return `[${i + 1}/${total}] ${mark} ${o.meta.id} (${counts}) ${o.seconds.toFixed(2)} s`;
}

export async function runReport(o: ReportOptions): Promise<ReportSummary> {
  const selected = selectTheorems(o.registry ?? theorems, o.only);
  assertWritableFolder(o.out);
  const bar = o.progress === 'bar' ? new cliProgress.SingleBar({ format: 'report {bar} {value}/{total} {id}', hideCursor: true }, cliProgress.Presets.shades_classic) : null;
  bar?.start(selected.length, 0, { id: '' });
  const lines: string[] = [];
  const summary = await generateReport(selected, {
    seed: o.seed,
    budget: o.budget,
    outDir: o.out,
    only: o.only,
    onItemStart: (meta) => bar?.update({ id: meta.id }),
    onItemDone: (outcome, i, total) => {
      const line = outcomeLine(outcome, i, total);
      if (bar !== null) {
        lines.push(line);
        bar.increment(1, { id: outcome.meta.id });
      } else if (o.progress === 'lines') console.log(line);
    },
  });
  bar?.stop();
  if (o.progress !== 'silent') {
    if (bar !== null) for (const l of lines) console.log(l);
    const v = summary.verdicts;
    console.log(`\n${summary.claims} claim${summary.claims === 1 ? '' : 's'}, ${v.total} check${v.total === 1 ? '' : 's'}: ${v.pass} pass, ${v.fail} fail, ${v.inconclusive} inconclusive, ${v.observed} observed (seed ${o.seed}, budget ${o.budget}, ${summary.wallSeconds.toFixed(1)} s).`);
    for (const f of summary.failed) console.log(`  FAILED ${f.id}: ${f.check}${f.expectation === 'may-fail' ? ' (teeth: no violation found)' : ''}\n    replay: ${f.replay}`);
    for (const f of summary.inconclusive) console.log(`  inconclusive ${f.id}: ${f.check}`);
    console.log(`Reports: ${relative(process.cwd(), summary.indexFile) || summary.indexFile}`);
  }
  return summary;
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('run every registered theorem check and write Markdown reports with figures')
    .option('--budget <budget>', `work per check: ${BUDGETS.join(' | ')} (default: $EFCHECK_BUDGET, else default)`, parseBudget)
    .option('--only <ids>', 'comma-separated theorem ids (default: all)', parseIds)
    .option('--seed <n>', 'root seed of every check', parseSeed, DEFAULT_SEED)
    .option('--out <dir>', 'output folder (default: the package’s reports/, or a fresh temporary folder with --only)')
    .addHelpText('after', '\nExamples:\n  npm run report                                   # every claim, default budget, seed 1: regenerates reports/\n  npm run report -- --budget quick --only ef21-tight # one claim, written to a temporary folder\n  npm run report -- --budget deep --seed 7 --out /tmp/deep')
    .action(async (opts: { budget?: Budget; only?: string[]; seed: number; out?: string }) => {
      // A partial report never overwrites the committed one unless asked to.
      const out = opts.out ?? (opts.only !== undefined ? mkdtempSync(join(tmpdir(), 'efcheck-report-')) : DEFAULT_OUT);
      const summary = await runReport({
        budget: opts.budget ?? envBudget('default'),
        seed: opts.seed,
        out,
        only: opts.only ?? null,
        progress: process.stdout.isTTY === true ? 'bar' : 'lines',
      });
      process.exitCode = summary.verdicts.ok ? 0 : 1;
    });
}
