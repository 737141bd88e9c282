/**
 * A method's theory step size for a problem and hyperparameters: the rule with its docs/theory.md source, or — where
 * docs/theory.md gives none, or the rule needs a constant these hyperparameters do not have — what is missing, in
 * words a user can act on. The rules themselves live in step-sizes.ts; this file only says which applies.
 */
import type { Compressor } from '../compressors/types.ts';
import type { Problem } from '../problems/types.ts';

/** The problem constants a step-size rule may read. */
export type TheoryProblem = Pick<Problem, 'L' | 'Li'>;

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
}

export type TheoryStep = TheoryRule | TheoryMissing;

export function theoryRule(gamma: number, source: string, constants: Readonly<Record<string, number>> = {}): TheoryRule {
  return { kind: 'rule', gamma, source, constants };
}

export function noTheoryStep(reason: string): TheoryMissing {
  return { kind: 'missing', reason };
}

/**
 * α of a contractive compressor, or what is missing: an unbiased compressor has no α (its contractive view does),
 * an absolute one has none at all.
 * @param where the rule's docs/theory.md section, for the message
 */
export function contractiveAlpha(compressor: Pick<Compressor, 'contract'> & Partial<Pick<Compressor, 'name'>>, where: string, hyperparameter = 'compressor'): number | TheoryMissing {
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
 * The one-line message of a missing theory step for library callers (the CLI words its own, with flags).
 * @example
 * missingTheoryLine('ef21-hb', noTheoryStep('no theory step in docs/theory.md §3.7'));
 * // returns 'ef21-hb: no theory step in docs/theory.md §3.7; pass γ as a number'
 */
export function missingTheoryLine(id: string, missing: TheoryMissing): string {
  const view = missing.contractiveView;
  const alternative = view === undefined ? '' : ` or use the contractive view asContractive(${view.hyperparameter}) (α = 1/(ω + 1) = ${view.alpha}, docs/theory.md §1.1 row 15)`;
  return `${id}: ${missing.reason}; pass γ as a number${alternative}`;
}
