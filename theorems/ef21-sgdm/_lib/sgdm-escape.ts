/**
 * The teeth of thm1-ef21-sgd-ideal-lower-bound (docs/theory.md §5.2): EF21-SGDM (η = 0.1, γ from the derived
 * Theorem 2 rule of src/algorithms/step-sizes.ts) on the same Theorem 1 instance with n = 10 nodes escapes the floor
 * that binds EF21-SGD-ideal: the per-run mean of ‖∇f(x^t)‖² over the second half of the run must fall below it with
 * confidence (mean + 6·se < floor), a 'may-fail' lower-bound verdict.
 */
import { ef21Sgdm } from '../../../src/algorithms/ef21-sgdm.ts';
import { ef21SgdmStepSize } from '../../../src/algorithms/step-sizes.ts';
import type { Compressor } from '../../../src/compressors/types.ts';
import { theorem1Instance } from '../../../src/problems/theorem1-instance.ts';
import type { Key } from '../../../src/rng/key.ts';
import { lowerInExpectationVerdict, type Verdict, type VerdictContext } from '../../../src/report/verdict.ts';
import { byBudget, type Budget, type Series } from '../../types.ts';
import { threePointRuns } from './three-point-runs.ts';

export interface SgdmEscape {
  readonly teeth: Verdict;
  /** E‖∇f(x^t)‖² of EF21-SGDM per t, for the figure. */
  readonly series: Series;
  readonly rounds: number;
  readonly note: string;
}

/** `floor` = (1/60)·min{σ², ‖∇f(x⁰)‖²}; the runs start at `x0` with g_i⁰ = v_i⁰ = ĝ_i(x⁰), keys foldIn(k, r). */
export function sgdmEscape(
  ctx: Omit<VerdictContext, 'check'>,
  k: Key,
  budget: Budget,
  floor: number,
  x0: readonly [number, number],
  compressor: Compressor,
): SgdmEscape {
  const n = 10;
  const eta = 0.1;
  const T = byBudget(budget, { quick: 150, default: 400, deep: 2_000 });
  const R = byBudget(budget, { quick: 12, default: 40, deep: 200 });
  const gamma = ef21SgdmStepSize(theorem1Instance({ n }), 0.5, eta);
  const runs = threePointRuns(ef21Sgdm({ gamma, eta, compressor, x0 }), n, T, R, k, false);
  const teeth = lowerInExpectationVerdict(
    {
      ...ctx,
      check: `teeth: EF21-SGDM (n = ${n}, η = ${eta}, γ = ${gamma.toPrecision(4)}), mean of ‖∇f(x^t)‖² over t ∈ [${Math.floor(T / 2)}, ${T}]`,
      claim: '(2/T)·Σ_{t ≥ T/2} E‖∇f(x^t)‖² ≥ (1/60)·min{σ², ‖∇f(x⁰)‖²}',
      expectation: 'may-fail',
      details: { n, eta, gamma, rounds: T },
    },
    { stats: runs.windowMean, bound: floor },
  );
  return {
    teeth,
    series: { name: `EF21-SGDM, n = ${n}, η = ${eta}`, points: runs.gradNormSq.map((m, t) => [t, m.mean] as const) },
    rounds: T,
    note: `Teeth: EF21-SGDM with ${R} runs of ${T} rounds, g_i⁰ = v_i⁰ = ĝ_i(x⁰); its second-half mean must fall below the floor with mean + 6·se < floor.`,
  };
}
