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

export type ClaimKind = 'deterministic' | 'identity' | 'upper-in-expectation' | 'lower-in-expectation' | 'rate' | 'experiment';

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
