/**
 * The report generator: runs the claim checks (through a ClaimRunner: one after another here, or on the worker
 * pool of src/cli/claim-pool.ts), writes results.json, then renders every page from the parsed JSON (so each
 * number on a page is the number in the file beside it), the figures (SVG, PNG, JSON), one page per group and the
 * index README.md. A shard run (--shard i/N) writes its share as a shard file instead, and `efcheck merge`
 * renders the merged shard files with `writeReport`, the same code a single run ends with. With shard-file.ts
 * the only src/report modules that write files; they know claims only through the structural `ReportItem` (the
 * registry is passed in by src/cli/report-command.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { GROUPS, groupTitle, type Budget, type ClaimMeta, type Group } from './claim.ts';
import { figureStem, type FigureSpec } from './figure.ts';
import { fromJson, toJson } from './json.ts';
import {
  anchor,
  claimBadge,
  escapeCell,
  groupPage,
  indexPowerTable,
  indexTable,
  type PageEntry,
  type PageLinks,
} from './markdown.ts';
import { PACKAGE_ROOT } from './package-root.ts';
import { renderFigureFiles } from './plot.ts';
import {
  assertDistinctFigureNames,
  assertDistinctIds,
  runItem,
  type ItemOutcome,
  type ReportItem,
} from './run-item.ts';
import type { Shard } from './shard.ts';
import { shardFileName, writeShardFile, SHARD_FORMAT } from './shard-file.ts';
import { collectStamp, formatStamp, stampLine, type Stamp } from './stamp.ts';
import { summarizeVerdicts, type Verdict, type VerdictSummary } from './verdict.ts';

export type { ItemOutcome, ReportItem } from './run-item.ts';

/** How the checks run; all that changes between one thread and a pool is the wall time. */
export interface RunOptions {
  readonly seed: number;
  readonly budget: Budget;
  onItemStart?(meta: ClaimMeta, index: number, total: number): void;
  /** `done` is the number of claims that finished before this one (in a pool, finishing order is not item order). */
  onItemDone?(outcome: ItemOutcome, done: number, total: number): void;
}

/** Runs the items and returns their outcomes in item order, whatever order they finish in. */
export type ClaimRunner = (items: readonly ReportItem[], o: RunOptions) => Promise<ItemOutcome[]>;

export interface GenerateOptions extends RunOptions {
  readonly outDir: string;
  /** The --only selection (for the stamp), or null. The items passed in are already filtered. */
  readonly only: readonly string[] | null;
  /** Root the `meta.file` paths are relative to (default: this package). */
  readonly sourceRoot?: string;
  /** Default: `runItems`, in this thread. */
  readonly runner?: ClaimRunner;
}

export interface ReportSummary {
  readonly outDir: string;
  /** README.md; for a shard run, the shard file. */
  readonly indexFile: string;
  readonly claims: number;
  readonly verdicts: VerdictSummary;
  readonly failed: readonly Verdict[];
  readonly inconclusive: readonly Verdict[];
  readonly files: readonly string[];
  readonly wallSeconds: number;
  readonly stamp: Stamp;
}

/** What results.json holds: everything the pages show, nothing time-dependent. */
export interface ResultsFile {
  readonly seed: number;
  readonly budget: Budget;
  readonly only: readonly string[] | null;
  readonly entries: readonly PageEntry[];
}

export const FIGURES_DIR = 'figures';

const posix = (p: string): string => p.split(sep).join('/');

/** The ClaimRunner of one thread: every check in item order. */
export async function runItems(items: readonly ReportItem[], o: RunOptions): Promise<ItemOutcome[]> {
  assertDistinctIds(items);
  const outcomes: ItemOutcome[] = [];
  for (let i = 0; i < items.length; i++) {
    o.onItemStart?.(items[i].meta, i, items.length);
    const outcome = await runItem(items[i], o.seed, o.budget);
    assertDistinctFigureNames(outcome);
    outcomes.push(outcome);
    o.onItemDone?.(outcome, i, items.length);
  }
  return outcomes;
}

function summaryOf(
  entries: readonly PageEntry[],
): Pick<ReportSummary, 'claims' | 'verdicts' | 'failed' | 'inconclusive'> {
  const all = entries.flatMap((e) => e.result.verdicts);
  return {
    claims: entries.length,
    verdicts: summarizeVerdicts(all),
    failed: all.filter((v) => v.status === 'fail'),
    inconclusive: all.filter((v) => v.status === 'inconclusive'),
  };
}

