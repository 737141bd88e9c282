import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { key } from '../rng/key.ts';
import { normal } from '../rng/sample.ts';
import { symmetricEigen } from '../linalg/eigen.ts';
import { gradient, objective } from './types.ts';
import { denseQuadratic, parseQuadraticJson, type QuadraticNode } from './dense-quadratic.ts';
import { diagonalQuadratic } from './diagonal-quadratic.ts';
import { centralDifferenceRatio, lipschitzRatio } from './gradient-check.ts';

/** n random symmetric (indefinite unless shifted) d×d nodes at unit scale, from a seed. */
function randomNodes(seed: number, n: number, d: number, shift: number): QuadraticNode[] {
  const z = normal(key(seed), n * (d * d + d));
  return Array.from({ length: n }, (_, i) => {
    const o = i * (d * d + d);
    const A = Array.from({ length: d }, (_, r) =>
      Array.from({ length: d }, (_, c) => (z[o + r * d + c] + z[o + c * d + r]) / 2 + (r === c ? shift : 0)),
    );
    const b = Array.from({ length: d }, (_, j) => z[o + d * d + j]);
    return { A, b };
  });
}

const instance = fc.record({
  seed: fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
  n: fc.integer({ min: 1, max: 4 }),
  d: fc.integer({ min: 1, max: 6 }),
  shift: fc.constantFrom(0, 4),
});

describe('denseQuadratic', () => {
  test('gradients match central differences on every node', () => {
    fc.assert(
      fc.property(instance, ({ seed, n, d, shift }) => {
        const p = denseQuadratic(randomNodes(seed, n, d, shift));
        const x = normal(key(seed + 7), d);
        for (let i = 0; i < n; i++) expect(centralDifferenceRatio(p, i, x, p.Li[i])).toBeLessThanOrEqual(1);
      }),
    );
  });

  test('L_i is never exceeded by gradient differences and is attained along the top |λ| eigenvector', () => {
    fc.assert(
      fc.property(instance, ({ seed, n, d, shift }) => {
        const nodes = randomNodes(seed, n, d, shift);
        const p = denseQuadratic(nodes);
        const x = normal(key(seed + 1), d);
        const y = normal(key(seed + 2), d);
        for (let i = 0; i < n; i++) {
          expect(lipschitzRatio(p, i, x, y)).toBeLessThanOrEqual(p.Li[i] * (1 + 1e-12));
          const { values, vectors } = symmetricEigen(nodes[i].A);
          const top = Math.abs(values[0]) > Math.abs(values[d - 1]) ? vectors[0] : vectors[d - 1];
          expect(Math.abs(lipschitzRatio(p, i, top, new Float64Array(d)) - p.Li[i])).toBeLessThanOrEqual(
            1e-12 * p.Li[i],
          );
        }
        // L is the spectral norm of the mean: ‖∇f(x) − ∇f(y)‖ ≤ L‖x − y‖ and L ≤ L_AM.
        const gx = gradient(p, x);
        const gy = gradient(p, y);
        let num = 0;
        let den = 0;
        for (let j = 0; j < d; j++) {
          num += (gx[j] - gy[j]) ** 2;
          den += (x[j] - y[j]) ** 2;
        }
        expect(Math.sqrt(num / den)).toBeLessThanOrEqual(p.L * (1 + 1e-12));
        expect(p.L).toBeLessThanOrEqual((p.Li.reduce((s, l) => s + l, 0) / n) * (1 + 1e-12));
      }),
    );
  });

  test('when the mean Hessian is positive definite, f_inf is f at the stationary point and μ = λ_min', () => {
    fc.assert(
      fc.property(instance, ({ seed, n, d }) => {
        const p = denseQuadratic(randomNodes(seed, n, d, 4 + 2 * d));
        expect(p.fInfExact).toBe(true);
        expect(p.mu).toBeGreaterThan(0);
        // A point a tiny bit off along random directions never goes below f_inf.
        const x = normal(key(seed + 3), d);
        expect(objective(p, x)).toBeGreaterThanOrEqual(p.fInf - 1e-12 * Math.abs(p.fInf));
        // Gradient descent with step 2/(L + μ) contracts by (L − μ)/(L + μ) per step, so it reaches x* to rounding.
        let z = x;
        for (let t = 0; t < 2000; t++) {
          const g = gradient(p, z);
          z = z.map((v, j) => v - (2 / (p.L + (p.mu ?? 0))) * g[j]);
        }
        const fz = objective(p, z);
        expect(Math.abs(fz - p.fInf)).toBeLessThanOrEqual(1e-10 * (Math.abs(p.fInf) + 1));
      }),
    );
  });

  test('a diagonal instance agrees with diagonalQuadratic on every constant and value', () => {
    const a = [
      [1, -2, 3],
      [0.5, 4, 1],
    ];
    const b = [
      [1, 0, -1],
      [2, 2, 2],
    ];
    const diag = diagonalQuadratic(a, b);
    const dense = denseQuadratic(
      a.map((row, i) => ({ A: row.map((v, r) => row.map((_, c) => (r === c ? v : 0))), b: b[i] })),
    );
    expect(dense.L).toBe(diag.L);
    expect(dense.Li).toEqual(diag.Li);
    expect(dense.fInf).toBeCloseTo(diag.fInf, 14);
    expect(dense.mu).toBe(diag.mu);
    const x = Float64Array.of(0.3, -1, 2);
    for (let i = 0; i < 2; i++) {
      expect(dense.fI(i, x)).toBeCloseTo(diag.fI(i, x), 14);
      expect(Array.from(dense.gradI(i, x))).toEqual(Array.from(diag.gradI(i, x)));
    }
  });

  test('an indefinite mean Hessian gives f_inf = −∞ exactly, a singular one an inexact −∞', () => {
    const indefinite = denseQuadratic([
      {
        A: [
          [1, 0],
          [0, -1],
        ],
        b: [0, 0],
      },
    ]);
    expect(indefinite.fInf).toBe(-Infinity);
    expect(indefinite.fInfExact).toBe(true);
    expect(indefinite.mu).toBeUndefined();
    expect(indefinite.L).toBe(1);
    const singular = denseQuadratic([
      {
        A: [
          [1, 1],
          [1, 1],
        ],
        b: [1, 1],
      },
    ]);
    expect(singular.fInf).toBe(-Infinity);
    expect(singular.fInfExact).toBe(false);
  });

  test('rejects asymmetric A, ragged rows and mismatched b with the node named', () => {
    expect(() =>
      denseQuadratic([
        {
          A: [
            [1, 2],
            [3, 1],
          ],
          b: [0, 0],
        },
      ]),
    ).toThrow('node 0: A is not symmetric, A[0][1]=2 but A[1][0]=3');
    expect(() =>
      denseQuadratic([
        {
          A: [
            [1, 0],
            [0, 1],
          ],
          b: [0, 0],
        },
        { A: [[1, 0], [0]], b: [0, 0] },
      ]),
    ).toThrow('node 1: A row 1 has length 1, expected 2');
    expect(() =>
      denseQuadratic([
        {
          A: [
            [1, 0],
            [0, 1],
          ],
          b: [0, 0],
        },
        { A: [[1]], b: [0] },
      ]),
    ).toThrow('node 1: b has length 1, expected 2');
    expect(() => denseQuadratic([])).toThrow(RangeError);
  });
});

