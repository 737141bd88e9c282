/**
 * The report generator: runs claim checks one after another, writes results.json, then renders every page from
 * the parsed JSON (so each number on a page is the number in the file beside it), the figures (SVG, PNG, JSON),
 * one page per group and the index README.md. The only src/report module that touches the file system; it knows
 * claims only through the structural `ReportItem` (the registry is passed in by src/cli/report-command.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GROUPS, groupTitle, type Budget, type ClaimMeta, type ClaimResult, type Group } from './claim.ts';
import { figureStem, type FigureSpec } from './figure.ts';
import { fromJson, toJson } from './json.ts';
import { anchor, claimBadge, escapeCell, groupPage, indexPowerTable, indexTable, type PageEntry, type PageLinks } from './markdown.ts';
import { renderFigureFiles } from './plot.ts';
import { collectStamp, formatStamp, stampLine, type Stamp } from './stamp.ts';
import { errorVerdict, summarizeVerdicts, type Verdict, type VerdictSummary } from './verdict.ts';

export interface ReportItem {
  readonly meta: ClaimMeta;
  check(seed: number, budget: Budget): Promise<ClaimResult>;
}

export interface ItemOutcome {
  readonly meta: ClaimMeta;
  readonly result: ClaimResult;
  /** CPU wall time of check(); printed, never written into pages. */
  readonly seconds: number;
  /** check() threw; the result then holds one failed verdict with the message. */
  readonly threw: boolean;
}

export interface GenerateOptions {
  readonly seed: number;
  readonly budget: Budget;
  readonly outDir: string;
  /** The --only selection (for the stamp), or null. The items passed in are already filtered. */
  readonly only: readonly string[] | null;
  /** Root the `meta.file` paths are relative to (default: this repository). */
  readonly sourceRoot?: string;
  onItemStart?(meta: ClaimMeta, index: number, total: number): void;
  onItemDone?(outcome: ItemOutcome, index: number, total: number): void;
}

export interface ReportSummary {
  readonly outDir: string;
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

const REPO_ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
export const FIGURES_DIR = 'figures';

const posix = (p: string): string => p.split(sep).join('/');

export async function runItems(items: readonly ReportItem[], o: GenerateOptions): Promise<ItemOutcome[]> {
  const ids = new Set<string>();
  for (const it of items) {
    if (ids.has(it.meta.id)) throw new RangeError(`report: duplicate claim id '${it.meta.id}'`);
    ids.add(it.meta.id);
  }
  const outcomes: ItemOutcome[] = [];
  for (let i = 0; i < items.length; i++) {
    const { meta } = items[i];
    o.onItemStart?.(meta, i, items.length);
    const t0 = performance.now();
    let result: ClaimResult;
    let threw = false;
    try {
      result = await items[i].check(o.seed, o.budget);
    } catch (e) {
      threw = true;
      const message = e instanceof Error ? e.message : String(e);
      result = {
        verdicts: [errorVerdict({ id: meta.id, check: 'check() ran to completion', claim: meta.statement, seed: o.seed, budget: o.budget, provenance: meta.provenance }, message)],
        notes: [`The check threw before producing verdicts: ${message}`],
      };
    }
    const names = new Set<string>();
    for (const f of result.figures ?? []) {
      if (names.has(f.name)) throw new RangeError(`report: ${meta.id} returns two figures named '${f.name}'`);
      names.add(f.name);
    }
    const outcome: ItemOutcome = { meta, result, seconds: (performance.now() - t0) / 1000, threw };
    outcomes.push(outcome);
    o.onItemDone?.(outcome, i, items.length);
  }
  return outcomes;
}

export async function generateReport(items: readonly ReportItem[], o: GenerateOptions): Promise<ReportSummary> {
  const t0 = performance.now();
  const outDir = resolve(o.outDir);
  // Read git before writing anything, so that regenerating committed reports does not mark the tree dirty.
  const draft = collectStamp({ seed: o.seed, budget: o.budget, only: o.only, wallSeconds: 0 });
  const outcomes = await runItems(items, o);
  const files: string[] = [];
  const write = (name: string, content: string | Uint8Array): void => {
    const path = join(outDir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    files.push(posix(name));
  };

  const resultsText = toJson({ seed: o.seed, budget: o.budget, only: o.only, entries: outcomes.map(({ meta, result }) => ({ meta, result })) } satisfies ResultsFile);
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

  const sourceRoot = o.sourceRoot ?? REPO_ROOT;
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

  const line = stampLine(draft);
  const groups = GROUPS.map((g) => g.id).filter((g) => byGroup.has(g));
  for (const g of groups) write(pageOf(g), groupPage(g, byGroup.get(g) ?? [], links, line) + '\n');

  const all = results.entries.flatMap((e) => e.result.verdicts);
  const summary = summarizeVerdicts(all);
  // The clock is read last, so the wall time covers checks and rendering.
  const stamp: Stamp = { ...draft, wallSeconds: (performance.now() - t0) / 1000 };
  write('README.md', indexPage(results, groups, byGroup, summary, stamp, pageOf));
  return {
    outDir,
    indexFile: join(outDir, 'README.md'),
    claims: results.entries.length,
    verdicts: summary,
    failed: all.filter((v) => v.status === 'fail'),
    inconclusive: all.filter((v) => v.status === 'inconclusive'),
    files,
    wallSeconds: stamp.wallSeconds,
    stamp,
  };
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
    '- slack: by how much the point estimate satisfies the claim (rhs − lhs for ≤); samples: instances or Monte Carlo samples behind all of the claim\'s checks.',
    '- All numbers are in [results.json](results.json); every figure has its data as JSON beside it.',
    '',
    '## Stamp',
    '',
    formatStamp(stamp),
    '',
  ].join('\n');
}
