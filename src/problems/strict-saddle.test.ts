import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { lanczosMinEigenvalue } from '../linalg/lanczos.ts';
import { foldIn, key } from '../rng/key.ts';
import { normal, uniform } from '../rng/sample.ts';
import { gaussianOracle } from '../oracles/gaussian.ts';
import { centralDifferenceRatio } from './gradient-check.ts';
import { strictSaddle } from './strict-saddle.ts';

const norm = (v: ArrayLike<number>): number => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));

/** x = a·u₁ + b·u₂ + (a vector orthogonal to the frame, of size `flat`). */
function point(p: ReturnType<typeof strictSaddle>, a: number, b: number, flat = 0, seed = 0): Float64Array {
  const [u1, u2] = p.frame;
  const w = normal(key(seed), p.dim);
  // Remove the frame components of w so that it only moves x along flat directions.
  for (const u of p.frame) {
    const h = w.reduce((s, x, j) => s + x * u[j], 0);
    for (let j = 0; j < p.dim; j++) w[j] -= h * u[j];
  }
  // d = 2 has no flat directions: w is then rounding noise and must not be blown up to length `flat`.
  const scale = p.dim > p.frame.length ? flat / norm(w) : 0;
  return Float64Array.from({ length: p.dim }, (_, j) => a * u1[j] + b * u2[j] + scale * w[j]);
}

const seedArb = fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 }));

