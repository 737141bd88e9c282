import { describe, expect, it } from 'vitest';
import { diagonalQuadratic } from '../../src/problems/diagonal-quadratic.ts';
import type { MomentumInstance } from './_lib/momentum-instance.ts';
import { exactSides } from './_lib/momentum-lyapunov.ts';
import { holds, isotropic, momentumLyapunovBattery } from './_lib/momentum-lyapunov.spec-helpers.ts';
import { ef21Sgd2mMethod, sgd2mCoefficients, sgd2mNoiseTerm, sgd2mStepRule } from './thm3-ef21-sgd2m-lyapunov.ts';

describe('EF21-SGD2M one-step Lyapunov inequality (derived form of Fatkhullin et al. 2023, Theorem 3)', () => {
  momentumLyapunovBattery(ef21Sgd2mMethod, {
    stepRule: 'min{α/(20L̃), η/(10L)}',
    equilibrium: 'v_i = u_i = g_i = ∇f_i(x)',
  });

  it('transcribes the derived constants (Fatkhullin, Tyurin, Richtárik 2023, Thm 3, derived form)', () => {
    // α = 1/2, γ = 0.1, η = 0.2: 2γ/α = 0.4, 8γη/α² = 0.64, 32γη/α² = 2.56, 2γ/η = 1.
    const c = sgd2mCoefficients(0.5, 0.1, 0.2);
    expect(c.G).toBeCloseTo(0.4, 15);
    expect(c.Q).toBeCloseTo(0.64, 15);
    expect(c.P).toBeCloseTo(2.56, 15);
    expect(c.Mu).toBeCloseTo(1, 15);
    expect(c.Mv).toBeCloseTo(1, 15);
    // σ = 1, n = 4: 2·0.0016/0.5 + 40·0.008/0.25 + 4·0.2/4 = 0.0064 + 1.28 + 0.2.
    expect(sgd2mNoiseTerm(0.5, 0.2, 1, 4)).toBeCloseTo(1.4864, 14);
    // L = L̃ = 2: min{0.5/40, 0.2/20} = 0.01.
    expect(sgd2mStepRule(diagonalQuadratic([[2, 1]]), 0.5, 0.2)).toBeCloseTo(0.01, 15);
  });

  it('computes the exact expectation of a hand-checkable step (n = d = 1, two-point noise)', () => {
    // f = ½x², x = 0, v = u = g = 0, η = 1, top-1 = identity, ξ = ±1: v⁺ = u⁺ = g⁺ = ξ, so G⁺ = Q⁺ = 0 and
    // P⁺ = M^u⁺ = M^v⁺ = 1. γ = min{1/20, 1/10} = 0.05: E Λ⁺ = 1.6 + 0.1 + 0.1 = 1.8; RHS = 0.05·(2 + 40 + 4) = 2.3.
    const inst: MomentumInstance = {
      ...isotropic(1),
      x: [0],
      vi: [[0]],
      ui: [[0]],
      gi: [[0]],
      sigma: 1,
      noise: [{ raw: [[1], [-1]], weights: [1, 1], fraction: 1 }],
    };
    const s = exactSides(ef21Sgd2mMethod, inst);
    expect(s.outcomes).toBe(2);
    expect(s.lhs).toBeCloseTo(1.8, 14);
    expect(s.rhs).toBeCloseTo(2.3, 14);
  });

  it('teeth: at 5·γ_max the inequality fails on a hand-made isotropic state, and at 1× it holds', () => {
    // d = 1, η = 0.5: the exact inequality first fails at 4.75·γ_max (measured).
    expect(holds(exactSides(ef21Sgd2mMethod, isotropic(0.5), { stepMultiplier: 5 }))).toBe(false);
    expect(holds(exactSides(ef21Sgd2mMethod, isotropic(0.5)))).toBe(true);
  });
});
