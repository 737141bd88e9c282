/**
 * A method's theory step size for a problem and hyperparameters: the rule with its docs/theory.md source, or — where
 * docs/theory.md gives none, or the rule needs a constant these hyperparameters do not have — what is missing, in
 * words a user can act on. The rules themselves live in step-sizes.ts (and diana-parameters.ts,
 * adiana-parameters.ts, agd.ts); this file only says which applies.
 *
 * Besides γ a rule may set hyperparameters: those a method's schema declares with the default 'theory' (DIANA's
 * α = 1/(1 + ω), ADIANA's μ and p, AGD's μ) take the rule's value when the caller gives none
 * (TheoryRule.hyperparameters); `efcheck run` fills them in, a library caller passes them or takes them from there.
 */
import type { Compressor } from '../compressors/types.ts';
import type { Problem } from '../problems/types.ts';

/**
 * The problem constants a step-size rule may read: L and the L_i, and where the problem knows them its strong
 * convexity μ and its name (for messages). The number of nodes n is Li.length (one L_i per node). μ is Problem's
 * `mu`; every problem here that sets it is a quadratic whose mean Hessian is positive definite, where the PL constant
 * Problem documents and the strong-convexity constant the accelerated rules need are the same number, λ_min.
 */
export type TheoryProblem = Pick<Problem, 'L' | 'Li' | 'mu'> & Partial<Pick<Problem, 'name'>>;

/** The number of nodes n of a theory problem: one smoothness constant L_i per node. */
export function theoryNodes(problem: Pick<TheoryProblem, 'Li'>): number {
  return problem.Li.length;
}

/** The legacy shape (registry.ts `theoryStepSize`): the rule's γ and where it comes from. */
export interface TheoryStepSize {
  readonly gamma: number;
  /** Where the rule comes from, with its docs/theory.md tag, for reports. */
  readonly source: string;
}

export interface TheoryRule extends TheoryStepSize {
  readonly kind: 'rule';
  /** Derived constants the rule used (ξ(α), …), recorded by `efcheck run`. */
  readonly constants: Readonly<Record<string, number>>;
  /**
   * The rule's value of every hyperparameter whose schema default is 'theory' and which the caller did not give
   * (DIANA's α = 1/(1 + ω) when no α was passed); empty for methods without such hyperparameters.
   */
  readonly hyperparameters: Readonly<Record<string, number>>;
}

export interface TheoryMissing {
  readonly kind: 'missing';
  /** Which constant is missing and why, citing docs/theory.md; no trailing period. */
  readonly reason: string;
  /**
   * Set when the rule needs a contractive compressor and the given one is unbiased: its contractive view
   * C/(ω + 1) has α = 1/(ω + 1) (docs/theory.md §1.1 row 15) and would have a theory step.
   */
  readonly contractiveView?: { readonly hyperparameter: string; readonly alpha: number };
  /**
   * Set when the missing constant is one the caller can give as a hyperparameter (μ for ADIANA and AGD on a problem
   * that does not know it): passing it makes the rule apply.
   */
  readonly supply?: { readonly hyperparameter: string; readonly symbol: string };
}

export type TheoryStep = TheoryRule | TheoryMissing;

export function theoryRule(
  gamma: number,
  source: string,
  constants: Readonly<Record<string, number>> = {},
  hyperparameters: Readonly<Record<string, number>> = {},
): TheoryRule {
  return { kind: 'rule', gamma, source, constants, hyperparameters };
}

export function noTheoryStep(reason: string): TheoryMissing {
  return { kind: 'missing', reason };
}

/**
 * α of a contractive compressor, or what is missing: an unbiased compressor has no α (its contractive view does),
 * an absolute one has none at all.
 * @param where the rule's docs/theory.md section, for the message
 */
export function contractiveAlpha(
  compressor: Pick<Compressor, 'contract'> & Partial<Pick<Compressor, 'name'>>,
  where: string,
  hyperparameter = 'compressor',
): number | TheoryMissing {
  const c = compressor.contract;
  if (c.kind === 'contractive') return c.alpha;
  const name = compressor.name ?? 'the compressor';
  const needs = `the theory step (${where}) needs the α of a contractive compressor`;
  if (c.kind === 'unbiased') {
    return {
      kind: 'missing',
      reason: `${needs}, and ${name} is unbiased (ω = ${c.omega})`,
      contractiveView: { hyperparameter, alpha: 1 / (1 + c.omega) },
    };
  }
  return noTheoryStep(`${needs}, and ${name} is absolute (‖C(x) − x‖² ≤ ${c.deltaSq}, no α)`);
}

/**
 * ω of a compressor the rule may treat as unbiased, or what is missing: an unbiased compressor's own ω; a contractive
 * one with α = 1, which is the identity (‖C(x) − x‖² ≤ 0 forces C(x) = x, so E C(x) = x with ω = 0); no other
 * contractive or absolute compressor is unbiased.
 * @param where the rule's docs/theory.md section, for the message
 * @example
 * unbiasedOmega(identity(3), 'docs/theory.md §A2.3');
 * // returns 0
 */
export function unbiasedOmega(
  compressor: Pick<Compressor, 'contract'> & Partial<Pick<Compressor, 'name'>>,
  where: string,
): number | TheoryMissing {
  const c = compressor.contract;
  if (c.kind === 'unbiased') return c.omega;
  if (c.kind === 'contractive' && c.alpha === 1) return 0;
  const name = compressor.name ?? 'the compressor';
  const what =
    c.kind === 'contractive'
      ? `contractive (α = ${c.alpha}, not unbiased)`
      : `absolute (‖C(x) − x‖² ≤ ${c.deltaSq}, not unbiased)`;
  return noTheoryStep(`the theory step (${where}) needs the ω of an unbiased compressor, and ${name} is ${what}`);
}

/**
 * The strong convexity μ a rule reads: the hyperparameter when given, else the problem's, or what is missing (with
 * the hyperparameter that would supply it). μ ≤ L is required: no L-smooth f is μ-strongly convex with μ > L.
 * @param where the rule's docs/theory.md section, for the message
 */
export function strongConvexity(
  problem: TheoryProblem,
  given: number | undefined,
  where: string,
  hyperparameter = 'mu',
): number | TheoryMissing {
  const mu = given ?? problem.mu;
  if (mu === undefined) {
    return {
      kind: 'missing',
      reason: `the theory step (${where}) needs the strong convexity μ of f, and ${problem.name ?? 'the problem'} does not know it`,
      supply: { hyperparameter, symbol: 'μ' },
    };
  }
  if (!(mu > 0 && mu <= problem.L))
    return noTheoryStep(`the theory step (${where}) needs 0 < μ ≤ L, got μ = ${mu}, L = ${problem.L}`);
  return mu;
}

/**
 * The one-line message of a missing theory step for library callers (the CLI words its own, with flags).
 * @example
 * missingTheoryLine('ef21-hb', noTheoryStep('no theory step in docs/theory.md §3.7'));
 * // returns 'ef21-hb: no theory step in docs/theory.md §3.7; pass γ as a number'
 */
export function missingTheoryLine(id: string, missing: TheoryMissing): string {
  if (missing.supply !== undefined)
    return `${id}: ${missing.reason}; pass ${missing.supply.hyperparameter} (${missing.supply.symbol})`;
  const view = missing.contractiveView;
  const alternative =
    view === undefined
      ? ''
      : ` or use the contractive view asContractive(${view.hyperparameter}) (α = 1/(ω + 1) = ${view.alpha}, docs/theory.md §1.1 row 15)`;
  return `${id}: ${missing.reason}; pass γ as a number${alternative}`;
}
