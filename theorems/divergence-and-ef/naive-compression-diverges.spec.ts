import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FLOOR, DEFAULT_RTOL, type Sides } from '../../src/report/verdict.ts';
import {
  convergenceSides,
  EF21_ROUNDS,
  ef21TheoryStep,
  growthFactor,
  growthTrials,
} from './naive-compression-diverges.ts';
import { dcgdIterates, ef21Iterates } from './_lib/beznosikov-runs.ts';

const identityHolds = (s: Sides): boolean => Math.abs(s.lhs - s.rhs) <= DEFAULT_RTOL * s.scale + DEFAULT_FLOOR;
const leq = (s: Sides): boolean => s.lhs <= s.rhs + DEFAULT_RTOL * s.scale + DEFAULT_FLOOR;

/** t at unit scale, either sign, never 0 (the claim is about x⁰ = t(1,1,1), t ≠ 0). */
const tArb = fc.tuple(fc.double({ min: 1 / 16, max: 2, noNaN: true }), fc.boolean()).map(([m, neg]) => (neg ? -m : m));
const gammaArb = fc.double({ min: 1e-4, max: 1, noNaN: true });
const roundsArb = fc.integer({ min: 1, max: 40 });

describe('naive compressed GD diverges on the Beznosikov instance (derived form of Beznosikov et al. 2020)', () => {
  it('DCGD with Top1 from t(1,1,1) satisfies x^k = (1 + 11γ/6)^k x⁰ at every round, for any γ ∈ (0, 1] and t ≠ 0', () => {
    fc.assert(
      fc.property(tArb, gammaArb, roundsArb, (t, gamma, K) => {
        const path = dcgdIterates(gamma, Float64Array.of(t, t, t), K);
        expect(path.length).toBe(K + 1);
        return growthTrials(path, gamma, {}).every(identityHolds);
      }),
    );
  });

  it('reproduces the exact five-step values of docs/theory.md §2.3 and EF21’s step size 1/(L + L̃ξ(1/3))', () => {
    const table: [number, number][] = [
      [0.01, 1.0950899650726722],
      [0.1, 2.320253795],
      [0.5, 25.86621898],
    ];
    for (const [gamma, x5] of table) {
      const measured = dcgdIterates(gamma, Float64Array.of(1, 1, 1), 5)[5];
      for (const v of measured) expect(Math.abs(v - x5)).toBeLessThanOrEqual(1e-9 * x5);
      expect(Math.abs(growthFactor(gamma) ** 5 - x5)).toBeLessThanOrEqual(1e-9 * x5);
    }
    expect(growthFactor(6 / 11)).toBe(2); // 11·(6/11)/6 = 1 exactly: the factor is 1 + 11γ/6, not e.g. 1 + 11γ/3
    // L = 103/6, L̃ = 34.5, ξ(1/3) = 3(√(2/3) + 2/3) by hand: γ = 0.005859121…
    const hand = 1 / (103 / 6 + 34.5 * 3 * (Math.sqrt(2 / 3) + 2 / 3));
    expect(Math.abs(ef21TheoryStep() - hand)).toBeLessThanOrEqual(1e-12 * hand);
    expect(ef21TheoryStep()).toBeCloseTo(0.005859, 6);
  });

  it('EF21 with Top1 at its theory step brings ‖∇f‖² below 10⁻⁸ of its start within 3000 rounds', () => {
    const sides = convergenceSides(ef21Iterates(ef21TheoryStep(), Float64Array.of(1, 1, 1), EF21_ROUNDS));
    expect(leq(sides)).toBe(true);
    // ‖∇f(x⁰)‖² = 3·(7/6)² at (1, 1, 1); the threshold is 10⁻⁸ of it.
    expect(sides.rhs).toBeCloseTo(1e-8 * 3 * (7 / 6) ** 2, 20);
  });

  it('teeth: a start off the diagonal breaks the identity (fast-check finds one at once)', () => {
    const found = fc.check(
      fc.property(tArb, gammaArb, fc.double({ min: 1e-3, max: 0.5, noNaN: true }), (t, gamma, delta) => {
        const path = dcgdIterates(gamma, Float64Array.of(t * (1 + delta), t, t), 5);
        return growthTrials(path, gamma, {}).every(identityHolds);
      }),
      { numRuns: 50, endOnFailure: true }, // a teeth search must not depend on FC_RUNS; no shrinking needed
    );
    expect(found.failed).toBe(true);
  });

  it('teeth: EF21’s iterates do not follow (1 + 11γ/6)^k, and DCGD fails the convergence criterion at EF21’s step', () => {
    const gamma = ef21TheoryStep();
    expect(growthTrials(ef21Iterates(gamma, Float64Array.of(1, 1, 1), 3), gamma, {}).every(identityHolds)).toBe(false);
    expect(leq(convergenceSides(dcgdIterates(gamma, Float64Array.of(1, 1, 1), EF21_ROUNDS)))).toBe(false);
  });
});
