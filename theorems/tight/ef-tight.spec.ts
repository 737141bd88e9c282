import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { test } from '@fast-check/vitest';
import { ratioOf } from '../../src/adversary/types.ts';
import { worstCase } from '../../src/adversary/worst-case.ts';
import { key } from '../../src/rng/key.ts';
import { grad, minimiser } from './_lib/strongly-convex-instance.ts';
import { efMethod } from './_lib/tight-methods.ts';
import { tightRate } from './_lib/tight-rate.ts';
import { tightSpace, type TightCandidate } from './_lib/tight-space.ts';

const oneDimensional = (curvatureAtL: boolean, x: number, e: number, sign: 1 | -1): TightCandidate => ({
  kind: 'quadratic',
  compressor: 'adversarial',
  k: 0,
  t: Float64Array.of(curvatureAtL ? Math.PI / 2 : -Math.PI / 2),
  c: Float64Array.of(0),
  x: Float64Array.of(x),
  e: [Float64Array.of(e)],
  w: [Float64Array.of(sign)],
  beta: Float64Array.of(Math.PI / 2),
});

describe('EF tight rate [Berg Thomsen, Taylor, Dieuleveut 2025]', () => {
  it('ρ is gradient descent’s ((L − μ)/(L + μ))² at δ = 1, and η* is the authors’ 2/(L + μ)·δ/(1 + s)²', () => {
    expect(tightRate(1, 0.5, 1).rho).toBeCloseTo(1 / 9, 15);
    expect(tightRate(4, 1, 1).rho).toBeCloseTo(9 / 25, 15);
    for (const delta of [0.1, 0.5, 0.9]) {
      const r = tightRate(1, 0.1, delta);
      expect(r.eta).toBeCloseTo((2 / 1.1) * (delta / (1 + Math.sqrt(1 - delta)) ** 2), 15);
      expect(r.rho).toBeLessThan(1);
      expect(r.rho).toBeGreaterThan(tightRate(1, 0.1, 1).rho);
    }
    expect(() => tightRate(1, 1, 0.5)).toThrow(RangeError);
    expect(() => tightRate(1, 0.5, 0)).toThrow(RangeError);
  });

  test.prop([
    fc.double({ min: -3, max: 3, noNaN: true }),
    fc.double({ min: -30, max: 30, noNaN: true }),
    fc.constantFrom(2, 10, 100),
  ])('the log-cosh minimiser has ∇f(x*) = 0 to rounding', (t, c, kappa) => {
    const f = { kind: 'log-cosh' as const, L: 1, mu: 1 / kappa, t: Float64Array.of(t), c: Float64Array.of(c) };
    expect(Math.abs(grad(f, minimiser(f))[0])).toBeLessThan(1e-12 * (1 + Math.abs(c)));
  });

  it('a one-dimensional quadratic with curvature μ or L and the expanding compressor attains ρ exactly', () => {
    // The worst state of a 1-D quadratic is the top generalised eigenvector of (V⁺, V); scanning the angle of
    // (x, e) over a fine grid and both compressor signs reaches ρ to 1e-9 at one of the two curvatures.
    const space = tightSpace({ method: efMethod, kappa: 10, delta: 0.5, workers: [1, 1] });
    let best = 0;
    for (const atL of [false, true]) {
      for (const sign of [1, -1] as const) {
        for (let a = 0; a < 20_000; a++) {
          const phi = (Math.PI * a) / 20_000;
          best = Math.max(best, ratioOf(space.sides(oneDimensional(atL, Math.cos(phi), Math.sin(phi), sign), 1)));
        }
      }
    }
    expect(Math.abs(best - 1)).toBeLessThan(1e-7);
  });

  it('the adversary reaches ρ where random sampling of as many candidates falls short; a ρ 1e-4 too small is refuted', () => {
    const space = tightSpace({
      method: efMethod,
      kappa: 100,
      delta: 0.9,
      workers: [1, 1],
      compressors: ['adversarial'],
    });
    const w = worstCase(space, 1, key(3), { restarts: 6, evaluations: 2000, shrink: false });
    expect(w.ratio).toBeLessThanOrEqual(1 + 1e-12);
    expect(w.ratio).toBeGreaterThan(1 - 1e-6);
    let sampled = 0;
    for (let r = 0; r < 12_000; r++)
      sampled = Math.max(sampled, ratioOf(space.sides(space.sample(key(10_000 + r)), 1)));
    expect(sampled).toBeLessThan(1 - 1e-5);
    // V⁺/V = ρ·ratio: against (1 − 1e-4)ρ the same worst case is a violation.
    expect(w.ratio / (1 - 1e-4)).toBeGreaterThan(1 + 1e-5);
  });

  it('shrinks a violation above η* to one dimension', () => {
    const space = tightSpace({
      method: efMethod,
      kappa: 4,
      delta: 0.25,
      workers: [1, 1],
      compressors: ['adversarial'],
    });
    const w = worstCase(space, 1.5, key(5), { restarts: 4, evaluations: 1500 });
    expect(w.violated).toBe(true);
    expect(space.size(w.candidate)).toEqual({ n: 1, d: 1 });
  });

  it('refuses δ = 1 (no compression: V_EF would weigh ‖e‖² by 1/0)', () => {
    expect(() => tightSpace({ method: efMethod, kappa: 4, delta: 1, workers: [1, 1] })).toThrow(/δ < 1/);
  });
});
