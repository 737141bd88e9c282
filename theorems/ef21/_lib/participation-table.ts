/**
 * ef21-pp's table: per participation probability p, how much smaller the PP step is than EF21's (at L = L̃ = 1,
 * α = 1/4) and how many random states break the inequality when the step ignores p (docs/theory.md §3.5).
 */
import type { Trial } from '../../../src/report/verdict.ts';
import type { TableSpec } from '../../types.ts';
import { countViolations } from '../../_lib/violations.ts';
import { ef21Gamma, ef21PpGamma } from './constants.ts';

/** `ignoring`: trials at EF21's step whose counterexample instance records its p. */
export function participationTable(participation: readonly number[], ignoring: readonly Trial[]): TableSpec {
  const rows = participation.map((p) => {
    const alpha = 0.25;
    const prob = { L: 1, Li: [1] };
    const per = ignoring.filter((t) => (t.instance as { p: number }).p === p);
    return [p, ef21PpGamma(prob, alpha, p) / ef21Gamma(prob, alpha), per.length, countViolations(per)];
  });
  return {
    title: 'Participation p: the PP step relative to EF21’s (L = L̃ = 1, α = 1/4), and violations when p is ignored',
    columns: ['p', 'γ_PP/γ_EF21', 'states at γ_EF21', 'violations'],
    rows,
    caption:
      'At p = 1 the two steps coincide and nothing is violated; the smaller p, the more the EF21 step overshoots what the derived form allows.',
  };
}
