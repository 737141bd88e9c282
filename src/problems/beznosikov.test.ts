import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { gradient, lArith, lTilde } from './types.ts';
import { beznosikovInstance } from './beznosikov.ts';
import { centralDifferenceRatio, lipschitzRatio } from './gradient-check.ts';

const vec3 = fc
  .tuple(
    fc.double({ min: -10, max: 10, noNaN: true }),
    fc.double({ min: -10, max: 10, noNaN: true }),
    fc.double({ min: -10, max: 10, noNaN: true }),
  )
  .map((t) => Float64Array.from(t));

describe('beznosikovInstance', () => {
  const p = beznosikovInstance();

  test('its constants are the exact values of docs/theory.md §2.3', () => {
    expect(p.n).toBe(3);
    expect(p.dim).toBe(3);
    expect(p.L).toBe(103 / 6);
    expect(p.Li).toEqual([34.5, 34.5, 34.5]);
    expect(lTilde(p)).toBe(34.5);
    expect(lArith(p)).toBe(34.5);
    expect(p.mu).toBe(7 / 6);
    expect(p.fInf).toBe(0);
    expect(p.fInfExact).toBe(true);
  });

  test('at t(1,1,1) node i gradient is t(4.5,4.5,4.5) with −5.5 in coordinate i', () => {
    for (let i = 0; i < 3; i++) {
      const g = p.gradI(i, Float64Array.of(2, 2, 2));
      expect(Array.from(g)).toEqual([0, 1, 2].map((j) => (j === i ? -11 : 9)));
    }
  });

  test('gradients match central differences of f_i', () => {
    fc.assert(
      fc.property(vec3, fc.integer({ min: 0, max: 2 }), (x, i) => centralDifferenceRatio(p, i, x, p.Li[i]) <= 1),
    );
  });

  test('no pair of points has a gradient difference above L_i, and the top eigenvector attains it', () => {
    fc.assert(
      fc.property(
        vec3,
        vec3,
        fc.integer({ min: 0, max: 2 }),
        (x, y, i) => lipschitzRatio(p, i, x, y) <= p.Li[i] * (1 + 1e-12),
      ),
    );
    // ∇²f_1 = 2a_1a_1ᵀ + ½I has top eigenvector a_1.
    const ratio = lipschitzRatio(p, 0, Float64Array.of(-3, 2, 2), Float64Array.of(0, 0, 0));
    expect(ratio).toBeCloseTo(34.5, 12);
  });

  test('L of the average is attained along (1,−1,0) and μ along (1,1,1)', () => {
    const hv = (v: Float64Array): number => {
      const g = gradient(p, v);
      return Math.sqrt(g.reduce((s, u) => s + u * u, 0) / v.reduce((s, u) => s + u * u, 0));
    };
    expect(hv(Float64Array.of(1, -1, 0))).toBeCloseTo(103 / 6, 12);
    expect(hv(Float64Array.of(1, 1, 1))).toBeCloseTo(7 / 6, 12);
  });

  // Below ~1e-154 the squares underflow to 0, so the positivity check starts at 1e-100.
  test('f is 0 at the minimiser and positive elsewhere', () => {
    expect([0, 1, 2].map((i) => p.fI(i, new Float64Array(3)))).toEqual([0, 0, 0]);
    fc.assert(
      fc.property(
        vec3.filter((x) => x.some((u) => Math.abs(u) > 1e-100)),
        (x) => p.fI(0, x) + p.fI(1, x) + p.fI(2, x) > 0,
      ),
    );
  });

  test('a bad node index or length is a RangeError', () => {
    expect(() => p.gradI(3, new Float64Array(3))).toThrow(RangeError);
    expect(() => p.fI(0, new Float64Array(2))).toThrow(/length 3/);
  });
});
