/**
 * The adversary's part of a momentum claim's check (theorems/_lib/power.ts on momentum-space.ts): the worst case at
 * γ_max must satisfy the inequality, and the teeth verdict at m* shows how far above γ_max the first violation lies,
 * so that the power row says by how much the derived step is conservative on the searched class.
 */
import type { MomentumMethod, NodeEstimatorState } from './momentum-method.ts';
import { foldIn, key } from '../../../src/rng/key.ts';
import { adversaryCheck, adversarySizes, multiplierText } from '../../_lib/power.ts';
import type { SearchOptions } from '../../../src/adversary/worst-case.ts';
import type { Budget, TheoremMeta, TheoremResult } from '../../types.ts';
import { momentumSpace } from './momentum-space.ts';

/**
 * Wider than adversarySizes: the violations of a wrong Λ coefficient are thin. At quick's own size (4 × 600) the
 * P-coefficient 8 → 2 went unseen on seeds 1–6; at 10 × 1500 it was refuted (ratio 1.0118) on 5 of 6, at 20 × 1500
 * (now quick's size) on 9 of seeds 1–10, and at default on every seed tried. About 2.5 s per claim at quick.
 */
export function momentumSizes(budget: Budget): SearchOptions {
  return budget === 'quick'
    ? { restarts: 20, evaluations: 1500 }
    : budget === 'default'
      ? { restarts: 30, evaluations: 2500 }
      : adversarySizes(budget);
}

/** The stream of key(seed) the adversary draws from (the random-instance checks use streams below 900). */
const ADVERSARY_STREAM = 900;

/**
 * `result` with the adversary's verdicts, power row and notes appended; `measured` is the claim's record of what the
 * adversary sees and misses (mutations of its constants), a note of its own.
 */
export function withMomentumAdversary<S extends NodeEstimatorState>(
  result: TheoremResult,
  method: MomentumMethod<S>,
  meta: TheoremMeta,
  claim: string,
  seed: number,
  budget: Budget,
  measured?: string,
  sizes: SearchOptions = momentumSizes(budget),
): TheoremResult {
  const space = momentumSpace(method);
  const k = foldIn(key(seed), ADVERSARY_STREAM);
  const ctx = {
    id: meta.id,
    claim,
    seed,
    budget,
    provenance: meta.provenance,
    check: 'exact one-step inequality, adversarial search',
  };
  const a = adversaryCheck(ctx, space, k, budget, sizes);
  return {
    ...result,
    verdicts: [...result.verdicts, ...a.verdicts],
    power: [...(result.power ?? []), a.power],
    notes: [
      ...(result.notes ?? []),
      `Adversary (theorems/_lib/power.ts): ${space.description}; γ = m·γ_max. Worst ratio 1 + (lhs − rhs)/scale at m = 1: ${a.power.worstRatio.toPrecision(6)}; step multiplier ${multiplierText(a.power)}. A step-rule constant too large by a factor below m* is invisible to this check: the derived rule is conservative by m* on the searched class.`,
      ...(measured === undefined ? [] : [measured]),
    ],
  };
}
