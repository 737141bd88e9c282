import { describe, expect, it } from 'vitest';
import { diagonalQuadratic } from '../../src/problems/diagonal-quadratic.ts';
import type { MomentumInstance } from './_lib/momentum-instance.ts';
import { exactSides } from './_lib/momentum-lyapunov.ts';
import { holds, isotropic, momentumLyapunovBattery } from './_lib/momentum-lyapunov.spec-helpers.ts';
import { ef21SgdmMethod, sgdmCoefficients, sgdmNoiseTerm, sgdmStepRule } from './thm2-ef21-sgdm-lyapunov.ts';

describe('EF21-SGDM one-step Lyapunov inequality (derived form of Fatkhullin et al. 2023, Theorem 2)', () => {
  momentumLyapunovBattery(ef21SgdmMethod, { stepRule: 'min{α/(10L̃), η/(3L)}', equilibrium: 'v_i = g_i = ∇f_i(x)' });

  it('transcribes the derived constants (Fatkhullin, Tyurin, Richtárik 2023, Thm 2, derived form)', () => {
    // α = 1/2, γ = 0.1, η = 0.2: 2γ/α = 0.4, 8γη/α² = 0.64, γ/η = 0.5.
    const c = sgdmCoefficients(0.5, 0.1, 0.2);
    expect(c.G).toBeCloseTo(0.4, 15);
    expect(c.P).toBeCloseTo(0.64, 15);
    expect(c.M).toBeCloseTo(0.5, 15);
    // σ = 1, n = 4: 2·0.04/0.5 + 8·0.008/0.25 + 0.2/4 = 0.16 + 0.256 + 0.05.
    expect(sgdmNoiseTerm(0.5, 0.2, 1, 4)).toBeCloseTo(0.466, 14);
    // L = L̃ = 2: min{0.5/20, 0.2/6} = 0.025.
    expect(sgdmStepRule(diagonalQuadratic([[2, 1]]), 0.5, 0.2)).toBeCloseTo(0.025, 15);
  });

  it('computes the exact expectation of a hand-checkable step (n = d = 1, two-point noise)', () => {
    // f = ½x², x = 0, v = g = 0, η = 1, top-1 = identity, ξ = ±1: x⁺ = 0, v⁺ = g⁺ = ξ, so G⁺ = 0, P⁺ = M⁺ = E ξ² = 1.
    // γ = min{1/10, 1/3} = 0.1: E Λ⁺ = 0 + 0.8·1·1 + 0.1·1 = 0.9; RHS = 0 − 0 + 0.1·(2 + 8 + 1) = 1.1.
    const inst: MomentumInstance = {
      ...isotropic(1),
      x: [0],
      vi: [[0]],
      ui: [[0]],
      gi: [[0]],
      sigma: 1,
      noise: [{ raw: [[1], [-1]], weights: [1, 1], fraction: 1 }],
    };
    const s = exactSides(ef21SgdmMethod, inst);
    expect(s.outcomes).toBe(2);
    expect(s.lhs).toBeCloseTo(0.9, 14);
    expect(s.rhs).toBeCloseTo(1.1, 14);
  });

  it('teeth: at 4·γ_max the inequality fails on a hand-made isotropic state, and at 1× it holds', () => {
    // d = 1, η = 0.3: the exact inequality first fails at 3.5·γ_max (measured).
    expect(holds(exactSides(ef21SgdmMethod, isotropic(0.3), { stepMultiplier: 4 }))).toBe(false);
    expect(holds(exactSides(ef21SgdmMethod, isotropic(0.3)))).toBe(true);
  });
});
