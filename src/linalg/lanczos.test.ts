import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { foldIn, key } from '../rng/key.ts';
import { normal, permutation, uniform } from '../rng/sample.ts';
import { symmetricEigenvalues } from './eigen.ts';
import { lanczosMinEigenvalue, type SymmetricOperator } from './lanczos.ts';

/** A random symmetric d×d matrix (row-major) with entries of size `scale`, from a seed. */
function randomSymmetric(seed: number, d: number, scale: number): Float64Array {
  const z = normal(key(seed), d * d);
  const a = new Float64Array(d * d);
  for (let r = 0; r < d; r++) for (let c = 0; c < d; c++) a[r * d + c] = (scale * (z[r * d + c] + z[c * d + r])) / 2;
  return a;
}

function denseOperator(a: Float64Array, d: number): SymmetricOperator {
  return {
    dim: d,
    apply: (v) => {
      const out = new Float64Array(d);
      for (let r = 0; r < d; r++) {
        let s = 0;
        for (let c = 0; c < d; c++) s += a[r * d + c] * v[c];
        out[r] = s;
      }
      return out;
    },
  };
}

function diagonalOperator(diag: Float64Array): SymmetricOperator {
  return { dim: diag.length, apply: (v) => Float64Array.from(diag, (a, j) => a * v[j]) };
}

function frobenius(a: Float64Array): number {
  let s = 0;
  for (const x of a) s += x * x;
  return Math.sqrt(s);
}

const seedArb = fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 }));

