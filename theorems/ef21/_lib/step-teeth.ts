/**
 * The step-size teeth of the EF21-family one-step claims: random states at fixed multiples of the claim's own step
 * (4× and 8×), where the theory promises nothing and some state must break the inequality ('may-fail' verdicts).
 */
import { verdictOverTrials, type Trial, type Verdict, type VerdictContext } from '../../../src/report/verdict.ts';

/**
 * One 'may-fail' verdict per multiplier m, named `teeth: γ = m·<step>`; `trialsAt` draws the states at γ = m·step.
 * @example
 * stepTeeth(ctx, 'γ_AM', [4, 8], (m, i) => run(4 + i, count, 'quadratic', 'deterministic', m));
 */
export function stepTeeth(
  ctx: Omit<VerdictContext, 'check' | 'expectation'>,
  step: string,
  multipliers: readonly number[],
  trialsAt: (multiplier: number, index: number) => Trial[],
): Verdict[] {
  return multipliers.map((m, i) =>
    verdictOverTrials(
      { ...ctx, check: `teeth: γ = ${m}·${step}`, expectation: 'may-fail' },
      'deterministic',
      trialsAt(m, i),
    ),
  );
}
