/**
 * DIANA's E Ψ⁺ in closed form for independent scaled rand-k, the cross-check of diana-lyapunov's enumeration
 * (docs/theory.md §A2.3 [D]): with u_i = ∇f_i(x) − h_i and δ_i = h_i − ∇f_i(x*),
 *   E Ψ⁺ = ‖x − γ∇f(x) − x*‖² + (γ²ω/n²)Σ‖u_i‖² + Mγ²(1/n)Σ_i(‖δ_i + αu_i‖² + α²ω‖u_i‖²),
 * since the nodes' messages are independent and E‖C(u) − u‖² = ω‖u‖² for scaled rand-k. The enumeration pushes every
 * outcome through the method's own arithmetic; this formula does not, so the two agreeing ties one to the other.
 */
import { gradient } from '../../../src/problems/types.ts';
import { verdictOverTrials, type Trial, type Verdict } from '../../../src/report/verdict.ts';
import type { ClaimContext } from '../../_lib/claim-context.ts';
import type { DianaPoint, LyapunovInstance } from './lyapunov-instance.ts';

/** E Ψ⁺ in closed form for independent scaled rand-k (header), to cross-check the enumeration. */
export function closedFormExpectedLyapunov(
  inst: LyapunovInstance,
  s: DianaPoint,
  c: { gamma: number; alpha: number; M: number },
): number {
  const { problem } = inst;
  const n = problem.n;
  const d = problem.dim;
  const omega = d / inst.k - 1;
  const g = gradient(problem, s.x);
  let mean2 = 0;
  for (let j = 0; j < d; j++) mean2 += (s.x[j] - c.gamma * g[j] - inst.xStar[j]) ** 2;
  let variance = 0;
  let shifts = 0;
  for (let i = 0; i < n; i++) {
    const gi = problem.gradI(i, s.x);
    let uu = 0;
    let mix = 0;
    for (let j = 0; j < d; j++) {
      const u = gi[j] - s.hi[i][j];
      uu += u * u;
      mix += (s.hi[i][j] - inst.gradStar[i][j] + c.alpha * u) ** 2;
    }
    variance += ((c.gamma * c.gamma * omega) / (n * n)) * uu;
    shifts += (mix + c.alpha * c.alpha * omega * uu) / n;
  }
  return mean2 + variance + c.M * c.gamma * c.gamma * shifts;
}

/** The identity E Ψ⁺ (enumerated) = E Ψ⁺ (closed form) over every trial, at the enumeration's rounding tolerance. */
export function closedFormVerdict(ctx: ClaimContext, trials: readonly Trial[], rtol: number): Verdict {
  return verdictOverTrials(
    {
      ...ctx,
      check: 'the enumeration through dianaUpdate equals the closed form (independence, E‖C(u) − u‖² = ω‖u‖²)',
      claim: 'E Ψ⁺ (enumerated) = E Ψ⁺ (closed form)',
    },
    'identity',
    trials,
    { rtol },
  );
}
