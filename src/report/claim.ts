/**
 * The data a report is made of, independent of any particular theorem (src/report knows no theorem; theorems/
 * builds these values and re-exports the types in theorems/types.ts). Everything here is JSON-serialisable.
 */
import type { FigureSpec } from './figure.ts';
import type { Verdict } from './verdict.ts';

/** Report groups, in report order; each becomes one page `<id>.md`. */
export const GROUPS = [
  { id: 'compressors', title: 'Compressors' },
  { id: 'implementation', title: 'Implementation against the papers' },
  { id: 'ef21-family', title: 'EF21 family' },
  { id: 'ef21-sgdm', title: 'EF21-SGDM paper' },
  { id: 'ef21-w', title: 'EF21-W' },
  { id: 'tight', title: 'Tight rates of EF and EF21' },
  { id: 'divergence-and-ef', title: 'Divergence and error feedback' },
  { id: 'independent-compression', title: 'Independent compression' },
  { id: 'unbiased-compression', title: 'Unbiased compression and total communication' },
  { id: 'saddles', title: 'Escaping saddle points with compressed SGD' },
  { id: 'momentum-table', title: 'Which methods need a large batch' },
  { id: 'total-error', title: 'Total error' },
  { id: 'rate-scaling', title: 'Rate scaling' },
  { id: 'experiments', title: 'Experiments' },
] as const;
export type Group = (typeof GROUPS)[number]['id'];

/** How much work a run does; theorems map it to sizes with `budgetSizes` (theorems/types.ts). */
export const BUDGETS = ['quick', 'default', 'deep'] as const;
export type Budget = (typeof BUDGETS)[number];

/**
 * docs/theory.md §0.1 provenance of the checked form: P = the paper's own statement, D = derived here (proved and
 * checked numerically), R = reconstruction. D and R are always reported as "derived form of …" / "reconstructed form of …".
 */
export type Provenance = 'P' | 'D' | 'R';

export type ClaimKind =
  | 'deterministic'
  | 'identity'
  | 'upper-in-expectation'
  | 'lower-in-expectation'
  | 'rate'
  | 'experiment';

/** Everything a reader needs to know about a claim before any number is computed. */
export interface ClaimMeta {
  /** Stable kebab-case id, used in --only and in file names. */
  readonly id: string;
  readonly title: string;
  readonly group: Group;
  readonly paper: { readonly authors: string; readonly year: number };
  /** The paper's numbering, e.g. 'Thm 1', 'Claim 1', 'Exp. 2'. */
  readonly theorem: string;
  readonly provenance: Provenance;
  readonly kind: ClaimKind;
  /** The exact claim as checked, in plain text with Unicode math, ending with its docs/theory.md section. */
  readonly statement: string;
  /** Repo-relative path of the theorem file, e.g. 'theorems/total-error/top-k-best-k-term.ts'. */
  readonly file: string;
  /** 'known-gap' marks a claim whose check is knowingly weaker than the statement; say why in `gap`. */
  readonly status?: 'checked' | 'known-gap';
  readonly gap?: string;
}

/** A Markdown-ready table: cells are strings or numbers (numbers are formatted by the renderer). */
export interface TableSpec {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
  readonly caption?: string;
}

/**
 * What the adversary (src/adversary) found for one inequality: the power of its check. A check that cannot see a
 * step-size constant m× too large has m* > m.
 */
export interface PowerRow {
  readonly check: string;
  /** The searched class, in a sentence. */
  readonly searched: string;
  /** Largest ratio 1 + (lhs − rhs)/scale found at the theory's constants: ≤ 1 up to rounding when the claim holds. */
  readonly worstRatio: number;
  /** m*: the smallest step multiplier in [1, 16] at which a violation was found; null when none was. */
  readonly criticalMultiplier: number | null;
  /** The largest multiplier searched without finding a violation (m* lies in (below, m*]). */
  readonly below: number;
  /** n and d of the shrunk violation at m*. */
  readonly counterexampleSize: { readonly n: number; readonly d: number } | null;
  /** Evaluations of the inequality spent by the search. */
  readonly evaluations: number;
}

/** What one claim's check produces. Theorems never touch the file system: src/report writes all of this. */
export interface ClaimResult {
  readonly verdicts: readonly Verdict[];
  /** The adversary's findings, one row per searched inequality (inequality claims only). */
  readonly power?: readonly PowerRow[];
  readonly tables?: readonly TableSpec[];
  readonly figures?: readonly FigureSpec[];
  /** How it was checked, in a sentence or two each (instance sizes, sampling, what the teeth are). */
  readonly notes?: readonly string[];
}

/** Label for the provenance column: never present a derived constant as the paper's own. */
export function provenanceLabel(p: Provenance): string {
  return p === 'P' ? 'paper [P]' : p === 'D' ? 'derived form [D]' : 'reconstruction [R]';
}

export function groupTitle(group: Group): string {
  const g = GROUPS.find((x) => x.id === group);
  return g === undefined ? group : g.title;
}

