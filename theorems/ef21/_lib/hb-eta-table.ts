/**
 * ef21-hb's table: per heavy-ball weight η, how much smaller the derived HB step is than EF21's (at L = L̃ = 1,
 * α = 1/4) and how many random states break the inequality when the step ignores η (docs/theory.md §3.7).
 */
import { DEFAULT_FLOOR, DEFAULT_RTOL, type Trial } from '../../../src/report/verdict.ts';
import type { TableSpec } from '../../types.ts';
import { ef21Gamma } from './constants.ts';
import { ef21HbGamma } from './hb-constants.ts';

/** `ignoring`: trials at EF21's step whose counterexample instance records its η. */
export function etaTable(etas: readonly number[], ignoring: readonly Trial[]): TableSpec {
  const rows = etas.map((eta) => {
    const prob = { L: 1, Li: [1] };
    const per = ignoring.filter((t) => (t.instance as { eta: number }).eta === eta);
    const bad = per.filter((t) => t.lhs > t.rhs + DEFAULT_RTOL * t.scale + DEFAULT_FLOOR).length;
    return [eta, ef21HbGamma(prob, 0.25, eta) / ef21Gamma(prob, 0.25), per.length, bad];
  });
  return {
    title: 'Heavy-ball weight η: the HB step relative to EF21’s (L = L̃ = 1, α = 1/4), and violations when η is ignored',
    columns: ['η', 'γ_HB/γ_EF21', 'states at γ_EF21', 'violations'],
    rows,
    caption:
      'The auxiliary sequence z moves by γ/(1 − η), so EF21’s step overshoots what the derived form allows by more than 1/(1 − η); the larger η, the more states break.',
  };
}
