/**
 * The adversary's part of an inequality claim, shared by every such claim: the worst case at the theory's
 * constants (a 'holds' verdict: it must satisfy the inequality up to rounding), the critical multiplier m* (a
 * 'may-fail' teeth verdict at m*, on the shrunk violation the bisection found), and the claim's power row.
 * Sizes scale with the budget; the key decides everything, so the same seed gives the same m* bit for bit.
 */
import { criticalMultiplier } from '../../src/adversary/critical-multiplier.ts';
import type { SearchSpace } from '../../src/adversary/types.ts';
import { worstCase, type SearchOptions } from '../../src/adversary/worst-case.ts';
import { deterministicVerdict, type Verdict, type VerdictContext } from '../../src/report/verdict.ts';
import { foldIn, type Key } from '../../src/rng/key.ts';
import type { Budget, PowerRow } from '../types.ts';

/** Restarts and evaluations per climb, by budget (bisection: 8 steps, m* to within a factor 1.011). */
export function adversarySizes(budget: Budget): SearchOptions {
  return budget === 'quick'
    ? { restarts: 4, evaluations: 600 }
    : budget === 'default'
      ? { restarts: 10, evaluations: 1500 }
      : { restarts: 40, evaluations: 4000 };
}

export interface PowerCheck {
  readonly verdicts: readonly Verdict[];
  readonly power: PowerRow;
}

/** How m* reads on a page. */
export function multiplierText(row: Pick<PowerRow, 'criticalMultiplier' | 'below'>): string {
  return row.criticalMultiplier === null
    ? `none up to ${row.below}×: the theory's step is conservative by at least ${row.below}× on the searched class`
    : `m* ∈ (${row.below.toPrecision(4)}, ${row.criticalMultiplier.toPrecision(4)}]`;
}

/** A worst ratio as its distance from 1, signed: 1 − 3e-10 must not read as "1". */
export function ratioText(ratio: number): string {
  return `1 ${ratio >= 1 ? '+' : '−'} ${Math.abs(ratio - 1).toExponential(2)}`;
}

/**
 * The note a claim prints under its power row: what was searched, the worst ratio at the theory's step (`at` names
 * that step, e.g. 'γ_max') and m*.
 */
export function adversaryNote(row: PowerRow, at: string, worst = 'Worst ratio'): string {
  return `Adversary: ${row.searched}. ${worst} at ${at}: ${ratioText(row.worstRatio)}; step multiplier ${multiplierText(row)}.`;
}

/**
 * The adversary's verdicts and power row for one inequality. `ctx.check` names the inequality; the teeth verdict
 * is omitted when nothing violates up to 16× (the power row then says the step is conservative by ≥ 16×).
 * @example
 * const { verdicts, power } = adversaryCheck({ ...ctx, check: 'EF21, adversarial C' }, space, key(1), 'quick');
 */
export function adversaryCheck<C>(
  ctx: VerdictContext,
  space: SearchSpace<C>,
  k: Key,
  budget: Budget,
  o: SearchOptions = adversarySizes(budget),
): PowerCheck {
  const first = worstCase(space, 1, foldIn(k, 0), { ...o, shrink: false });
  const critical = criticalMultiplier(space, foldIn(k, 1), o, [first.candidate]);
  // A violation at m* is the best start for one at m = 1 (violations move continuously with m): where a constant is
  // too large by less than the bisection's first steps resolve, plain restarts at m = 1 can miss the thin region
  // where it fails, and the climb from the m* witness finds it (measured on doubled momentum step rules).
  const again =
    critical.counterexample === null
      ? null
      : worstCase(space, 1, foldIn(k, 2), { ...o, restarts: 0, shrink: false }, [critical.counterexample.candidate]);
  const worst =
    again !== null && again.ratio > first.ratio
      ? { ...again, evaluations: first.evaluations + again.evaluations }
      : first;
  const size = critical.counterexample === null ? null : space.size(critical.counterexample.candidate);
  const power: PowerRow = {
    check: ctx.check,
    searched: space.description,
    worstRatio: worst.ratio,
    criticalMultiplier: critical.multiplier,
    below: critical.below,
    counterexampleSize: size,
    evaluations: worst.evaluations + critical.evaluations,
  };
  const details = { worstRatio: worst.ratio, evaluations: power.evaluations };
  const verdicts: Verdict[] = [
    deterministicVerdict(
      {
        ...ctx,
        check: `${ctx.check}: adversary's worst case at the theory's constants`,
        details,
        counterexample: space.json(worst.candidate),
      },
      worst.sides,
      {
        samples: worst.evaluations,
      },
    ),
  ];
  if (critical.counterexample !== null && critical.multiplier !== null) {
    const c = critical.counterexample;
    verdicts.push(
      deterministicVerdict(
        {
          ...ctx,
          check: `teeth: ${ctx.check} at m* = ${critical.multiplier.toPrecision(4)} (shrunk to n = ${size?.n}, d = ${size?.d})`,
          expectation: 'may-fail',
          details: { multiplier: critical.multiplier, below: critical.below, ratio: c.ratio },
          counterexample: space.json(c.candidate),
        },
        c.sides,
        { samples: critical.evaluations },
      ),
    );
  }
  return { verdicts, power };
}
