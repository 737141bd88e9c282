import { describe, expect, test } from 'vitest';
import { key } from '../rng/key.ts';
import { meanSe, refutesLowerBound, refutesUpperBound } from '../stats/mean-se.ts';
import { diagonalQuadratic } from '../problems/diagonal-quadratic.ts';
import { theorem1Instance } from '../problems/theorem1-instance.ts';
import { exactOracle } from './exact.ts';
import { gaussianOracle } from './gaussian.ts';
import { threePointOracle } from './three-point.ts';
import { batchGradI, batchSigma } from './batch-average.ts';

describe('batchGradI', () => {
  const problem = diagonalQuadratic(
    [
      [1, 2, 3],
      [2, 2, 2],
    ],
    [
      [1, 0, 0],
      [0, 1, 0],
    ],
  );
  const x = Float64Array.of(0.5, -1, 2);

  test('with exact gradients it is the gradient (to rounding)', () => {
    const g = batchGradI(exactOracle(problem), 1, x, key(0), 7);
    const exact = problem.gradI(1, x);
    for (let j = 0; j < 3; j++) expect(Math.abs(g[j] - exact[j])).toBeLessThanOrEqual(1e-15 * 7 * Math.abs(exact[j]));
  });

  for (const B of [1, 4, 16]) {
    test(`E‖ĝ − ∇f_i‖² = σ²/B for Gaussian noise within 6 se (3000 draws, B = ${B})`, () => {
      const sigma = 0.8;
      const oracle = gaussianOracle(problem, sigma);
      const exact = problem.gradI(0, x);
      const N = 3000;
      const errors = new Float64Array(N);
      for (let s = 0; s < N; s++) {
        const g = batchGradI(oracle, 0, x, key(s), B);
        errors[s] = g.reduce((acc, v, j) => acc + (v - exact[j]) ** 2, 0);
      }
      const ms = meanSe(errors);
      expect(refutesUpperBound(ms, (sigma * sigma) / B)).toBe(false);
      expect(refutesLowerBound(ms, (sigma * sigma) / B)).toBe(false);
      expect(batchSigma(oracle, B)).toBeCloseTo(sigma / Math.sqrt(B), 15);
    });
  }

  test('draws are independent: with three-point noise B = 2 takes all 6 distinct averaged values', () => {
    const p = theorem1Instance({ n: 1 });
    const oracle = threePointOracle(p, 1);
    const seen = new Set<string>();
    for (let s = 0; s < 300; s++)
      seen.add(
        Array.from(batchGradI(oracle, 0, Float64Array.of(0, 0), key(s), 2))
          .map((v) => v.toFixed(12))
          .join(','),
      );
    // Unordered pairs of 3 points with repetition: 6 averages. Identical draws would give only 3.
    expect(seen.size).toBe(6);
  });

  test('rejects B < 1 and keeps σ = null', () => {
    expect(() => batchGradI(exactOracle(problem), 0, x, key(0), 0)).toThrow(RangeError);
    expect(batchSigma({ ...exactOracle(problem), sigma: null }, 4)).toBeNull();
  });
});
