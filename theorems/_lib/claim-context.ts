/**
 * The part of a verdict's context that comes from the claim and the run rather than from the check: every verdict
 * of a claim carries its id, seed, budget and provenance (src/report/verdict.ts VerdictContext), so a check names
 * only what it compares: `{ ...claimContext(meta, seed, budget), check, claim }`.
 */
import type { VerdictContext } from '../../src/report/verdict.ts';
import type { Budget, TheoremMeta } from '../types.ts';

export type ClaimContext = Pick<VerdictContext, 'id' | 'seed' | 'budget' | 'provenance'>;

export function claimContext(meta: Pick<TheoremMeta, 'id' | 'provenance'>, seed: number, budget: Budget): ClaimContext {
  return { id: meta.id, seed, budget, provenance: meta.provenance };
}
