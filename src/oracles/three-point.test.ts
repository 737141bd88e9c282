import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { key } from '../rng/key.ts';
import { theorem1Instance } from '../problems/theorem1-instance.ts';
import { diagonalQuadratic } from '../problems/diagonal-quadratic.ts';
import { topK } from '../compressors/top-k.ts';
import { threePointOracle, threePointSupport } from './three-point.ts';

describe('threePointSupport', () => {
  test('ξ has mean 0 and E‖ξ‖² = σ², exactly by enumeration', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (sigma) => {
        const s = threePointSupport(sigma);
        const total = s.reduce((a, q) => a + q.p, 0);
        const m0 = s.reduce((a, q) => a + q.p * q.value[0], 0);
        const m1 = s.reduce((a, q) => a + q.p * q.value[1], 0);
        const second = s.reduce((a, q) => a + q.p * (q.value[0] ** 2 + q.value[1] ** 2), 0);
        const scale = s.reduce((a, q) => a + q.p * (Math.abs(q.value[0]) + Math.abs(q.value[1])), 0);
        expect(total).toBeCloseTo(1, 15);
        expect(Math.abs(m0)).toBeLessThanOrEqual(1e-15 * scale);
        expect(Math.abs(m1)).toBeLessThanOrEqual(1e-15 * scale);
        expect(Math.abs(second - sigma * sigma)).toBeLessThanOrEqual(1e-14 * sigma * sigma);
      }),
    );
  });

  test('Top1 of ξ has mean (0, 2c/3), so ‖E Top1(ξ)‖² = (2/21)σ² (docs/theory.md §5.2)', () => {
    const sigma = 1.7;
    const top1 = topK(2, 1);
    const mean = [0, 0];
    for (const q of threePointSupport(sigma)) {
      const c = top1.compress(q.value, key(0));
      mean[0] += q.p * c[0];
      mean[1] += q.p * c[1];
    }
    expect(mean[0]).toBe(0);
    expect((mean[0] ** 2 + mean[1] ** 2) / (sigma * sigma)).toBeCloseTo(2 / 21, 14);
  });
});

describe('threePointOracle', () => {
  const p = theorem1Instance({ n: 3 });
  const support = threePointSupport(1);

  test('every draw is the gradient plus one support point, and all three points occur', () => {
    const oracle = threePointOracle(p, 1);
    const x = Float64Array.of(0.5, -1);
    const seen = new Set<number>();
    for (let s = 0; s < 200; s++) {
      const g = oracle.gradI(s % 3, x, key(s));
      const idx = support.findIndex((q) => g[0] === 0.5 + q.value[0] && g[1] === -1 + q.value[1]);
      expect(idx).toBeGreaterThanOrEqual(0);
      seen.add(idx);
    }
    expect(seen.size).toBe(3);
  });

  test('the empirical mean of the noise is within 6 standard errors of 0 (4000 draws)', () => {
    const oracle = threePointOracle(p, 1);
    const x = Float64Array.of(0, 0);
    const N = 4000;
    let s0 = 0;
    let s1 = 0;
    for (let s = 0; s < N; s++) {
      const g = oracle.gradI(0, x, key(s));
      s0 += g[0];
      s1 += g[1];
    }
    // Per-coordinate variances from the support: Var ξ_0 = 8c²/3, Var ξ_1 = 2c² with c² = 3/14.
    const c2 = 3 / 14;
    expect(Math.abs(s0 / N)).toBeLessThanOrEqual(6 * Math.sqrt((8 * c2) / 3 / N));
    expect(Math.abs(s1 / N)).toBeLessThanOrEqual(6 * Math.sqrt((2 * c2) / N));
  });

  test('nodes draw independently by default and identically when shared', () => {
    const x = Float64Array.of(0, 0);
    const indep = threePointOracle(p, 1);
    const shared = threePointOracle(p, 1, { shared: true });
    let differ = 0;
    for (let s = 0; s < 50; s++) {
      const a = shared.gradI(0, x, key(s));
      const b = shared.gradI(2, x, key(s));
      expect(Array.from(a)).toEqual(Array.from(b));
      if (indep.gradI(0, x, key(s))[0] !== indep.gradI(2, x, key(s))[0]) differ++;
    }
    // Independent uniform draws on 3 points agree w.p. 1/3 per round; 50 agreements in a row is 3^-50.
    expect(differ).toBeGreaterThan(0);
    expect(indep.shared).toBe(false);
    expect(shared.shared).toBe(true);
    expect(indep.sigma).toBe(1);
  });

  test('the same key gives the same draw, and σ = 0 is the exact gradient', () => {
    const o = threePointOracle(p, 2);
    expect(Array.from(o.gradI(1, Float64Array.of(1, 2), key(9)))).toEqual(
      Array.from(o.gradI(1, Float64Array.of(1, 2), key(9))),
    );
    expect(Array.from(threePointOracle(p, 0).gradI(1, Float64Array.of(1, 2), key(9)))).toEqual([1, 2]);
  });

  test('rejects d ≠ 2 and σ < 0', () => {
    expect(() => threePointOracle(diagonalQuadratic([[1, 1, 1]]), 1)).toThrow(/d = 2/);
    expect(() => threePointOracle(p, -1)).toThrow(RangeError);
  });
});