export async function generateReport(items: readonly ReportItem[], o: GenerateOptions): Promise<ReportSummary> {
  const t0 = performance.now();
  assertDistinctIds(items);
  // Read git before writing anything, so that regenerating committed reports does not mark the tree dirty.
  const draft = collectStamp({ seed: o.seed, budget: o.budget, only: o.only, wallSeconds: 0 });
  const outcomes = await (o.runner ?? runItems)(items, o);
  const results: ResultsFile = {
    seed: o.seed,
    budget: o.budget,
    only: o.only,
    entries: outcomes.map(({ meta, result }) => ({ meta, result })),
  };
  return writeReport(results, {
    outDir: o.outDir,
    ...(o.sourceRoot !== undefined ? { sourceRoot: o.sourceRoot } : {}),
    stamp: draft,
    // The clock is read last, so the wall time covers checks and rendering.
    finish: (s) => ({ ...s, wallSeconds: (performance.now() - t0) / 1000 }),
  });
}

export interface ShardRunOptions extends RunOptions {
  readonly outDir: string;
  readonly only: readonly string[] | null;
  readonly shard: Shard;
  /** Every claim id of the whole run (all shards), in report order: `efcheck merge` checks it is complete. */
  readonly selection: readonly string[];
  readonly runner?: ClaimRunner;
}

/** Runs one shard's share (`items`) and writes `shard-i-of-N.json` into outDir: results and stamp, no pages. */
export async function generateShard(items: readonly ReportItem[], o: ShardRunOptions): Promise<ReportSummary> {
  const t0 = performance.now();
  assertDistinctIds(items);
  const draft = collectStamp({ seed: o.seed, budget: o.budget, only: o.only, wallSeconds: 0 });
  const outcomes = await (o.runner ?? runItems)(items, o);
  const entries = outcomes.map(({ meta, result }) => ({ meta, result }));
  const stamp: Stamp = { ...draft, wallSeconds: (performance.now() - t0) / 1000 };
  const outDir = resolve(o.outDir);
  const path = writeShardFile(outDir, {
    format: SHARD_FORMAT,
    shard: o.shard,
    seed: o.seed,
    budget: o.budget,
    only: o.only,
    selection: o.selection,
    stamp,
    entries,
  });
  return {
    outDir,
    indexFile: path,
    ...summaryOf(entries),
    files: [shardFileName(o.shard)],
    wallSeconds: stamp.wallSeconds,
    stamp,
  };
}

export interface WriteOptions {
  readonly outDir: string;
  /** Root the `meta.file` paths are relative to (default: this package). */
  readonly sourceRoot?: string;
  readonly stamp: Stamp;
  /** Completes the stamp just before the index page is written (a single run's wall time covers rendering). */
  finish?(stamp: Stamp): Stamp;
}

/**
 * Writes the whole report of `results` into outDir: results.json, figures, group pages, README.md. The pages
 * depend on `results` and the stamp's commit, seed and budget only; the rest of the stamp is on README.md.
 */
