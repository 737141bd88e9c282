import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zLevelInterval } from '../../src/stats/log-log-fit.ts';
import { check, regimeTerms } from './sgdm-error-vs-n.ts';
import { fitRuns, runPoints } from './_lib/stationary-error.ts';

describe('EF21-SGDM’s stationary error shrinks like 1/n, EF21-SGD’s does not (Fatkhullin et al. 2023, Thm 2)', () => {
  it('regimeTerms transcribes the derived bound’s noise terms 2ησ²/n and 4η²σ²/α + 16η³σ²/α² (docs/theory.md §5.3)', () => {
    const r = regimeTerms(0.01, 1, 0.5, 16);
    expect(r.variance).toBeCloseTo(0.00125, 15);
    expect(r.momentum).toBeCloseTo(0.0008 + 0.000064, 15);
    expect(r.ratio).toBeCloseTo(0.6912, 12);
    expect(() => regimeTerms(0, 1, 0.5, 1)).toThrow(RangeError);
    expect(() => regimeTerms(0.1, 1, 0.5, 1.5)).toThrow(RangeError);
  });

  it('the regime ratio is n·(2η/α + 8η²/α²), independent of σ, so only small η·n/α makes the 1/n term dominate', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-4, max: 1, noNaN: true }),
        fc.double({ min: 1e-2, max: 1, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.integer({ min: 1, max: 1000 }),
        (eta, alpha, sigma, n) => {
          const expected = n * ((2 * eta) / alpha + (8 * eta * eta) / (alpha * alpha));
          const got = regimeTerms(eta, sigma, alpha, n).ratio;
          expect(Math.abs(got - expected)).toBeLessThanOrEqual(1e-12 * expected);
        },
      ),
    );
  });

  it('fitRuns recovers a known slope exactly when each seed scales every point by its own factor (balanced design)', () => {
    const ns = [1, 2, 4, 8, 16];
    fc.assert(
      fc.property(
        fc.double({ min: -2, max: 0.5, noNaN: true }),
        fc.array(fc.double({ min: 0.2, max: 5, noNaN: true }), { minLength: 2, maxLength: 6 }),
        fc.array(fc.double({ min: 0.5, max: 2, noNaN: true }), { minLength: 5, maxLength: 5 }),
        (p, seedFactors, wobble) => {
          // Seed r at n: 0.1·n^p·m_r — the per-seed factors are orthogonal to ln n, so the slope is p exactly…
          const runs = ns.map((n) => seedFactors.map((m) => 0.1 * n ** p * m));
          const fit = fitRuns(ns, runs);
          expect(Math.abs(fit.slope - p)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(p)) * 10);
          expect(fit.slopeLo).toBeLessThanOrEqual(p + 1e-12);
          expect(fit.slopeHi).toBeGreaterThanOrEqual(p - 1e-12);
          // …and a per-n wobble moves the slope by its own least-squares slope, nothing else.
          const moved = fitRuns(
            ns,
            runs.map((rs, i) => rs.map((v) => v * wobble[i])),
          );
          const expected =
            p +
            fitRuns(
              ns,
              wobble.map((w) => [w, w]),
            ).slope;
          expect(Math.abs(moved.slope - expected)).toBeLessThanOrEqual(1e-10 * (1 + Math.abs(expected)));
          expect(runPoints(ns, runs).length).toBe(ns.length * seedFactors.length);
        },
      ),
    );
  });

  it('teeth: the fit rejects the exponent −1 at the z = 6 level for a curve with an n-independent floor (EF21-SGD’s shape, 0.13/n + 0.013)', () => {
    const ns = [1, 2, 4, 8, 16];
    // 16 seeds per n, as at the quick budget, spread ±10% around the curve.
    const seeds = Array.from({ length: 16 }, (_, r) => 0.9 + (0.2 * r) / 15);
    const runs = ns.map((n) => seeds.map((m) => (0.13 / n + 0.013) * m * (1 + 0.02 * Math.sin(7 * n))));
    const fit = fitRuns(ns, runs);
    const wide = zLevelInterval(fit);
    expect(fit.slopeHi).toBeLessThan(-0.5);
    // At the verdict's z = 6 level too (78 dof here: t ≈ 6.8).
    expect(wide.hi < -1 || wide.lo > -1).toBe(true);
  });

  it('check() at the quick budget: EF21-SGD flattens (its fitted slope well above −1), not merely a wide interval around it', async () => {
    const result = await check(3, 'quick');
    const [sgdm, sgd] = result.verdicts;
    expect(sgdm.rule).toBe('rate');
    expect(sgdm.rhs).toBe(-1);
    // EF21-SGD flattens: its fitted slope is well above −1, not merely a wide interval around it.
    expect(sgd.lhs).toBeGreaterThan(-0.75);
    expect(result.figures?.map((f) => f.kind)).toEqual(['fit', 'line']);
  });
});