/**
 * What a claim's checks would have detected, derived from its verdicts and power rows (never typed by hand, so it
 * cannot drift from the numbers; docs/adversary.md, "How power is stated"):
 * - the adversary's m*: a step-size constant more than m* times too large is caught;
 * - the teeth that fired: the mutations the check saw (a larger step, a term removed, a weaker compressor);
 * - Monte Carlo verdicts: z and the smallest violation detectable at that sample count, t·se (t = z, or the
 *   Student-t value of z on few degrees of freedom), as a fraction of the bound;
 * - rate verdicts: the half-width of the exponent's z = 6-level interval, against the wrong exponents ±0.5;
 * - exact checks: the rounding tolerance relative to the summands.
 * Only the first four can show that a check fails on a plausible error; a tolerance alone cannot (a check with no
 * slack and no teeth could be comparing a quantity with itself), nor can a Monte Carlo test whose detectable
 * violation exceeds the bound, nor an exponent interval wider than ±0.5: those are `context`. A claim that passes
 * with nothing in `detects` states no power and must not be a pass (theorems/_lib/registry-at-quick.ts).
 */
export interface PowerStatement {
  /** The parts that show the claim's checks can fail, one phrase each. */
  readonly detects: readonly string[];
  /** What the other checks resolve without showing they can fail (tolerances, coarse tests). */
  readonly context: readonly string[];
}

/** The wrong exponents a rate verdict must be able to reject: the prediction ± this. */
export const WRONG_EXPONENT_OFFSET = 0.5;

const fmt3 = (x: number): string => Number(x.toPrecision(3)).toString();

/** The teeth's own words, without the 'teeth:' label. */
function teethName(check: string): string {
  return check.replace(/^teeth(\s*\([^)]*\))?:\s*/, '');
}

/** The adversary's m* teeth (theorems/_lib/power.ts) are stated through the power rows, not as teeth. */
function isAdversaryTeeth(v: Verdict): boolean {
  return v.details.multiplier !== undefined && v.details.below !== undefined;
}

export function powerStatement(result: Pick<ClaimResult, 'verdicts' | 'power'>): PowerStatement {
  const passed = result.verdicts.filter((v) => v.status === 'pass');
  const holds = passed.filter((v) => v.expectation === 'holds');
  const detects: string[] = [];
  const context: string[] = [];
  const rows = result.power ?? [];
  const found = rows.filter((p) => p.criticalMultiplier !== null);
  if (found.length > 0) {
    const worst = Math.max(...found.map((p) => p.criticalMultiplier ?? 0));
    detects.push(
      `adversary: a step-size constant more than m* = ${Number(worst.toPrecision(4))} times too large is caught${rows.length > 1 ? ` (largest m* of ${rows.length} searches)` : ''}`,
    );
  } else if (rows.length > 0) {
    context.push(`adversary: no violation up to ${fmt3(Math.min(...rows.map((p) => p.below)))}× the step`);
  }
  const teeth = passed.filter((v) => v.expectation === 'may-fail' && !isAdversaryTeeth(v));
  if (teeth.length > 0) detects.push(`teeth fire: ${teeth.map((v) => teethName(v.check)).join('; ')}`);
  const monteCarlo = holds.filter((v) => v.z !== null && v.se !== null && v.rule !== 'rate');
  if (monteCarlo.length > 0) {
    const relative = monteCarlo.filter((v) => v.rhs !== 0).map((v) => v.tolerance / Math.abs(v.rhs));
    const absolute = monteCarlo.filter((v) => v.rhs === 0).map((v) => v.tolerance);
    const fewest = Math.min(...monteCarlo.map((v) => v.samples));
    const parts = [
      ...(relative.length > 0 ? [`at most ${fmt3(100 * Math.max(...relative))}% of its bound`] : []),
      ...(absolute.length > 0 ? [`at most ${fmt3(Math.max(...absolute))} where the bound is 0`] : []),
    ];
    const text = `Monte Carlo at z = 6 (${monteCarlo.length} check${monteCarlo.length === 1 ? '' : 's'}, ≥ ${fmt3(fewest)} samples each): the smallest detectable violation t·se is ${parts.join(', and ')}`;
    // A violation as large as the bound itself must be detectable, or the test cannot fail for a plausible error.
    if (relative.every((r) => r < 1)) detects.push(text);
    else context.push(`${text} (coarser than the bound: no power by itself)`);
  }
  const rates = holds.filter((v) => v.rule === 'rate');
  if (rates.length > 0) {
    const half = Math.max(...rates.map((v) => v.tolerance));
    const resolves = half < WRONG_EXPONENT_OFFSET;
    (resolves ? detects : context).push(
      `fitted exponent to ±${fmt3(half)} at z = 6 (widest of ${rates.length}), so exponents ±${WRONG_EXPONENT_OFFSET} away ${resolves ? 'are' : 'are not'} rejected`,
    );
  }
  const exact = holds.filter(
    (v) =>
      (v.rule === 'deterministic' || v.rule === 'identity' || (v.rule === 'contract-check' && v.z === null)) &&
      Number.isFinite(v.tolerance),
  );
  if (exact.length > 0) {
    const rel = Math.max(...exact.map((v) => (v.scale > 0 ? v.tolerance / v.scale : 0)));
    context.push(
      rel < 1e-200
        ? `${exact.length} exact check${exact.length === 1 ? '' : 's'} with no tolerance`
        : `${exact.length} exact check${exact.length === 1 ? '' : 's'} to a rounding tolerance of ${rel.toExponential(0)} of the summands`,
    );
  }
  return { detects, context };
}

/** The statement as one line for a table cell; 'none stated' when nothing shows the checks can fail. */
export function powerText(s: PowerStatement): string {
  if (s.detects.length === 0) return `none stated${s.context.length > 0 ? ` (${s.context.join('; ')})` : ''}`;
  return [...s.detects, ...s.context].join(' · ');
}
