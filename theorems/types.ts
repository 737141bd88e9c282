/**
 * The theorem framework: a Theorem is its metadata plus `check(seed, budget)`, which both the report
 * (src/cli/report-command.ts) and nothing else calls; the spec beside each theorem file tests the same pure
 * functions with fast-check. How to write one: theorems/_template.ts.
 *
 * The data types live in src/report/claim.ts (the report renders them without knowing any theorem); they are
 * re-exported here so a theorem file imports everything it needs from one place.
 */
import { fileURLToPath } from 'node:url';
import { dirname, relative, sep } from 'node:path';
import type { SearchSpace } from '../src/adversary/types.ts';
import type { Budget, ClaimMeta, ClaimResult } from '../src/report/claim.ts';

export type { Budget, ClaimKind, Group, PowerRow, Provenance, TableSpec } from '../src/report/claim.ts';
export type { FigureSpec, FitFigure, LineFigure, Series } from '../src/report/figure.ts';
export type { JsonValue, Trial, Verdict, VerdictContext } from '../src/report/verdict.ts';

/** id, title, group, paper, theorem, provenance, kind, statement, file (and an optional known-gap status). */
export type TheoremMeta = ClaimMeta;
/** verdicts, and optionally tables, figures and notes. */
export type TheoremResult = ClaimResult;

export interface Theorem {
  readonly meta: TheoremMeta;
  /**
   * Runs the claim's checks on instances generated from `seed` (via `key(seed)`, never an unseeded global generator) with sizes
   * from `budgetSizes(budget)`. Same seed and budget ⇒ same result, bit for bit. Pure apart from CPU time: no file
   * system, no console, no clock in the result.
   */
  check(seed: number, budget: Budget): Promise<TheoremResult>;
  /** The claim's adversary, when it is a one-step inequality the adversary can search. */
  readonly adversary?: ClaimAdversary;
}

/** Sizes a budget maps to. Theorems pick the ones they need and may scale them, e.g. `trials / 10`. */
export interface BudgetSizes {
  /** Random instances for a deterministic (pathwise) check. */
  readonly trials: number;
  /** Monte Carlo samples per estimated expectation. */
  readonly samples: number;
  /** Rounds of a trajectory. */
  readonly rounds: number;
  /** Independent repetitions (seeds) per sweep point of a rate fit or an experiment. */
  readonly repeats: number;
}

/**
 * quick: seconds for the whole registry (the report test, CI smoke); default: the committed reports, minutes on
 * 2 cores; deep: an evening.
 */
const SIZES: Readonly<Record<Budget, BudgetSizes>> = {
  quick: { trials: 200, samples: 2_000, rounds: 200, repeats: 3 },
  default: { trials: 2_000, samples: 20_000, rounds: 2_000, repeats: 8 },
  deep: { trials: 20_000, samples: 200_000, rounds: 20_000, repeats: 32 },
};

export function budgetSizes(budget: Budget): BudgetSizes {
  return SIZES[budget];
}

/** A per-theorem choice by budget, for sizes that do not fit the common table. */
export function byBudget<T>(budget: Budget, choices: Readonly<Record<Budget, T>>): T {
  return choices[budget];
}

const REPO_ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

/**
 * The repo-relative path of a theorem file, for `meta.file`: `theoremFile(import.meta.url)`. Computed, not typed,
 * so that moving a file cannot leave a stale path in the README.
 */
export function theoremFile(moduleUrl: string): string {
  // From the compiled package, REPO_ROOT is dist/ and the module is theorems/…/x.js: name the source either way, so
  // that a report from dist/ is byte-identical to one from the sources.
  return relative(REPO_ROOT, fileURLToPath(moduleUrl)).split(sep).join('/').replace(/\.js$/, '.ts');
}

/** Parameters `efcheck worst-case` passes to a claim's search space (the tight claims read κ and δ). */
export interface WorstCaseParams {
  readonly kappa?: number;
  readonly delta?: number;
}

/**
 * A claim's adversary (src/adversary): the search space of its inequality, for the report's power rows and for
 * `efcheck worst-case <id>`. Tight claims also give ρ, the closed-form worst ratio V⁺/V the search should reach.
 */
export interface ClaimAdversary {
  space(params: WorstCaseParams): SearchSpace<unknown>;
  rho?(params: WorstCaseParams): number;
}
