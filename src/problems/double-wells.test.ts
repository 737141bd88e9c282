import { describe, expect, test } from 'vitest';
import { symmetricEigenvalues } from '../linalg/eigen.ts';
import { lanczosMinEigenvalue } from '../linalg/lanczos.ts';
import { foldIn, key } from '../rng/key.ts';
import { normal } from '../rng/sample.ts';
import { centralDifferenceRatio } from './gradient-check.ts';
import { doubleWells } from './double-wells.ts';

const norm = (v: ArrayLike<number>): number => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));

/** The dense Hessian from d products (small d only), row-major. */
function denseHessian(p: ReturnType<typeof doubleWells>, x: Float64Array): Float64Array {
  const d = p.dim;
  const H = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    const e = new Float64Array(d);
    e[j] = 1;
    const col = p.hessianVector(x, e);
    for (let r = 0; r < d; r++) H[r * d + j] = col[r];
  }
  return H;
}

describe('doubleWells', () => {
  test('defaults: three wells λ = (1, ½, ¼) and one bowl; L = 11, ρ = 12, f* = −7/16, 8 minimisers', () => {
    const p = doubleWells({ d: 20, key: key(1) });
    expect([p.L, p.rho, p.fInf, p.minimisers.length, p.frame.length]).toEqual([11, 12, -(1 + 0.5 + 0.25) / 4, 8, 4]);
  });

  test('the saddle has exactly k = 3 negative curvatures (−1, −½, −¼) and the bowl’s +1; the rest is flat', () => {
    const p = doubleWells({ d: 9, key: key(2) });
    const values = Array.from(symmetricEigenvalues({ order: 9, data: denseHessian(p, new Float64Array(9)) }));
    const expected = [-1, -0.5, -0.25, 0, 0, 0, 0, 0, 1];
    for (const [i, v] of values.entries()) expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(1e-12);
    expect(p.lambdaMin(p.saddle)).toBe(-1);
    expect(norm(p.gradI(0, p.saddle))).toBe(0);
  });

  test('every minimiser: ∇f = 0, f = f*, Hessian eigenvalues 2λ_i, c and 0 (positive semidefinite)', () => {
    const p = doubleWells({ d: 9, key: key(3) });
    for (const x of p.minimisers) {
      const xs = Float64Array.from(x);
      expect(norm(p.gradI(0, xs))).toBeLessThanOrEqual(1e-14);
      expect(Math.abs(p.fI(0, xs) - p.fInf)).toBeLessThanOrEqual(1e-15);
      const values = Array.from(symmetricEigenvalues({ order: 9, data: denseHessian(p, xs) }));
      const expected = [0, 0, 0, 0, 0, 0.5, 1, 1, 2];
      for (const [i, v] of values.entries()) expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(1e-12);
    }
  });

  test('∇f matches central differences; Lanczos at d = 10⁴ matches the closed-form λ_min off the saddle', () => {
    const small = doubleWells({ d: 8, key: key(4), wells: [2, 1], bowls: [3, 0.5] });
    const x = Float64Array.from(normal(key(5), 8), (z) => 0.4 * z);
    expect(centralDifferenceRatio(small, 0, x, small.L)).toBeLessThanOrEqual(1);
    const d = 10_000;
    const p = doubleWells({ d, key: key(6) });
    const z = Float64Array.from(normal(foldIn(key(6), 1), d), (v) => v / Math.sqrt(d));
    const r = lanczosMinEigenvalue({ dim: d, apply: (v) => p.hessianVector(z, v) }, { iterations: 12, key: key(7) });
    expect(Math.abs(r.lambdaMin - p.lambdaMin(z))).toBeLessThanOrEqual(1e-10);
  });

  test('rejects no wells and non-positive constants', () => {
    expect(() => doubleWells({ d: 5, key: key(1), wells: [] })).toThrow(RangeError);
    expect(() => doubleWells({ d: 5, key: key(1), wells: [1, -1] })).toThrow(RangeError);
    expect(() => doubleWells({ d: 5, key: key(1), bowls: [0] })).toThrow(RangeError);
  });
});
