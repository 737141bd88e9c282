/**
 * The adversary's part of an EF21-family claim: the search of descent-space.ts at the claim's setting, run by
 * theorems/_lib/power.ts's adversaryCheck with sizes widened for this landscape. It has many local maxima at
 * ratio exactly 1 — one node, equal L_i, the descent lemma's tight curvature — each of which absorbs a climb, so
 * the violations of a wrong constant (which live at extreme heterogeneity: some L_i → 0, or curvatures of opposite
 * signs under PL) need breadth: six times the default restarts. The whole search costs ~0.5–1 s at the quick budget.
 */
import type { SearchOptions } from '../../../src/adversary/worst-case.ts';
import type { Key } from '../../../src/rng/key.ts';
import type { VerdictContext } from '../../../src/report/verdict.ts';
import { adversaryCheck, adversarySizes, type PowerCheck } from '../../_lib/power.ts';
import type { Budget } from '../../types.ts';
import { descentSpace, type DescentSetting } from './descent-space.ts';

/** Restarts ×6 and climbs ×5/3 of adversarySizes: quick 24 × 1000, default 60 × 2500. */
export function descentSizes(budget: Budget): SearchOptions {
  const base = adversarySizes(budget);
  return { restarts: 6 * base.restarts, evaluations: Math.round((5 * base.evaluations) / 3) };
}

/**
 * The 'holds' verdict on the worst case at the theory's step, the m* teeth verdict, and the power row.
 * @example
 * const { verdicts, power } = descentAdversary({ ...ctx, check: 'EF21' }, setting, foldIn(key(seed), 90), budget);
 */
export function descentAdversary(ctx: VerdictContext, setting: DescentSetting, k: Key, budget: Budget): PowerCheck {
  return adversaryCheck(ctx, descentSpace(setting), k, budget, descentSizes(budget));
}