describe('parseQuadraticJson', () => {
  test('reads the CLI format', () => {
    const p = parseQuadraticJson('{"nodes":[{"A":[[2,0],[0,1]],"b":[1,1]},{"A":[[0,0],[0,1]],"b":[1,1]}]}');
    expect(p.n).toBe(2);
    expect(p.dim).toBe(2);
    expect(p.Li).toEqual([2, 1]);
    expect(p.L).toBe(1);
    expect(p.fInf).toBeCloseTo(-1, 14); // Ā = I, b̄ = (1, 1): f* = −½‖b̄‖²
  });

  test('gives one-line errors naming the fault', () => {
    const cases: [string, string][] = [
      ['{nodes:', 'quadratic json: not valid JSON'],
      ['[1]', 'expected an object {"nodes"'],
      ['{"nodes":[]}', '"nodes" is empty'],
      ['{"nodes":[{"A":[[1]],"b":["x"]}]}', 'node 0: "b" must be an array of numbers'],
      ['{"nodes":[{"A":[[1]],"b":[1]},{"A":[[1],[2,3]],"b":[1]}]}', 'node 1: A has 2 rows, expected 1'],
      [
        '{"nodes":[{"A":[[1,0],[0,1]],"b":[1,1]},{"A":[[1,0],[0,1]],"b":[1]}]}',
        'node 1: b has length 1, but node 0 has d=2',
      ],
      ['{"nodes":[{"A":[[1,0],[0,"a"]],"b":[1,1]}]}', 'node 0: A row 1 must be an array of numbers'],
      ['{"nodes":[{"A":[[1,5],[0,1]],"b":[1,1]}]}', 'quadratic json: node 0: A is not symmetric'],
    ];
    for (const [text, message] of cases) {
      let caught: unknown;
      try {
        parseQuadraticJson(text);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(RangeError);
      expect((caught as Error).message).toContain(message);
      expect((caught as Error).message).not.toContain('\n');
    }
  });
});