describe('lanczosMinEigenvalue', () => {
  test('with m = d steps it returns the dense λ_min (Jacobi) to rounding of ‖A‖, with a rounding-size residual', () => {
    fc.assert(
      fc.property(
        seedArb,
        fc.integer({ min: 1, max: 12 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (seed, d, scale) => {
          const a = randomSymmetric(seed, d, scale);
          const exact = symmetricEigenvalues({ order: d, data: a })[0];
          const r = lanczosMinEigenvalue(denseOperator(a, d), { iterations: d, key: foldIn(key(seed), 1) });
          const norm = frobenius(a);
          expect(Math.abs(r.lambdaMin - exact)).toBeLessThanOrEqual(1e-10 * norm);
          expect(r.residual).toBeLessThanOrEqual(1e-8 * norm);
          expect(r.iterations).toBeLessThanOrEqual(d);
        },
      ),
    );
  });

  test('with m < d steps θ is still a Rayleigh quotient (θ ≥ λ_min) and an eigenvalue lies within the residual of θ', () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 4, max: 16 }), fc.integer({ min: 1, max: 3 }), (seed, d, m) => {
        const a = randomSymmetric(seed, d, 1);
        const values = symmetricEigenvalues({ order: d, data: a });
        const r = lanczosMinEigenvalue(denseOperator(a, d), { iterations: m, key: foldIn(key(seed), 2) });
        const norm = frobenius(a);
        expect(r.lambdaMin).toBeGreaterThanOrEqual(values[0] - 1e-12 * norm);
        const nearest = values.reduce((best, v) => Math.min(best, Math.abs(v - r.lambdaMin)), Infinity);
        expect(nearest).toBeLessThanOrEqual(r.residual + 1e-12 * norm);
        let ny = 0;
        for (const y of r.vector) ny += y * y;
        expect(Math.abs(ny - 1)).toBeLessThanOrEqual(1e-12);
      }),
    );
  });

  test('d = 10⁴ diagonal operator (no dense matrix): an isolated λ_min = −0.5 at a random index, to 1e-10 in 40 steps', () => {
    const d = 10_000;
    const k = key(7);
    // Spectrum in [0, 2] plus the isolated −0.5, placed by a random permutation so that no coordinate is special.
    const spread = uniform(foldIn(k, 1), d);
    const place = permutation(foldIn(k, 2), d);
    const diag = new Float64Array(d);
    for (let j = 0; j < d; j++) diag[place[j]] = j === 0 ? -0.5 : 2 * spread[j];
    const r = lanczosMinEigenvalue(diagonalOperator(diag), { iterations: 40, key: foldIn(k, 3) });
    expect(Math.abs(r.lambdaMin + 0.5)).toBeLessThanOrEqual(1e-10);
    expect(r.residual).toBeLessThanOrEqual(1e-4);
    expect(r.iterations).toBe(40);
    // The Ritz vector concentrates on the coordinate that carries −0.5.
    expect(Math.abs(r.vector[place[0]])).toBeGreaterThan(1 - 1e-8);
  });

  test('d = 10⁴ diagonal operator with a clustered bottom: θ stays above λ_min and within the explicit residual bound', () => {
    const d = 10_000;
    // λ_j = j/d: λ_min = 0 with a gap of 1e-4 — 30 steps cannot resolve it, and the bounds must still hold.
    const diag = Float64Array.from({ length: d }, (_, j) => j / d);
    const r = lanczosMinEigenvalue(diagonalOperator(diag), { iterations: 30, key: key(3) });
    expect(r.lambdaMin).toBeGreaterThanOrEqual(-1e-14);
    expect(r.lambdaMin).toBeLessThan(0.01);
    // Some λ_j = j/d lies within the residual of θ: the nearest grid point is at most 1/(2d) away.
    expect(Math.abs(r.lambdaMin - Math.round(r.lambdaMin * d) / d)).toBeLessThanOrEqual(r.residual + 1e-12);
  });

  test('a low-rank operator in d = 10⁴ (a saddle’s Hessian: eigenvalues 1, −1 and 0) is resolved exactly at breakdown', () => {
    const d = 10_000;
    const u = normal(key(11), d);
    const w = normal(key(12), d);
    // Orthonormalise u, w (Gram–Schmidt) and set H = u uᵀ − w wᵀ.
    const nu = Math.sqrt(u.reduce((s, x) => s + x * x, 0));
    for (let j = 0; j < d; j++) u[j] /= nu;
    const h = w.reduce((s, x, j) => s + x * u[j], 0);
    for (let j = 0; j < d; j++) w[j] -= h * u[j];
    const nw = Math.sqrt(w.reduce((s, x) => s + x * x, 0));
    for (let j = 0; j < d; j++) w[j] /= nw;
    const H: SymmetricOperator = {
      dim: d,
      apply: (v) => {
        let a = 0;
        let b = 0;
        for (let j = 0; j < d; j++) {
          a += u[j] * v[j];
          b += w[j] * v[j];
        }
        return Float64Array.from({ length: d }, (_, j) => a * u[j] - b * w[j]);
      },
    };
    const r = lanczosMinEigenvalue(H, { iterations: 20, key: key(13) });
    // Three distinct eigenvalues: the Krylov space is invariant after 3 steps.
    expect(r.iterations).toBe(3);
    expect(Math.abs(r.lambdaMin + 1)).toBeLessThanOrEqual(1e-12);
    expect(r.residual).toBeLessThanOrEqual(1e-12);
    expect(Array.from(r.ritzValues).map((x) => Math.round(x * 1e9) / 1e9 + 0)).toEqual([-1, 0, 1]);
  });

  test('deterministic in its key: same key, same bits; m is clipped to d', () => {
    const a = randomSymmetric(5, 6, 1);
    const one = lanczosMinEigenvalue(denseOperator(a, 6), { iterations: 3, key: key(9) });
    const two = lanczosMinEigenvalue(denseOperator(a, 6), { iterations: 3, key: key(9) });
    expect(two.lambdaMin).toBe(one.lambdaMin);
    expect(Array.from(two.vector)).toEqual(Array.from(one.vector));
    expect(lanczosMinEigenvalue(denseOperator(a, 6), { iterations: 100, key: key(9) }).iterations).toBeLessThanOrEqual(
      6,
    );
  });

  test('rejects a bad step count, a wrong-length product and a non-finite product', () => {
    const ok = diagonalOperator(Float64Array.of(1, 2));
    expect(() => lanczosMinEigenvalue(ok, { iterations: 0, key: key(1) })).toThrow(RangeError);
    expect(() => lanczosMinEigenvalue(ok, { iterations: 1.5, key: key(1) })).toThrow(RangeError);
    expect(() =>
      lanczosMinEigenvalue({ dim: 2, apply: () => Float64Array.of(1) }, { iterations: 2, key: key(1) }),
    ).toThrow(/length/);
    expect(() =>
      lanczosMinEigenvalue({ dim: 2, apply: () => Float64Array.of(1, Number.NaN) }, { iterations: 2, key: key(1) }),
    ).toThrow(/non-finite/);
  });
});
