import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ef21Sgd2mStepSize } from '../../src/algorithms/step-sizes.ts';
import { diagonalQuadratic } from '../../src/problems/diagonal-quadratic.ts';
import { lTilde } from '../../src/problems/types.ts';
import { key } from '../../src/rng/key.ts';
import { DEFAULT_FLOOR, DEFAULT_RTOL, type Sides } from '../../src/report/verdict.ts';
import { instanceProblem, randomMomentumInstance, type MomentumInstance } from './momentum-instance.ts';
import { momentumInstanceArbitrary } from './momentum-instance-arbitrary.ts';
import { exactSides, pathwiseSides, STEP_TEETH_MULTIPLIER } from './momentum-lyapunov.ts';
import { check, ef21Sgd2mMethod, sgd2mCoefficients, sgd2mNoiseTerm } from './thm3-ef21-sgd2m-lyapunov.ts';

const holds = (s: Sides): boolean => s.lhs <= s.rhs + DEFAULT_RTOL * s.scale + DEFAULT_FLOOR;
/**
 * Unit scale: L̃ ≥ 1/16. All-zero curvature (a shrink target) gives γ_max = ∞, outside the theorem; near-zero curvature
 * gives huge steps from unit-scale states, where rounding, not the inequality, is tested.
 */
const usable = (inst: MomentumInstance): boolean => lTilde(instanceProblem(inst)) >= 1 / 16;

/** The isotropic teeth instance: f = ½x², d = 1, x = 1, v = g = ∇f(x), top-1, σ = 0. */
const isotropic = (eta: number): MomentumInstance => ({
  nodes: [{ A: [[1]], b: [0] }],
  x: [1],
  vi: [[1]],
  ui: [[1]],
  gi: [[1]],
  k: 1,
  eta,
  sigma: 0,
  noise: [{ raw: [[0]], weights: [1], fraction: 1 }],
  stepFraction: 1,
});

describe('EF21-SGD2M one-step Lyapunov inequality (derived form of Fatkhullin et al. 2023, Theorem 3)', () => {
  it('holds in exact expectation over finite-support noise from arbitrary states, γ ≤ min{α/(20L̃), η/(10L)}', () => {
    fc.assert(fc.property(momentumInstanceArbitrary(), (inst) => !usable(inst) || holds(exactSides(ef21Sgd2mMethod, inst))));
  });

  it('holds in exact expectation at equilibrium states v_i = u_i = g_i = ∇f_i(x), where the noise term is tightest', () => {
    fc.assert(fc.property(momentumInstanceArbitrary({ equilibrium: true }), (inst) => !usable(inst) || holds(exactSides(ef21Sgd2mMethod, inst))));
  });

  it('holds pathwise with exact gradients (σ = 0): Λ_{t+1} ≤ Λ_t − (γ/2)‖∇f(x^t)‖²', () => {
    fc.assert(fc.property(momentumInstanceArbitrary(), (inst) => !usable(inst) || holds(pathwiseSides(ef21Sgd2mMethod, inst))));
  });

  it('transcribes the derived constants of THEORY.md §5.4', () => {
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
    expect(ef21Sgd2mStepSize(diagonalQuadratic([[2, 1]]), 0.5, 0.2)).toBeCloseTo(0.01, 15);
  });

  it('computes the exact expectation of a hand-checkable step (n = d = 1, two-point noise)', () => {
    // f = ½x², x = 0, v = u = g = 0, η = 1, top-1 = identity, ξ = ±1: v⁺ = u⁺ = g⁺ = ξ, so G⁺ = Q⁺ = 0 and
    // P⁺ = M^u⁺ = M^v⁺ = 1. γ = min{1/20, 1/10} = 0.05: E Λ⁺ = 1.6 + 0.1 + 0.1 = 1.8; RHS = 0.05·(2 + 40 + 4) = 2.3.
    const inst: MomentumInstance = { ...isotropic(1), x: [0], vi: [[0]], ui: [[0]], gi: [[0]], sigma: 1, noise: [{ raw: [[1], [-1]], weights: [1, 1], fraction: 1 }] };
    const s = exactSides(ef21Sgd2mMethod, inst);
    expect(s.outcomes).toBe(2);
    expect(s.lhs).toBeCloseTo(1.8, 14);
    expect(s.rhs).toBeCloseTo(2.3, 14);
  });

  it('teeth: without the noise term γN the inequality fails at every stationary equilibrium state with noise', () => {
    let noisy = 0;
    for (let t = 0; t < 40; t++) {
      const inst = randomMomentumInstance(key(7_000 + t), { mode: 'stationary', sigmaMin: 1 });
      const s = exactSides(ef21Sgd2mMethod, inst, { noiseTerms: false });
      if (inst.noise.some((z) => z.raw.length > 1 && z.fraction > 0)) {
        noisy++;
        expect(holds(s)).toBe(false);
      }
    }
    expect(noisy).toBeGreaterThan(20);
  });

  it(`teeth: at ${STEP_TEETH_MULTIPLIER}·γ_max the inequality fails on every isotropic equilibrium state`, () => {
    for (let t = 0; t < 40; t++) {
      expect(holds(exactSides(ef21Sgd2mMethod, randomMomentumInstance(key(8_000 + t), { mode: 'isotropic', atBound: true }), { stepMultiplier: STEP_TEETH_MULTIPLIER }))).toBe(false);
    }
    // d = 1, η = 0.5: the exact inequality first fails at 4.75·γ_max (measured); at 1× it holds.
    expect(holds(exactSides(ef21Sgd2mMethod, isotropic(0.5), { stepMultiplier: 5 }))).toBe(false);
    expect(holds(exactSides(ef21Sgd2mMethod, isotropic(0.5)))).toBe(true);
  });

  it('check() at the quick budget holds its claims and its teeth find violations', async () => {
    const result = await check(11, 'quick');
    expect(result.verdicts.map((v) => [v.expectation, v.status])).toEqual([
      ['holds', 'pass'],
      ['holds', 'pass'],
      ['holds', 'pass'],
      ['may-fail', 'pass'],
      ['may-fail', 'pass'],
    ]);
    expect(result.verdicts[2].samples).toBeGreaterThanOrEqual(1_000);
  });
});