export async function writeReport(input: ResultsFile, o: WriteOptions): Promise<ReportSummary> {
  const outDir = resolve(o.outDir);
  const files: string[] = [];
  const write = (name: string, content: string | Uint8Array): void => {
    const path = join(outDir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    files.push(posix(name));
  };

  const resultsText = toJson({
    seed: input.seed,
    budget: input.budget,
    only: input.only,
    entries: input.entries.map(({ meta, result }) => ({ meta, result })),
  } satisfies ResultsFile);
  write('results.json', resultsText);
  // Pages are rendered from the parsed file, not from the objects in memory.
  const results = fromJson<ResultsFile>(resultsText);

  for (const { meta, result } of results.entries) {
    for (const fig of result.figures ?? []) {
      const stem = `${FIGURES_DIR}/${figureStem(meta.id, fig)}`;
      const r = await renderFigureFiles(fig);
      write(`${stem}.svg`, r.svg);
      write(`${stem}.png`, r.png);
      write(`${stem}.json`, toJson(r.data));
    }
  }

  const sourceRoot = o.sourceRoot ?? PACKAGE_ROOT;
  const links: PageLinks = {
    source: (meta) => posix(relative(outDir, join(sourceRoot, meta.file))),
    figure: (meta, fig: FigureSpec) => {
      const stem = `${FIGURES_DIR}/${figureStem(meta.id, fig)}`;
      return { svg: `${stem}.svg`, png: `${stem}.png`, json: `${stem}.json` };
    },
  };
  const pageOf = (g: Group): string => `${g}.md`;
  const byGroup = new Map<Group, PageEntry[]>();
  for (const e of results.entries) byGroup.set(e.meta.group, [...(byGroup.get(e.meta.group) ?? []), e]);

  const line = stampLine(o.stamp);
  const groups = GROUPS.map((g) => g.id).filter((g) => byGroup.has(g));
  for (const g of groups) write(pageOf(g), `${groupPage(g, byGroup.get(g) ?? [], links, line)}\n`);

  const summary = summaryOf(results.entries);
  const stamp = o.finish !== undefined ? o.finish(o.stamp) : o.stamp;
  write('README.md', indexPage(results, groups, byGroup, summary.verdicts, stamp, pageOf));
  return { outDir, indexFile: join(outDir, 'README.md'), ...summary, files, wallSeconds: stamp.wallSeconds, stamp };
}

function regenerateCommand(r: Pick<ResultsFile, 'seed' | 'budget' | 'only'>): string {
  return `npm run report -- --budget ${r.budget} --seed ${r.seed}${r.only !== null ? ` --only ${r.only.join(',')}` : ''}`;
}

function indexPage(
  results: ResultsFile,
  groups: readonly Group[],
  byGroup: ReadonlyMap<Group, readonly PageEntry[]>,
  s: VerdictSummary,
  stamp: Stamp,
  pageOf: (g: Group) => string,
): string {
  const failedClaims = results.entries.filter((e) => e.result.verdicts.some((v) => v.status === 'fail'));
  const headline =
    s.fail === 0 && s.inconclusive === 0
      ? '✅ every judged check behaves as the theory says'
      : s.fail > 0
        ? `❌ **${failedClaims.length} claim${failedClaims.length === 1 ? '' : 's'} with failed checks**: ${failedClaims.map((e) => `[${e.meta.id}](${pageOf(e.meta.group)}#${anchor(e.meta.id)})`).join(', ')}`
        : '⚠️ some checks are inconclusive';
  // 'observed' rows are measurements: the headline speaks only for the judged checks.
  return [
    '# efcheck reports',
    '',
    'Every registered claim of the seed papers, checked by `npm run report`; generated, do not edit. The same seed and budget give the same numbers (only the stamp and the wall-clock timings differ between runs). Regenerate with:',
    '',
    '```sh',
    regenerateCommand(results),
    '```',
    '',
    `**Summary:** ${results.entries.length} claim${results.entries.length === 1 ? '' : 's'}, ${s.total} check${s.total === 1 ? '' : 's'}: ${s.pass} pass, ${s.fail} fail, ${s.inconclusive} inconclusive, ${s.observed} observed (measured, not judged, never counted as passes). ${headline}.`,
    '',
    indexTable(results.entries, pageOf),
    '',
    '## Power',
    '',
    'Each inequality claim also runs the adversary (src/adversary): hill-climbing with restarts over instances, states, the compressor’s outputs within its class and finite noise laws, towards the largest violation. The worst ratio 1 + (lhs − rhs)/scale at the theory’s constants must stay at 1 or below (up to rounding); m* is the smallest step multiplier at which a violation was found, so a step-size constant more than m* times too large fails the claim. `npm run efcheck -- worst-case <id>` replays any row.',
    '',
    indexPowerTable(results.entries, pageOf),
    '',
    '## Pages',
    '',
    ...groups.map((g) => {
      const es = byGroup.get(g) ?? [];
      const vs = es.flatMap((e) => e.result.verdicts);
      return `- [${escapeCell(groupTitle(g))}](${pageOf(g)}): ${es.length} claim${es.length === 1 ? '' : 's'}, ${claimBadge(vs)}`;
    }),
    '',
    '## How to read this',
    '',
    '- ✅ pass, ❌ **FAIL**, ⚠️ inconclusive (a side was not finite). A failed check is shown on its page with the counterexample and the command that replays it.',
    '- *teeth*: companion checks run where the theory allows failure (a larger step size, a weaker compressor, a term removed); they pass when a violation **is** found, so a check that cannot fail shows up as a failure.',
    '- provenance (docs/theory.md §0.1): [P] the paper\'s own statement; [D] a derived form, proved and checked numerically here; [R] a reconstruction. [D] and [R] claims are named "derived form of …" and "reconstructed form of …", never presented as the paper\'s constants.',
    "- slack: by how much the point estimate satisfies the claim (rhs − lhs for ≤); samples: instances or Monte Carlo samples behind all of the claim's checks.",
    '- All numbers are in [results.json](results.json); every figure has its data as JSON beside it.',
    '',
    '## Stamp',
    '',
    formatStamp(stamp),
    '',
  ].join('\n');
}
