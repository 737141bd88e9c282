/**
 * The spec battery the two momentum Lyapunov theorems share (thm2 EF21-SGDM, thm3 EF21-SGD2M): the same three
 * properties and the same two teeth, over each method's own step and Λ (momentum-lyapunov.ts); check() at the
 * quick budget runs once, in the registry-wide report test. Each spec keeps what differs: its transcribed constants, its hand-checkable step and
 * its hand-made step-rule tooth. Not a *.spec.ts file: it registers tests only when a spec calls it.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { NodeEstimatorState } from './momentum-method.ts';
import { lTilde } from '../../../src/problems/types.ts';
import { key } from '../../../src/rng/key.ts';
import { DEFAULT_FLOOR, DEFAULT_RTOL, type Sides } from '../../../src/report/verdict.ts';
import { instanceProblem, randomMomentumInstance, type MomentumInstance } from './momentum-instance.ts';
import { momentumInstanceArbitrary } from './momentum-instance-arbitrary.ts';
import { exactSides, pathwiseSides, STEP_TEETH_MULTIPLIER, type MomentumMethod } from './momentum-lyapunov.ts';

export const holds = (s: Sides): boolean => s.lhs <= s.rhs + DEFAULT_RTOL * s.scale + DEFAULT_FLOOR;

/**
 * Unit scale: L̃ ≥ 1/16. All-zero curvature (a shrink target) gives γ_max = ∞, outside the theorem; near-zero curvature
 * gives huge steps from unit-scale states, where rounding, not the inequality, is tested.
 */
export const usable = (inst: MomentumInstance): boolean => lTilde(instanceProblem(inst)) >= 1 / 16;

/** The isotropic teeth instance: f = ½x², d = 1, x = 1, v = g = ∇f(x), top-1, σ = 0. */
export const isotropic = (eta: number): MomentumInstance => ({
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

/** How a theorem's test names spell its step rule and its equilibrium states. */
export interface MomentumBatteryText {
  /** e.g. 'min{α/(10L̃), η/(3L)}'. */
  readonly stepRule: string;
  /** e.g. 'v_i = g_i = ∇f_i(x)'. */
  readonly equilibrium: string;
}

/** Registers the shared tests inside the caller's describe block. */
export function momentumLyapunovBattery<S extends NodeEstimatorState>(
  method: MomentumMethod<S>,
  text: MomentumBatteryText,
): void {
  it(`holds in exact expectation over finite-support noise from arbitrary states, γ ≤ ${text.stepRule}`, () => {
    fc.assert(fc.property(momentumInstanceArbitrary(), (inst) => !usable(inst) || holds(exactSides(method, inst))));
  });

  it(`holds in exact expectation at equilibrium states ${text.equilibrium}, where the noise term is tightest`, () => {
    fc.assert(
      fc.property(
        momentumInstanceArbitrary({ equilibrium: true }),
        (inst) => !usable(inst) || holds(exactSides(method, inst)),
      ),
    );
  });

  it('holds pathwise with exact gradients (σ = 0): Λ_{t+1} ≤ Λ_t − (γ/2)‖∇f(x^t)‖²', () => {
    fc.assert(fc.property(momentumInstanceArbitrary(), (inst) => !usable(inst) || holds(pathwiseSides(method, inst))));
  });

  it('teeth: without the noise term γN the inequality fails at every stationary equilibrium state with noise', () => {
    let noisy = 0;
    for (let t = 0; t < 40; t++) {
      const inst = randomMomentumInstance(key(7_000 + t), { mode: 'stationary', sigmaMin: 1 });
      const s = exactSides(method, inst, { noiseTerms: false });
      if (inst.noise.some((z) => z.raw.length > 1 && z.fraction > 0)) {
        noisy++;
        expect(holds(s)).toBe(false);
      }
    }
    expect(noisy).toBeGreaterThan(20);
  });

  it(`teeth: at ${STEP_TEETH_MULTIPLIER}·γ_max the inequality fails on every isotropic equilibrium state`, () => {
    for (let t = 0; t < 40; t++) {
      expect(
        holds(
          exactSides(method, randomMomentumInstance(key(8_000 + t), { mode: 'isotropic', atBound: true }), {
            stepMultiplier: STEP_TEETH_MULTIPLIER,
          }),
        ),
      ).toBe(false);
    }
  });
}
