/**
 * diana-lyapunov's two sides on one (instance, state): Ψ = ‖x − x*‖² + Mγ²(1/n)Σ_i‖h_i − ∇f_i(x*)‖² and E Ψ⁺ by
 * enumerating every outcome of the rand-k law through dianaUpdate (the method's own arithmetic), at the constants
 * (γ, α, M, ρ) the claim computes (diana-lyapunov.ts lyapunovConstants; docs/theory.md §A2.3 [D]).
 */
import { dianaUpdate } from '../../../src/algorithms/diana.ts';
import { dist2sq, mean } from '../../../src/linalg/vector.ts';
import type { Sides } from '../../../src/report/verdict.ts';
import type { DianaPoint, LyapunovInstance } from './lyapunov-instance.ts';
import { expectOverRandK } from './rand-k-law.ts';

/** The claim's constants at one step: γ, shift step α, Lyapunov weight M, rate ρ. */
export type Constants = { gamma: number; alpha: number; M: number; rho: number };

/** Ψ = ‖x − x*‖² + Mγ²(1/n)Σ_i‖h_i − ∇f_i(x*)‖². */
export function lyapunov(inst: LyapunovInstance, s: DianaPoint, gamma: number, M: number): number {
  const n = inst.problem.n;
  let sigma = 0;
  for (let i = 0; i < n; i++) sigma += dist2sq(s.hi[i], inst.gradStar[i]) / n;
  return dist2sq(s.x, inst.xStar) + M * gamma * gamma * sigma;
}

/**
 * Both sides at step γ (and shift step α, weight M, rate ρ): E Ψ⁺ by enumerating every outcome of the rand-k law
 * and pushing it through dianaUpdate; scale = |E Ψ⁺| + ρΨ.
 */
export function lyapunovSides(
  inst: LyapunovInstance,
  s: DianaPoint,
  c: Constants,
  randomness: 'independent' | 'shared' = 'independent',
): Sides {
  const { problem } = inst;
  const h = mean(s.hi);
  const us = s.hi.map((hOld, i) => Float64Array.from(problem.gradI(i, s.x), (g, j) => g - hOld[j]));
  const expected = expectOverRandK(us, inst.k, randomness, (messages) => {
    const r = dianaUpdate({ gamma: c.gamma, alpha: c.alpha, x: s.x, h, hi: s.hi, messages });
    return lyapunov(inst, { x: r.x, hi: r.hi }, c.gamma, c.M);
  });
  const rhs = c.rho * lyapunov(inst, s, c.gamma, c.M);
  return { lhs: expected, rhs, scale: Math.abs(expected) + rhs };
}
