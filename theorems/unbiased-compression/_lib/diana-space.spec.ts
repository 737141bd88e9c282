import { describe, expect, it } from 'vitest';
import { assertSearchSpaceContract } from '../../../properties/contracts/search-space.ts';
import { ratioOf } from '../../../src/adversary/types.ts';
import { foldIn, key } from '../../../src/rng/key.ts';
import { lyapunovConstants } from '../diana-lyapunov.ts';
import { candidateInstance, dianaSpace } from './diana-space.ts';
import { SHAPES } from './lyapunov-instance.ts';
import { lyapunovSides } from './lyapunov-sides.ts';

const space = dianaSpace(lyapunovConstants);

describe("dianaSpace: the adversary's search space for DIANA's one-step Lyapunov inequality", () => {
  it('keeps the search-space contract: decode(encode(c), c) = c, pure sides, one-smaller shrinks, no ±∞ ratio', () => {
    assertSearchSpaceContract(space);
  });

  it("its closed-form sides are the claim's enumeration through dianaUpdate, at m = 1 and m = 1.5", () => {
    for (let r = 0; r < 30; r++) {
      const c = space.sample(foldIn(key(5), r));
      const { inst, state } = candidateInstance(c);
      for (const m of [1, 1.5]) {
        const s = space.sides(c, m);
        const e = lyapunovSides(inst, state, lyapunovConstants(inst.problem, inst.problem.dim / c.k - 1, m));
        expect(Math.abs(s.lhs - e.lhs)).toBeLessThanOrEqual(1e-11 * e.scale);
        expect(Math.abs(s.rhs - e.rhs)).toBeLessThanOrEqual(1e-12 * e.scale);
      }
    }
  });

  it("stays within the claim's shapes (C(d, k)^n ≤ 1000, k < d) and its assumptions (f_i convex, μ > 0)", () => {
    const shapes = new Set(SHAPES.map((s) => s.join()));
    for (let r = 0; r < 30; r++) {
      const c = space.sample(foldIn(key(6), r));
      const { inst } = candidateInstance(c);
      const p = inst.problem;
      expect(shapes.has([p.n, p.dim, c.k].join())).toBe(true);
      for (const s of space.shrink?.(c) ?? []) {
        const q = candidateInstance(s).inst;
        expect(shapes.has([q.problem.n, q.problem.dim, s.k].join())).toBe(true);
      }
      expect(p.mu).toBeGreaterThan(0);
      // A_i = B_iB_iᵀ ⪰ 0: its quadratic form at the state's error is non-negative.
      for (let i = 0; i < p.n; i++) {
        const g = p.gradI(i, c.e);
        expect(g.reduce((s, v, j) => s + v * c.e[j], 0)).toBeGreaterThanOrEqual(-1e-12);
      }
    }
  });

  // n = 1, A = I (L = μ = 1), rand-1 of d = 2 (ω = 1, α = 1/2, M = 8), t = γ = m/7, δ = s·e: ρΨ − E Ψ⁺ is the quadratic
  // form (t − 6t²)e² + 2t²eδ + (3t² − 8t³)δ² (while ρ = 1 − t), singular where 16t² − 9t + 1 = 0: the exact critical
  // multiplier of this family is m_c = 7(9 − √17)/32 ≈ 1.0668, at s = −1/(3 − 8t), and the adversary's m* brackets it.
  it('on the isotropic one-node family the ratio crosses 1 at m_c = 7(9 − √17)/32 exactly', () => {
    const mc = (7 * (9 - Math.sqrt(17))) / 32;
    const s = -1 / (3 - (8 * mc) / 7);
    const c = {
      k: 1,
      B: [Float64Array.of(1, 0, 0, 1)],
      e: Float64Array.of(0.6, -0.8),
      delta: [Float64Array.of(0.6 * s, -0.8 * s)],
    };
    expect(ratioOf(space.sides(c, mc * (1 - 1e-4)))).toBeLessThan(1);
    expect(ratioOf(space.sides(c, mc * (1 + 1e-4)))).toBeGreaterThan(1);
    for (let r = 0; r < 20; r++) {
      const t = Math.tan(Math.PI * ((r + 0.5) / 20 - 0.5));
      const other = { ...c, delta: [Float64Array.of(0.6 * t, -0.8 * t)] };
      expect(ratioOf(space.sides(other, mc * (1 - 1e-4)))).toBeLessThan(1);
    }
  });

  it('a large multiple of the step violates the inequality on some sample', () => {
    let violated = 0;
    for (let r = 0; r < 30; r++) if (ratioOf(space.sides(space.sample(foldIn(key(7), r)), 16)) > 1) violated++;
    expect(violated).toBeGreaterThan(0);
  });
});