describe('strictSaddle', () => {
  test('f(a·u₁ + b·u₂ + w) = ½a² − ½b² + b⁴/4 for any w orthogonal to the frame, and ∇f lies in the frame', () => {
    fc.assert(
      fc.property(
        seedArb,
        fc.integer({ min: 2, max: 40 }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        (seed, d, a, b) => {
          const p = strictSaddle({ d, key: key(seed) });
          const x = point(p, a, b, d > 2 ? 3 : 0, seed + 1);
          const expected = 0.5 * a * a - 0.5 * b * b + b ** 4 / 4;
          expect(Math.abs(p.fI(0, x) - expected)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(expected)) * 10);
          const y = p.coordinates(p.gradI(0, x));
          expect(Math.abs(y[0] - a)).toBeLessThanOrEqual(1e-12 * 10);
          expect(Math.abs(y[1] - (b ** 3 - b))).toBeLessThanOrEqual(1e-11);
          expect(Math.abs(norm(p.gradI(0, x)) - Math.hypot(a, b ** 3 - b))).toBeLessThanOrEqual(1e-11);
        },
      ),
    );
  });

  test('the constants are the paper-independent ones of the slab R = 2: L = 11, ρ = 12, f* = −1/4', () => {
    const p = strictSaddle({ d: 10, key: key(1) });
    expect([p.L, p.rho, p.radius, p.fInf, p.fInfExact, p.n, p.dim]).toEqual([11, 12, 2, -0.25, true, 1, 10]);
    const q = strictSaddle({ d: 10, key: key(1), radius: 1.5 });
    expect([q.L, q.rho]).toEqual([3 * 2.25 - 1, 9]);
  });

  test('saddle and minimisers: ∇f = 0; λ_min = −1 at the saddle, 0 at ±u₂ (the flat complement), f = f*', () => {
    const p = strictSaddle({ d: 50, key: key(2) });
    expect(norm(p.gradI(0, p.saddle))).toBe(0);
    expect(p.lambdaMin(p.saddle)).toBe(-1);
    expect(p.minimisers.length).toBe(2);
    for (const x of p.minimisers) {
      expect(norm(p.gradI(0, x))).toBeLessThanOrEqual(1e-14);
      expect(Math.abs(p.fI(0, x) + 0.25)).toBeLessThanOrEqual(1e-15);
      expect(p.lambdaMin(x)).toBe(0);
    }
    // d = m = 2: no flat directions, the minimum's λ_min is the bowl's 1.
    const q = strictSaddle({ d: 2, key: key(2) });
    expect(Math.abs(q.lambdaMin(q.minimisers[0]) - 1)).toBeLessThanOrEqual(1e-14);
  });

  test('∇f matches central differences of f, and ∇²f·v matches differences of ∇f (small d)', () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 2, max: 12 }), (seed, d) => {
        const p = strictSaddle({ d, key: key(seed) });
        const x = Float64Array.from(uniform(foldIn(key(seed), 1), d), (u) => (2 * u - 1) * (1 / Math.sqrt(d)));
        expect(centralDifferenceRatio(p, 0, x, p.L)).toBeLessThanOrEqual(1);
        const v = normal(foldIn(key(seed), 2), d);
        const h = 1e-6;
        const plus = p.gradI(
          0,
          Float64Array.from(x, (xj, j) => xj + h * v[j]),
        );
        const minus = p.gradI(
          0,
          Float64Array.from(x, (xj, j) => xj - h * v[j]),
        );
        const hv = p.hessianVector(x, v);
        // |(∇f(x + hv) − ∇f(x − hv))/(2h) − ∇²f(x)v| ≤ ρh²‖v‖³/6·(cubic remainder) — h² terms only.
        for (let j = 0; j < d; j++)
          expect(Math.abs((plus[j] - minus[j]) / (2 * h) - hv[j])).toBeLessThanOrEqual(
            p.rho * h * h * norm(v) ** 3 + 1e-8 * norm(v),
          );
      }),
    );
  });

  test('L and ρ bound the gradient and Hessian differences on the slab, and L is attained at y₂ = R', () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 2, max: 30 }), (seed, d) => {
        const p = strictSaddle({ d, key: key(seed) });
        const r = uniform(foldIn(key(seed), 1), 4).map((u) => (2 * u - 1) * p.radius);
        const x = point(p, r[0], r[1], 1, seed);
        const z = point(p, r[2], r[3], 2, seed + 7);
        const dx = norm(Float64Array.from(x, (a, j) => a - z[j]));
        const dg = norm(Float64Array.from(p.gradI(0, x), (a, j) => a - p.gradI(0, z)[j]));
        expect(dg).toBeLessThanOrEqual(p.L * dx * (1 + 1e-12));
        const v = normal(foldIn(key(seed), 3), d);
        const dh = norm(Float64Array.from(p.hessianVector(x, v), (a, j) => a - p.hessianVector(z, v)[j]));
        expect(dh).toBeLessThanOrEqual(p.rho * dx * norm(v) * (1 + 1e-12) + 1e-12);
      }),
    );
    const p = strictSaddle({ d: 5, key: key(4) });
    const top = point(p, 0, p.radius);
    const u2 = p.frame[1];
    expect(Math.abs(p.coordinates(p.hessianVector(top, u2))[1] - p.L)).toBeLessThanOrEqual(1e-12);
  });

  test('d = 10⁴: Lanczos on Hessian–vector products gives the closed-form λ_min at the saddle and at random points', () => {
    const d = 10_000;
    const p = strictSaddle({ d, key: key(8) });
    for (const [a, b] of [
      [0, 0],
      [0.3, 0.2],
      [-0.1, 0.9],
    ]) {
      const x = point(p, a, b, 5, 3);
      const r = lanczosMinEigenvalue({ dim: d, apply: (v) => p.hessianVector(x, v) }, { iterations: 10, key: key(9) });
      expect(Math.abs(r.lambdaMin - p.lambdaMin(x))).toBeLessThanOrEqual(1e-10);
      // Rank 2 plus the flat complement: three distinct eigenvalues, invariant after 3 steps.
      expect(r.iterations).toBeLessThanOrEqual(3);
    }
  });

  test('with the Gaussian oracle: E ĝ = ∇f and E‖ĝ − ∇f‖² = σ² (z = 6 over 2000 draws), seeded', () => {
    const d = 200;
    const p = strictSaddle({ d, key: key(1) });
    const o = gaussianOracle(p, 0.5);
    const x = point(p, 0.2, 0.4);
    const g = p.gradI(0, x);
    const n = 2000;
    const sq: number[] = [];
    const along: number[] = [];
    for (let t = 0; t < n; t++) {
      const gh = o.gradI(0, x, key(100 + t));
      let s = 0;
      for (let j = 0; j < d; j++) s += (gh[j] - g[j]) ** 2;
      sq.push(s);
      along.push(p.coordinates(gh)[1] - p.coordinates(g)[1]);
    }
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const se = (xs: number[]): number =>
      Math.sqrt(xs.reduce((a, b) => a + (b - mean(xs)) ** 2, 0) / (xs.length - 1) / xs.length);
    expect(Math.abs(mean(sq) - 0.25)).toBeLessThanOrEqual(6 * se(sq));
    expect(Math.abs(mean(along))).toBeLessThanOrEqual(6 * se(along));
    expect(Array.from(o.gradI(0, x, key(3)))).toEqual(Array.from(o.gradI(0, x, key(3))));
  });

  test('rejects d < 2, R < 1 and a node other than 0', () => {
    expect(() => strictSaddle({ d: 1, key: key(1) })).toThrow(RangeError);
    expect(() => strictSaddle({ d: 4, key: key(1), radius: 0.5 })).toThrow(RangeError);
    expect(() => strictSaddle({ d: 4, key: key(1) }).gradI(1, new Float64Array(4))).toThrow(RangeError);
    expect(() => strictSaddle({ d: 4, key: key(1) }).fI(0, new Float64Array(3))).toThrow(RangeError);
  });
});
