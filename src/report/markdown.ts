/**
 * Verdicts, tables and figures → GitHub-flavoured Markdown. Pure: strings in, strings out; src/report/generate.ts
 * does the writing. Badges are emoji text (✅ ❌ ⚠️), which GitHub renders everywhere without HTML. A failed check
 * is never hidden: it is listed in red under its claim with the counterexample and the replay command.
 */
import {
  groupTitle,
  powerStatement,
  powerText,
  provenanceLabel,
  type ClaimMeta,
  type ClaimResult,
  type Group,
  type PowerRow,
  type TableSpec,
} from './claim.ts';
import type { FigureSpec } from './figure.ts';
import { summarizeVerdicts, type Verdict } from './verdict.ts';

/**
 * A number for a table: 4 significant digits, exponent form outside [1e-3, 1e6), integers as integers.
 * @example
 * formatNumber(0.000012346);
 * // returns '1.235e-5'
 */
export function formatNumber(x: number | null | undefined): string {
  if (x === null || x === undefined) return '—';
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '−∞';
  if (x === 0) return '0';
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e6) return String(Number(x.toPrecision(4)));
  const [m, e] = x.toExponential(3).split('e');
  return `${String(Number(m))}e${e.startsWith('+') ? e.slice(1) : e}`;
}

/** Plain text for a table cell: pipes, emphasis markers, brackets and HTML are escaped; newlines become <br>. */
export function escapeCell(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/([|*_`[\]])/g, '\\$1')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, '<br>');
}

/** A formula as a code span (no Markdown inside), safe in a table cell. */
export function formula(s: string): string {
  return `\`${s.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')}\``;
}

function cell(v: string | number): string {
  return typeof v === 'number' ? formatNumber(v) : escapeCell(v);
}

/** A GFM table; cells given as raw Markdown are not escaped (use `cell`-escaped strings for plain text). */
export function markdownTable(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = `| ${columns.join(' | ')} |`;
  const rule = `|${columns.map(() => '---').join('|')}|`;
  return [head, rule, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** A theorem's table spec, every cell escaped and numbers formatted. */
export function renderTable(t: TableSpec): string {
  const body = markdownTable(
    t.columns.map(escapeCell),
    t.rows.map((r) => r.map(cell)),
  );
  return `**${escapeCell(t.title)}**\n\n${body}${t.caption !== undefined ? `\n\n${escapeCell(t.caption)}` : ''}`;
}

/** ✅ / ❌ / ⚠️ with words, phrased for teeth companions as "violation found". */
export function badge(v: Pick<Verdict, 'status' | 'expectation'>): string {
  if (v.status === 'inconclusive') return '⚠️ inconclusive';
  if (v.status === 'observed') return '👁 observed (not judged)';
  if (v.expectation === 'may-fail')
    return v.status === 'pass' ? '✅ violation found (teeth)' : '❌ **no violation found (teeth)**';
  return v.status === 'pass' ? '✅ pass' : '❌ **FAIL**';
}

/** The claim-level badge: all of its checks summarised. */
export function claimBadge(verdicts: readonly Verdict[]): string {
  if (verdicts.length === 0) return '— measured';
  const s = summarizeVerdicts(verdicts);
  const judged = verdicts.filter((v) => v.status !== 'observed');
  const holds = judged.filter((v) => v.expectation === 'holds');
  const teeth = judged.filter((v) => v.expectation === 'may-fail');
  const observedPart = s.observed > 0 ? `${s.observed} observed` : undefined;
  if (judged.length === 0) return `👁 observed (${observedPart})`;
  const head = s.fail > 0 ? '❌ **FAIL**' : s.inconclusive > 0 ? '⚠️ inconclusive' : '✅ pass';
  const parts = [`${holds.filter((v) => v.status === 'pass').length}/${holds.length} hold`];
  if (teeth.length > 0) parts.push(`teeth ${teeth.filter((v) => v.status === 'pass').length}/${teeth.length}`);
  if (observedPart !== undefined) parts.push(observedPart);
  return `${head} (${parts.join(', ')})`;
}

const RULE_TEXT: Readonly<Record<Verdict['rule'], string>> = {
  deterministic: 'lhs ≤ rhs + rtol·scale + floor',
  identity: '|lhs − rhs| ≤ rtol·scale + floor',
  'upper-in-expectation': 'refuted iff mean − z·se > bound',
  'lower-in-expectation': 'refuted iff mean + z·se < bound',
  rate: 'predicted exponent ∈ fitted slope ± t·se',
  'contract-check': 'decided by the compressor contract checker, z = 6 or exact',
};

/**
 * A passing claim whose slack is below −tolerance was decided by an allowance the row does not record (the
 * compressor checker's rounding allowance): the numbers shown cannot explain the pass, so the cell says so.
 */
function unexplainedPass(v: Pick<Verdict, 'slack' | 'tolerance' | 'status' | 'expectation'>): boolean {
  return (
    v.status === 'pass' &&
    v.expectation === 'holds' &&
    v.slack < 0 &&
    Number.isFinite(v.tolerance) &&
    v.slack + v.tolerance < 0
  );
}

/**
 * The slack, and beside a negative one the tolerance the row was judged with: "-3e-17 (tol 1e-9)" reads as a pass
 * within rounding, where "-3e-17" alone reads as a pass on the wrong side. A dagger marks a pass the recorded
 * tolerance does not cover (see unexplainedPass).
 * @example
 * slackCell({ slack: -3e-17, tolerance: 1e-9, status: 'pass', expectation: 'holds' });
 * // returns '-3e-17 (tol 1e-9)'
 */
export function slackCell(v: Pick<Verdict, 'slack' | 'tolerance' | 'status' | 'expectation'>): string {
  if (!(v.slack < 0)) return formatNumber(v.slack);
  return `${formatNumber(v.slack)} (tol ${formatNumber(v.tolerance)})${unexplainedPass(v) ? ' †' : ''}`;
}

/** One row per check: what was compared, both sides, slack, tolerance and the sampling behind it. */
export function verdictTable(verdicts: readonly Verdict[]): string {
  const table = markdownTable(
    ['check', 'claim', 'verdict', 'lhs', 'rhs', 'slack', 'tolerance', 'samples', 'z / conf.', 'se'],
    verdicts.map((v) => [
      escapeCell(v.check),
      formula(v.claim),
      badge(v),
      formatNumber(v.lhs),
      formatNumber(v.rhs),
      slackCell(v),
      formatNumber(v.tolerance),
      formatNumber(v.samples),
      zCell(v),
      formatNumber(v.se),
    ]),
  );
  const rules = [...new Set(verdicts.filter(unexplainedPass).map((v) => v.rule))];
  if (rules.length === 0) return table;
  return `${table}\n\n† passed under the rule's own allowance (${rules.map((r) => RULE_TEXT[r]).join('; ')}), which the row does not record: the tolerance shown is only part of it.`;
}

/**
 * The verdict level: z, with the Student-t multiplier it stands for when se rests on few degrees of freedom;
 * "exact" where the number behind a sampled rule was computed exactly (se = 0: no z applies).
 */
function zCell(v: Verdict): string {
  if (v.z === null && v.se === 0) return 'exact';
  if (v.z === null) return v.confidence !== null ? `${formatNumber(100 * v.confidence)}%` : '—';
  const t = v.details.tCritical;
  const dof = v.details.dof;
  return typeof t === 'number' && typeof dof === 'number'
    ? `z = ${formatNumber(v.z)} (t, ${formatNumber(dof)} dof: ${formatNumber(t)})`
    : `z = ${formatNumber(v.z)}`;
}

/** The red block under a claim for every failed check: both sides, the counterexample, the replay command. */
export function failureBlock(v: Verdict): string {
  const lines = [
    '> [!CAUTION]',
    `> ❌ **${escapeCell(v.check)}** — ${v.expectation === 'may-fail' ? 'the teeth companion found no violation, so this check cannot be shown to fail' : 'the claim is violated'}.`,
    `> ${formula(v.claim)}: lhs = ${formatNumber(v.lhs)}, rhs = ${formatNumber(v.rhs)}, slack = ${formatNumber(v.slack)}, tolerance = ${formatNumber(v.tolerance)} (${RULE_TEXT[v.rule]}).`,
  ];
  const details = Object.entries(v.details);
  if (details.length > 0)
    lines.push(`> details: ${details.map(([k, x]) => `${escapeCell(k)} = ${formatNumber(x)}`).join(', ')}`);
  if (v.counterexample !== undefined) {
    lines.push('>', '> counterexample:', '>', '> ```json');
    for (const l of compactJson(v.counterexample).split('\n')) lines.push(`> ${l}`);
    lines.push('> ```');
  }
  lines.push('>', '> replay:', '>', '> ```sh', `> ${v.replay}`, '> ```');
  return lines.join('\n');
}

/** JSON with arrays of scalars kept on one line (counterexample vectors stay readable). */
export function compactJson(value: unknown): string {
  return JSON.stringify(value, null, 1).replace(
    /\[\s+([^[\]{}]*?)\s+\]/g,
    (_m, inner: string) => `[${inner.replace(/\s+/g, ' ')}]`,
  );
}

/** "Derived form of Claim 1" for [D]/[R] (docs/theory.md §0.1): never present a derived constant as the paper's own. */
export function claimSource(meta: Pick<ClaimMeta, 'paper' | 'theorem' | 'provenance'>): string {
  const paper = `${meta.paper.authors} (${meta.paper.year})`;
  if (meta.provenance === 'P') return `${paper}, ${meta.theorem}`;
  return `${paper}, ${theoremForm(meta)}`;
}

/** The theorem column: the paper's numbering for [P], "derived form of …" / "reconstructed form of …" otherwise. */
export function theoremForm(meta: Pick<ClaimMeta, 'theorem' | 'provenance'>): string {
  if (meta.provenance === 'P') return meta.theorem;
  return `${meta.provenance === 'D' ? 'derived form' : 'reconstructed form'} of ${meta.theorem}`;
}

export interface FigureLinks {
  readonly svg: string;
  readonly png: string;
  readonly json: string;
}

export function renderFigure(fig: FigureSpec, links: FigureLinks): string {
  return [
    `![${escapeCell(fig.title)}](${links.svg})`,
    '',
    `*${escapeCell(fig.caption)}* — [PNG](${links.png}) · [data (JSON)](${links.json})`,
  ].join('\n');
}

export interface PageEntry {
  readonly meta: ClaimMeta;
  readonly result: ClaimResult;
}

/** Relative links a page needs; the generator computes them from the output folder. */
export interface PageLinks {
  /** Link from the page to the theorem's source file. */
  source(meta: ClaimMeta): string;
  figure(meta: ClaimMeta, fig: FigureSpec): FigureLinks;
}

/** The anchor of a claim on its group page (an explicit <a id>, independent of heading slug rules). */
export function anchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

const KIND_TEXT: Readonly<Record<ClaimMeta['kind'], string>> = {
  deterministic: 'Deterministic inequality, checked pathwise on each instance up to rounding',
  identity: 'Identity, checked exactly up to rounding',
  'upper-in-expectation': 'Upper bound in expectation, refuted only if mean − z·se exceeds the bound',
  'lower-in-expectation': 'Lower bound in expectation, refuted only if mean + z·se falls below the bound',
  rate: 'Rate: least-squares slope in log–log space over every run; the predicted exponent must lie in the slope’s Student-t interval at the z = 6 level (two-sided coverage 1 − 2·10⁻⁹, t from the fit’s degrees of freedom), the level of every other verdict here; a fit whose interval is wider than ±1 is inconclusive, and a claim may state a margin (its resolution in the exponent, shown in its notes). The 95% interval the issue asks for is reported beside it (captions, figure legends): used as the rule, it would refute an exactly true exponent on about 1 seed in 20',
  experiment: 'Experiment: measured and reported; any verdicts are the stated comparisons',
};

export function renderClaim(e: PageEntry, links: PageLinks): string {
  const { meta, result } = e;
  const out: string[] = [
    `<a id="${anchor(meta.id)}"></a>`,
    `## ${escapeCell(meta.title)}`,
    '',
    `**Claim** (${escapeCell(claimSource(meta))}; ${provenanceLabel(meta.provenance)}): ${escapeCell(meta.statement)}`,
    '',
    `**Verdict:** ${claimBadge(result.verdicts)} · id \`${meta.id}\` · kind: ${meta.kind} · source: [${escapeCell(meta.file)}](${links.source(meta)})`,
  ];
  if (meta.status === 'known-gap')
    out.push(
      '',
      '> [!WARNING]',
      `> ⚠️ **Known gap:** ${escapeCell(meta.gap ?? 'the check is weaker than the statement.')}`,
    );
  out.push('', `**How it was checked.** ${escapeCell(KIND_TEXT[meta.kind])}.`);
  for (const n of result.notes ?? []) out.push('', escapeCell(n));
  if (result.verdicts.length > 0) out.push('', verdictTable(result.verdicts));
  for (const v of result.verdicts.filter((x) => x.status === 'observed'))
    out.push(
      '',
      `👁 **${escapeCell(v.check)}** is observed, not judged: ${escapeCell(v.observedBecause ?? 'no stated power')}.`,
    );
  if (result.power !== undefined && result.power.length > 0) out.push('', powerTable(result.power));
  for (const v of result.verdicts.filter((x) => x.status === 'fail')) out.push('', failureBlock(v));
  for (const v of result.verdicts.filter((x) => x.status === 'inconclusive')) {
    out.push(
      '',
      '> [!WARNING]',
      `> ⚠️ **${escapeCell(v.check)}**: a side was not finite (lhs = ${formatNumber(v.lhs)}, rhs = ${formatNumber(v.rhs)}); replay: \`${v.replay}\``,
    );
  }
  for (const t of result.tables ?? []) out.push('', renderTable(t));
  for (const f of result.figures ?? []) out.push('', renderFigure(f, links.figure(meta, f)));
  return out.join('\n');
}

/** ratio − 1 in scientific notation: a worst ratio of 1 − 3e-10 must not print as "1". */
function excess(ratio: number): string {
  return Number.isFinite(ratio) ? (ratio - 1).toExponential(2) : String(ratio);
}

/** How m* reads in a table cell. */
export function multiplierCell(p: Pick<PowerRow, 'criticalMultiplier' | 'below'>): string {
  return p.criticalMultiplier === null
    ? `none up to ${formatNumber(p.below)}×`
    : `(${formatNumber(p.below)}, ${formatNumber(p.criticalMultiplier)}]`;
}

/**
 * The adversary's power rows of one claim: the worst ratio at the theory's constants and m*, with what was searched.
 */
export function powerTable(rows: readonly PowerRow[]): string {
  const table = markdownTable(
    [
      'inequality',
      'worst ratio − 1 at the theory’s constants',
      'm* (step multiplier with a violation)',
      'shrunk violation',
      'evaluations',
      'searched',
    ],
    rows.map((p) => [
      escapeCell(p.check),
      excess(p.worstRatio),
      multiplierCell(p),
      p.counterexampleSize === null ? '—' : `n = ${p.counterexampleSize.n}, d = ${p.counterexampleSize.d}`,
      formatNumber(p.evaluations),
      escapeCell(p.searched),
    ]),
  );
  const conservative = rows.filter((p) => p.criticalMultiplier === null);
  const note =
    conservative.length === 0
      ? ''
      : `\n\n${conservative.map((p) => escapeCell(p.check)).join('; ')}: nothing violates up to ${formatNumber(conservative[0].below)}×: the theory's step is conservative by at least ${formatNumber(conservative[0].below)}× on the searched class, and this check cannot see a step-size constant that many times too large.`;
  return `**Power (the adversary, src/adversary).** The ratio is 1 + (lhs − rhs)/scale: at most 1 (up to rounding) when the inequality holds. m* is the smallest step multiplier γ/γ_theory in [1, 16] at which the adversary found a violation (bisection in log m, to a factor 1.011): a step-size constant more than m* times too large is caught.\n\n${table}${note}`;
}

/** One page per group: every claim with its statement, method, numbers and figures. */
export function groupPage(group: Group, entries: readonly PageEntry[], links: PageLinks, stampLine: string): string {
  const all = entries.flatMap((e) => e.result.verdicts);
  const s = summarizeVerdicts(all);
  return [
    `# ${escapeCell(groupTitle(group))}`,
    '',
    `Generated by \`npm run report\`; do not edit. ${stampLine} · [index](README.md)`,
    '',
    `${entries.length} claim${entries.length === 1 ? '' : 's'}, ${s.total} check${s.total === 1 ? '' : 's'}: ${s.pass} pass, ${s.fail} fail, ${s.inconclusive} inconclusive.`,
    '',
    ...entries.flatMap((e) => [renderClaim(e, links), '']),
  ].join('\n');
}

/** The index's power table: every claim with an adversary, one row per searched inequality; the rest listed. */
export function indexPowerTable(entries: readonly PageEntry[], pageOf: (g: Group) => string): string {
  const rows = entries.flatMap(({ meta, result }) =>
    (result.power ?? []).map((p) => [
      `[${meta.id}](${pageOf(meta.group)}#${anchor(meta.id)})`,
      escapeCell(p.check),
      excess(p.worstRatio),
      multiplierCell(p),
      p.counterexampleSize === null ? '—' : `${p.counterexampleSize.n} × ${p.counterexampleSize.d}`,
    ]),
  );
  const without = entries.filter(
    ({ meta, result }) =>
      (result.power ?? []).length === 0 && (meta.kind === 'deterministic' || meta.kind === 'upper-in-expectation'),
  );
  const table =
    rows.length === 0
      ? '(no claim runs the adversary in this report)'
      : markdownTable(
          ['claim', 'inequality', 'worst ratio − 1 at the theory’s constants', 'm*', 'violation n × d'],
          rows,
        );
  const rest =
    without.length === 0
      ? ''
      : `\n\nInequality claims without an adversary — checked on random instances, by exhaustive enumeration or by their own checker, with no step size to multiply: ${without.map((e) => e.meta.id).join(', ')}.`;
  // m* is one kind of power; the index's power column states every passing claim's (claim.ts powerStatement).
  const others =
    '\n\nEvery claim that passes states its power in the index’s *power* column: m* where the adversary runs, the teeth that fired, the smallest violation a Monte Carlo check detects (t·se against the bound), the half-width of a fitted exponent against the wrong exponents ±0.5, and the rounding tolerance of exact checks (docs/adversary.md).';
  return `${table}${rest}${others}`;
}

/** A passing claim's power (claim.ts powerStatement); a claim that is not a pass has none to state. */
function powerCell(result: ClaimResult): string {
  const judged = result.verdicts.filter((v) => v.status !== 'observed');
  if (judged.length === 0 || judged.some((v) => v.status !== 'pass')) return '—';
  const s = powerStatement(result);
  return s.detects.length === 0 ? `❌ **${escapeCell(powerText(s))}**` : escapeCell(powerText(s));
}

/** The index: one row per claim, in registry order. */
export function indexTable(entries: readonly PageEntry[], pageOf: (g: Group) => string): string {
  return markdownTable(
    [
      'claim',
      'paper',
      'theorem',
      'provenance',
      'kind',
      'verdict',
      'power: what the checks would have detected',
      'slack',
      'samples',
      'link',
    ],
    entries.map(({ meta, result }) => {
      // An observed verdict is not judged: the slack shown is that of the first judged 'holds' check.
      const primary =
        result.verdicts.find((v) => v.expectation === 'holds' && v.status !== 'observed') ?? result.verdicts[0];
      const samples = result.verdicts.reduce((a, v) => a + v.samples, 0);
      return [
        escapeCell(meta.title),
        escapeCell(`${meta.paper.authors} (${meta.paper.year})`),
        escapeCell(theoremForm(meta)),
        provenanceLabel(meta.provenance),
        meta.kind,
        claimBadge(result.verdicts),
        powerCell(result),
        primary === undefined ? '—' : slackCell(primary),
        formatNumber(samples),
        `[${meta.id}](${pageOf(meta.group)}#${anchor(meta.id)})`,
      ];
    }),
  );
}
