/**
 * The adversary's search space for EF21's rate corollary [Richtárik, Sokolov, Fatkhullin 2021, Thm 1 (rate)]:
 *   Σ_{t<T} (γ/2)‖∇f(x^t)‖² ≤ Φ_0 = f(x⁰) − f* + (γ/(2θ))(1/n)Σ_i‖g_i⁰ − ∇f_i(x⁰)‖²,
 * i.e. (1/T)Σ_{t<T}‖∇f(x^t)‖² ≤ 2Φ_0/(γT) at the last T of the run, which is the worst prefix (the left side only
 * grows with T). The candidates are descent-space.ts's contraction form — positive definite Ā, so f* is exact —
 * with any start (x⁰, g_i⁰), run for T rounds of the real src/algorithms/ef21.ts with top-k or the adversarial
 * contractive compressor (one map for every node and round: the step does not say which node sends).
 */
import { adversarialContractive } from '../../../src/adversary/adversarial-contractive.ts';
import type { SearchSpace } from '../../../src/adversary/types.ts';
import { ef21, type EF21State } from '../../../src/algorithms/ef21.ts';
import { topK } from '../../../src/compressors/top-k.ts';
import { mean } from '../../../src/linalg/vector.ts';
import { exactOracle } from '../../../src/oracles/exact.ts';
import { gradient } from '../../../src/problems/types.ts';
import { key } from '../../../src/rng/key.ts';
import { ef21Gamma, theta } from './constants.ts';
import { alphaOf, descentSpace, instanceOf, type DescentCandidate } from './descent-space.ts';
import { ef21Setting } from './ef21-settings.ts';
import { asProblem, gapFromGradient, nodeGradient } from './quadratic-nodes.ts';

/** Rounds per candidate: enough for the early transient where a start far from g_i = ∇f_i(x) is paid back. */
export const RATE_ROUNDS = 6;

export function rateSpace(rounds = RATE_ROUNDS): SearchSpace<DescentCandidate> {
  const base = descentSpace({ ...ef21Setting, form: 'contraction' });
  return {
    ...base,
    description: `EF21 over ${rounds} rounds at γ = 1/(L + L̃ξ(α)): ${base.description.replace(/^[^:]*: /, '')}, f* exact (Ā positive definite)`,
    sides(c, multiplier) {
      const inst = instanceOf(c, 'contraction');
      const eigen = inst.eigen;
      if (eigen === undefined) return { lhs: NaN, rhs: NaN, scale: NaN };
      const alpha = alphaOf(c);
      const gamma = multiplier * ef21Gamma(inst, alpha);
      const d = c.x.length;
      const n = c.g.length;
      const compressor = c.compressor === 'top-k' ? topK(d, c.k) : adversarialContractive(c.w[0], c.beta[0], alpha);
      const problem = asProblem(inst.q, inst.L, inst.Li);
      const oracle = exactOracle(problem);
      let distortion = 0;
      for (let i = 0; i < n; i++) {
        const gi = nodeGradient(inst.q, i, c.x);
        for (let j = 0; j < d; j++) distortion += (c.g[i][j] - gi[j]) ** 2 / n;
      }
      const phi0 = gapFromGradient(eigen, gradient(problem, c.x)) + (gamma / (2 * theta(alpha))) * distortion;
      const alg = ef21({ gamma, compressor });
      let state: EF21State = {
        t: 0,
        x: Float64Array.from(c.x),
        gi: c.g.map((g) => Float64Array.from(g)),
        g: mean(c.g),
        bitsPerNode: 0,
        initBitsPerNode: 0,
      };
      let paid = 0;
      for (let t = 0; t < rounds; t++) {
        const grad = gradient(problem, state.x);
        let s = 0;
        for (let j = 0; j < d; j++) s += grad[j] * grad[j];
        paid += (gamma / 2) * s;
        state = alg.step(state, oracle, key(t));
      }
      // Both sides are sums of non-negative terms: their sizes are their values.
      return { lhs: paid, rhs: phi0, scale: paid + phi0 };
    },
  };
}
