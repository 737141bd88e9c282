/**
 * ef21-am's measured companion, "why the weights matter" (docs/theory.md §4.2): the AM step γ_AM judged with the
 * unweighted Φ of Theorem 1, which no theorem covers (γ_AM ≥ γ_QM). The adversary at m = 1 with the claim's full
 * search, its violation shrunk to the fewest nodes and coordinates, as a 'may-fail' verdict; and the table setting
 * random states and the adversary against each Lyapunov function at γ = γ_AM exactly.
 */
import { worstCase, type WorstCase } from '../../../src/adversary/worst-case.ts';
import type { Key } from '../../../src/rng/key.ts';
import { deterministicVerdict, type Verdict, type VerdictContext } from '../../../src/report/verdict.ts';
import type { Budget, TableSpec, Trial } from '../../types.ts';
import { countViolations } from '../../_lib/violations.ts';
import { descentSizes } from './descent-adversary.ts';
import { descentSpace, type DescentCandidate } from './descent-space.ts';
import { ef21AmUnweightedSetting } from './ef21-settings.ts';

export interface UnweightedAtAmStep {
  /** The 'may-fail' verdict on the adversary's worst case. */
  readonly teeth: Verdict;
  readonly worst: WorstCase<DescentCandidate>;
  /** The shrunk violation's size. */
  readonly shrunk: { readonly n: number; readonly d: number };
}

/**
 * The unweighted Φ at exactly γ_AM. Half the restarts missed its violation at some seeds (12345 at quick: only
 * one-node climbs), hence the claim's full search.
 */
export function unweightedAtAmStep(ctx: Omit<VerdictContext, 'check'>, k: Key, budget: Budget): UnweightedAtAmStep {
  const space = descentSpace(ef21AmUnweightedSetting);
  const worst = worstCase(space, 1, k, descentSizes(budget));
  const shrunk = space.size(worst.candidate);
  const teeth = deterministicVerdict(
    {
      ...ctx,
      claim: 'Φ(x⁺, g⁺) ≤ Φ(x, g) − (γ/2)‖∇f(x)‖² with the unweighted Φ of Theorem 1, at γ_AM',
      check: `teeth: the unweighted Φ at γ_AM, the adversary at m = 1 (shrunk to n = ${shrunk.n}, d = ${shrunk.d})`,
      expectation: 'may-fail',
      details: { ratio: worst.ratio, shrinks: worst.shrinks },
      counterexample: space.json(worst.candidate),
    },
    worst.sides,
    { samples: worst.evaluations },
  );
  return { teeth, worst, shrunk };
}

/** ratio − 1, signed, for the table's "max ratio − 1" column. */
const excess = (r: number): string => `${r >= 1 ? '+' : '−'}${Math.abs(r - 1).toExponential(2)}`;

/** The same random states at γ_AM judged with Φ^AM and with the unweighted Φ, beside the two adversaries' worst ratios. */
export function weightsTable(
  weighted: readonly Trial[],
  unweighted: readonly Trial[],
  weightedRatio: number,
  u: UnweightedAtAmStep,
): TableSpec {
  return {
    title: 'Why the weights matter: γ = γ_AM exactly, judged with each Lyapunov function',
    columns: ['Lyapunov', 'random states', 'random: violations', 'adversary: max ratio − 1', 'adversary: where'],
    rows: [
      ['weighted Φ^AM (this claim)', weighted.length, countViolations(weighted), excess(weightedRatio), '—'],
      [
        'unweighted Φ of Theorem 1',
        unweighted.length,
        countViolations(unweighted),
        excess(u.worst.ratio),
        u.worst.violated ? `n = ${u.shrunk.n}, d = ${u.shrunk.d} (shrunk)` : '—',
      ],
    ],
    caption:
      'Random states: indefinite quadratics with L_i log-uniform over [0.1, 10]·‖M_i‖, top-k / scaled sign. Adversary: ratio = 1 + (Φ⁺ − Φ + (γ/2)‖∇f‖²)/(Σ|terms|), climbed over n ≤ 3, d ≤ 3 quadratics, states and the worst compressor of the class. The unweighted row is measured, not claimed: Theorem 1 promises nothing at γ_AM ≥ γ_QM, and the shrunk violation (in the verdicts, with its instance) shows it fails there.',
  };
}
