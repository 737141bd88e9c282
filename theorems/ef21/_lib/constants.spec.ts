/**
 * The one place where the theorem files' constants meet src's: the papers' formulas (constants.ts) against
 * src/algorithms/step-sizes.ts and src/algorithms/ef21-w.ts on random instances. A wrong constant in src fails
 * here; the theorem files never import src's rules, so they cannot inherit one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ef21Weights } from '../../../src/algorithms/ef21-w.ts';
import {
  ef21AmStepSize,
  ef21PlStepSize,
  ef21PpStepSize,
  ef21StepSize,
  thetaBeta,
  xi as srcXi,
} from '../../../src/algorithms/step-sizes.ts';
import {
  amLyapunovWeights,
  beta,
  ef21AmGamma,
  ef21Gamma,
  ef21PlGamma,
  ef21PpGamma,
  ef21wWeights,
  lArithmeticMean,
  lQuadraticMean,
  theta,
  uniformNodeWeights,
  xi,
} from './constants.ts';

/** |a − b| ≤ rtol·(|a| + |b|): the two transcriptions round differently (src avoids the cancellation in 1 − s). */
const close = (a: number, b: number, rtol = 1e-12): boolean => Math.abs(a - b) <= rtol * (Math.abs(a) + Math.abs(b));

/** L_i log-uniform over four decades, n ≤ 8; L anywhere in [min L_i/4, max L_i] (f's curvature can cancel). */
const instanceArb = fc
  .record({
    logs: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 1, maxLength: 8 }),
    l: fc.double({ min: 0, max: 1, noNaN: true }),
    mu: fc.double({ min: 1e-3, max: 1, noNaN: true }),
  })
  .map(({ logs, l, mu }) => {
    const Li = logs.map((e) => 10 ** e);
    const hi = Math.max(...Li);
    const lo = Math.min(...Li) / 4;
    const L = lo + l * (hi - lo);
    return { L, Li, mu: mu * L };
  });
const alphaArb = fc.double({ min: 1e-3, max: 1, noNaN: true });
const pArb = fc.double({ min: 0.01, max: 1, noNaN: true });

describe('EF21-family constants: the papers against src/algorithms', () => {
  it('pins θ, β, ξ at α = 1/2, 1/16 and 1 (hand-computed)', () => {
    expect(theta(0.5)).toBeCloseTo(1 - Math.SQRT1_2, 15);
    expect(beta(0.5)).toBeCloseTo(0.5 / (1 - Math.SQRT1_2), 14);
    expect(xi(0.5)).toBeCloseTo(1 + Math.SQRT2, 13);
    expect(xi(1 / 16)).toBeCloseTo(30.49193, 5);
    expect([theta(1), beta(1), xi(1)]).toEqual([1, 0, 0]);
  });

  it('θ, β, ξ agree with step-sizes.ts for α ∈ [0.001, 1)', () => {
    // Up to α → 1, where ξ → 0 and a cancellation in (s + 1) − α once cost step-sizes.ts 2e-11 of ξ.
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: 1e-3, max: 1, maxExcluded: true, noNaN: true }),
          fc.double({ min: 1 - 1e-9, max: 1, maxExcluded: true, noNaN: true }),
        ),
        (alpha) => {
          const src = thetaBeta(alpha);
          expect(close(theta(alpha), src.theta, 1e-11)).toBe(true);
          expect(close(beta(alpha), src.beta, 1e-11)).toBe(true);
          expect(close(xi(alpha), srcXi(alpha), 1e-11)).toBe(true);
        },
      ),
    );
  });

  it('the EF21 (Thm 1), EF21-AM / EF21-W (2024 Thm 2, 3), PL (Thm 2) and PP rules agree with step-sizes.ts', () => {
    fc.assert(
      fc.property(instanceArb, alphaArb, pArb, (c, alpha, p) => {
        expect(close(ef21Gamma(c, alpha), ef21StepSize(c, alpha), 1e-11)).toBe(true);
        expect(close(ef21AmGamma(c, alpha), ef21AmStepSize(c, alpha), 1e-11)).toBe(true);
        expect(close(ef21PlGamma(c, alpha), ef21PlStepSize(c, alpha, c.mu), 1e-11)).toBe(true);
        expect(close(ef21PpGamma(c, alpha, p), ef21PpStepSize(c, alpha, p), 1e-11)).toBe(true);
      }),
    );
  });

  it('EF21-W’s weights agree with src/algorithms/ef21-w.ts, and differ from uniform on heterogeneous L_i', () => {
    fc.assert(
      fc.property(instanceArb, ({ Li }) => {
        const mine = ef21wWeights(Li);
        const src = ef21Weights(Li);
        mine.forEach((w, i) => {
          expect(close(w, src[i], 1e-14)).toBe(true);
        });
        expect(
          close(
            mine.reduce((a, w) => a + w, 0),
            1,
            1e-14,
          ),
        ).toBe(true);
        if (Math.max(...Li) > 1.01 * Math.min(...Li))
          expect(mine.some((w, i) => !close(w, uniformNodeWeights(Li)[i], 1e-3))).toBe(true);
      }),
    );
  });

  it('the AM Lyapunov weights satisfy the proof’s identity Σ_i c_i L_i² = L_AM², and L_AM ≤ L̃', () => {
    fc.assert(
      fc.property(instanceArb, ({ Li }) => {
        const c = amLyapunovWeights(Li);
        const lAm = lArithmeticMean(Li);
        expect(
          close(
            c.reduce((s, ci, i) => s + ci * Li[i] ** 2, 0),
            lAm ** 2,
            1e-13,
          ),
        ).toBe(true);
        expect(lAm).toBeLessThanOrEqual(lQuadraticMean(Li) * (1 + 1e-15));
      }),
    );
  });
});
