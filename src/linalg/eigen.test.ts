import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { key } from '../rng/key.ts';
import { normal, uniform } from '../rng/sample.ts';
import {
  largestEigenvalueGramBounds,
  spectralNormSymmetric,
  symmetricEigen,
  symmetricEigenvalues,
  type LinearOperator,
} from './eigen.ts';

/** A random symmetric n×n matrix with entries of size up to `scale`, from a seed. */
function randomSymmetric(seed: number, n: number, scale: number): number[][] {
  const z = normal(key(seed), n * n);
  const A: number[][] = [];
  for (let r = 0; r < n; r++) {
    A.push([]);
    for (let c = 0; c < n; c++) A[r].push((scale * (z[r * n + c] + z[c * n + r])) / 2);
  }
  return A;
}

function denseOperator(M: readonly (readonly number[])[]): LinearOperator {
  const rows = M.length;
  const cols = M[0].length;
  return {
    rows,
    cols,
    times: (v) => Float64Array.from(M, (row) => row.reduce((s, a, j) => s + a * v[j], 0)),
    timesTranspose: (u) => {
      const out = new Float64Array(cols);
      for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) out[j] += M[r][j] * u[r];
      return out;
    },
  };
}

const seedArb = fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 }));

describe('symmetricEigen', () => {
  test('every pair satisfies A v = λ v and the values sum to the trace, to rounding of ‖A‖', () => {
    fc.assert(
      fc.property(
        seedArb,
        fc.integer({ min: 1, max: 8 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (seed, n, scale) => {
          const A = randomSymmetric(seed, n, scale);
          const { values, vectors } = symmetricEigen(A);
          let frob = 0;
          for (const row of A) for (const a of row) frob += a * a;
          frob = Math.sqrt(frob);
          let trace = 0;
          for (let r = 0; r < n; r++) trace += A[r][r];
          expect(Math.abs(values.reduce((s, v) => s + v, 0) - trace)).toBeLessThanOrEqual(1e-13 * n * frob);
          for (let k = 0; k < n; k++) {
            if (k > 0) expect(values[k]).toBeGreaterThanOrEqual(values[k - 1]);
            const v = vectors[k];
            let res = 0;
            let nv = 0;
            for (let r = 0; r < n; r++) {
              let av = 0;
              for (let c = 0; c < n; c++) av += A[r][c] * v[c];
              res += (av - values[k] * v[r]) ** 2;
              nv += v[r] * v[r];
            }
            expect(Math.sqrt(res)).toBeLessThanOrEqual(1e-13 * n * frob);
            expect(Math.abs(nv - 1)).toBeLessThanOrEqual(1e-13 * n);
          }
        },
      ),
    );
  });

  test('known spectra: a rotation-similar diagonal and an indefinite 3×3', () => {
    // A = Q diag(−2, 1, 5) Qᵀ with Q a Householder reflection.
    const u = [1, 2, 2].map((t) => t / 3);
    const Q = u.map((a, r) => u.map((b, c) => (r === c ? 1 : 0) - 2 * a * b));
    const D = [-2, 1, 5];
    const A = Q.map((_, r) => Q.map((__, c) => D.reduce((s, dk, k) => s + Q[r][k] * dk * Q[c][k], 0)));
    const values = symmetricEigenvalues(A);
    for (const [k, v] of [-2, 1, 5].entries()) expect(Math.abs(values[k] - v)).toBeLessThanOrEqual(1e-14 * 8);
    expect(spectralNormSymmetric(A)).toBeCloseTo(5, 13);
    expect(
      spectralNormSymmetric([
        [-7, 0],
        [0, 3],
      ]),
    ).toBe(7);
  });

  test('accepts row-major data and rejects ragged input', () => {
    expect(Array.from(symmetricEigenvalues({ order: 2, data: [4, 0, 0, -1] }))).toEqual([-1, 4]);
    expect(() => symmetricEigenvalues([[1, 2], [3]])).toThrow(/row 1 has length 1/);
    expect(() => symmetricEigenvalues({ order: 2, data: [1, 2, 3] })).toThrow(RangeError);
  });
});

describe('largestEigenvalueGramBounds', () => {
  test('brackets λ_max(AᵀA) from Jacobi on the formed Gram matrix, tightly', () => {
    fc.assert(
      fc.property(
        seedArb,
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 12 }),
        fc.double({ min: 0.05, max: 0.9, noNaN: true }),
        (seed, rows, cols, density) => {
          // Sparse non-negative rows like pixel or tf-idf data, plus some signed ones.
          const z = normal(key(seed), rows * cols);
          const u = uniform(key(seed + 1), rows * cols);
          const M = Array.from({ length: rows }, (_, r) =>
            Array.from({ length: cols }, (_, c) => (u[r * cols + c] < density ? z[r * cols + c] : 0)),
          );
          const G = Array.from({ length: cols }, (_, a) =>
            Array.from({ length: cols }, (_, b) => M.reduce((s, row) => s + row[a] * row[b], 0)),
          );
          const exact = symmetricEigenvalues(G)[cols - 1];
          const est = largestEigenvalueGramBounds(denseOperator(M));
          const scale = G.reduce((s, row, a) => s + row[a], 0); // trace ≥ λ_max ≥ 0
          expect(est.lower).toBeLessThanOrEqual(exact + 1e-13 * scale);
          expect(est.upper).toBeGreaterThanOrEqual(exact - 1e-13 * scale);
          expect(est.upper - est.lower).toBeLessThanOrEqual(1e-8 * scale + 1e-300);
        },
      ),
    );
  });

  test('converges on a 2000×400 matrix with a small spectral gap', () => {
    const rows = 2000;
    const cols = 400;
    const z = normal(key(3), rows * cols);
    const M: LinearOperator = {
      rows,
      cols,
      times: (v) => {
        const out = new Float64Array(rows);
        for (let r = 0; r < rows; r++) {
          let s = 0;
          for (let j = 0; j < cols; j++) s += z[r * cols + j] * v[j];
          out[r] = s;
        }
        return out;
      },
      timesTranspose: (w) => {
        const out = new Float64Array(cols);
        for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) out[j] += z[r * cols + j] * w[r];
        return out;
      },
    };
    const est = largestEigenvalueGramBounds(M);
    // Marchenko–Pastur: λ_max ≈ (√rows + √cols)² for i.i.d. N(0,1) entries.
    expect(est.lower / (Math.sqrt(rows) + Math.sqrt(cols)) ** 2).toBeGreaterThan(0.9);
    expect(est.lower / (Math.sqrt(rows) + Math.sqrt(cols)) ** 2).toBeLessThan(1.1);
    expect((est.upper - est.lower) / est.lower).toBeLessThan(1e-6);
  });

  test('the zero matrix has λ_max = 0', () => {
    const est = largestEigenvalueGramBounds(
      denseOperator([
        [0, 0],
        [0, 0],
        [0, 0],
      ]),
    );
    expect(est.lower).toBe(0);
    expect(est.upper).toBe(0);
  });
});
