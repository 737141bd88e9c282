import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { key } from '../rng/key.ts';
import { normal } from '../rng/sample.ts';
import { symmetricEigen } from '../linalg/eigen.ts';
import { fromDenseRows } from '../data/dataset.ts';
import { partition } from '../data/partition.ts';
import { syntheticDataset } from '../data/synthetic.ts';
import { readLibsvm } from '../data/libsvm.ts';
import { logisticRegression } from './logistic-regression.ts';
import { centralDifferenceRatio, lipschitzRatio } from './gradient-check.ts';
import { gradient, objective } from './types.ts';

const instance = fc.record({
  seed: fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
  n: fc.integer({ min: 1, max: 3 }),
  m: fc.integer({ min: 3, max: 25 }),
  dim: fc.integer({ min: 1, max: 8 }),
  density: fc.double({ min: 0.2, max: 1, noNaN: true }),
  lambda: fc.constantFrom(0, 0.1, 1),
});

function build({
  seed,
  n,
  m,
  dim,
  density,
  lambda,
}: {
  seed: number;
  n: number;
  m: number;
  dim: number;
  density: number;
  lambda: number;
}) {
  const data = syntheticDataset({ m: Math.max(m, n), dim, density, key: key(seed) });
  return { parts: partition(data, n), problem: logisticRegression(partition(data, n), { lambda }) };
}

/** Dense Gram matrix Σ_r a_r a_rᵀ of a node's rows. */
function gram(p: ReturnType<typeof build>['parts'][number]): number[][] {
  const G = Array.from({ length: p.dim }, () => new Array<number>(p.dim).fill(0));
  for (let r = 0; r < p.m; r++) {
    for (let e = p.rowPtr[r]; e < p.rowPtr[r + 1]; e++)
      for (let f = p.rowPtr[r]; f < p.rowPtr[r + 1]; f++) G[p.colIdx[e]][p.colIdx[f]] += p.values[e] * p.values[f];
  }
  return G;
}

describe('logisticRegression', () => {
  test('gradients match central differences at unit-scale and large points', () => {
    fc.assert(
      fc.property(instance, fc.constantFrom(1, 30), (inst, scale) => {
        const { problem } = build(inst);
        const x = normal(key(inst.seed + 1), inst.dim).map((v) => scale * v);
        for (let i = 0; i < inst.n; i++)
          expect(centralDifferenceRatio(problem, i, x, problem.Li[i])).toBeLessThanOrEqual(1);
      }),
    );
  });

  test('L_i = λ_max(A_iᵀA_i)/(4m_i) + 2λ bounds gradient differences and is attained at x = 0', () => {
    fc.assert(
      fc.property(instance, (inst) => {
        const { parts, problem } = build(inst);
        const x = normal(key(inst.seed + 2), inst.dim);
        const y = normal(key(inst.seed + 3), inst.dim);
        for (let i = 0; i < inst.n; i++) {
          const { values, vectors } = symmetricEigen(gram(parts[i]));
          const top = values[inst.dim - 1];
          expect(Math.abs(problem.Li[i] - (top / (4 * parts[i].m) + 2 * inst.lambda))).toBeLessThanOrEqual(
            1e-10 * problem.Li[i],
          );
          expect(lipschitzRatio(problem, i, x, y)).toBeLessThanOrEqual(problem.Li[i] * (1 + 1e-12));
          // At x = 0 the Hessian is A_iᵀA_i/(4m_i) + 2λI exactly, so a small step along its top eigenvector
          // realises L_i up to O(h²).
          const h = 1e-4;
          const v = vectors[inst.dim - 1].map((t) => h * t);
          const ratio = lipschitzRatio(
            problem,
            i,
            v,
            v.map((t) => -t),
          );
          expect(ratio).toBeGreaterThanOrEqual(problem.Li[i] * (1 - 1e-6));
        }
        // f's gradient differences obey L, and L ≤ L_AM.
        const gx = gradient(problem, x);
        const gy = gradient(problem, y);
        const num = gx.reduce((s, g, j) => s + (g - gy[j]) ** 2, 0);
        const den = x.reduce((s, v, j) => s + (v - y[j]) ** 2, 0);
        expect(Math.sqrt(num / den)).toBeLessThanOrEqual(problem.L * (1 + 1e-12));
        expect(problem.L).toBeLessThanOrEqual((problem.Li.reduce((s, l) => s + l, 0) / inst.n) * (1 + 1e-10));
      }),
    );
  });

  test('the authors’ L equals ours when all m_i are equal and can be smaller otherwise', () => {
    const rows = [
      [1, 0],
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 1],
    ];
    const data = fromDenseRows(rows, [1, 1, -1, 1, -1]);
    const equal = logisticRegression(partition(fromDenseRows(rows.slice(0, 4), [1, 1, -1, 1]), 2), { lambda: 0 });
    expect(equal.L).toBeCloseTo(equal.lAuthors, 12);
    // Nodes {r0,r1} and {r2,r3,r4}: H = ½(diag(2,0)/2 + diag(1,2)/3)/4 has λ_max = ½(1 + 1/3)/4 = 1/6,
    // but AᵀA/(4m) = diag(3,2)/20 gives 3/20 < 1/6.
    const uneven = logisticRegression(partition(data, 2), { lambda: 0 });
    expect(uneven.L).toBeCloseTo(1 / 6, 12);
    expect(uneven.lAuthors).toBeCloseTo(3 / 20, 12);
  });

  test('f and ∇f stay finite and accurate for margins of ±800', () => {
    const p = logisticRegression([readLibsvm('1 1:1\n-1 1:1\n')], { lambda: 0 });
    // Row 1 has margin y·z = 800 (loss ≈ e^-800 underflows to 0), row 2 −800 (loss = 800).
    expect(p.fI(0, Float64Array.of(800))).toBe(400);
    expect(Array.from(p.gradI(0, Float64Array.of(800)))).toEqual([0.5]);
    expect(p.fI(0, Float64Array.of(0))).toBeCloseTo(Math.LN2, 15);
  });

  test('f_inf = 0 is a valid lower bound, marked inexact', () => {
    fc.assert(
      fc.property(instance, (inst) => {
        const { problem } = build(inst);
        expect(problem.fInf).toBe(0);
        expect(problem.fInfExact).toBe(false);
        expect(objective(problem, normal(key(inst.seed + 4), inst.dim))).toBeGreaterThan(0);
      }),
    );
  });

  test('batch gradients over all rows equal the full gradient, and averages of single rows too', () => {
    const { problem } = build({ seed: 5, n: 2, m: 9, dim: 4, density: 0.7, lambda: 0.1 });
    const x = normal(key(6), 4);
    const m0 = problem.samples(0);
    const all = problem.gradIBatch(
      0,
      Int32Array.from({ length: m0 }, (_, r) => r),
      x,
    );
    const full = problem.gradI(0, x);
    const singles = new Float64Array(4);
    for (let r = 0; r < m0; r++) {
      const g = problem.gradIBatch(0, Int32Array.of(r), x);
      for (let j = 0; j < g.length; j++) singles[j] += g[j] / m0;
    }
    const scale = full.reduce((s, g) => s + Math.abs(g), 0);
    for (let j = 0; j < 4; j++) {
      expect(Math.abs(all[j] - full[j])).toBeLessThanOrEqual(1e-14 * scale);
      expect(Math.abs(singles[j] - full[j])).toBeLessThanOrEqual(1e-14 * scale);
    }
  });

  test('rejects multiclass labels, mismatched dims and λ < 0', () => {
    const multi = syntheticDataset({ m: 6, dim: 2, task: 'multiclass', key: key(1) });
    expect(() => logisticRegression([multi], { lambda: 0.1 })).toThrow(/needs binary/);
    expect(() =>
      logisticRegression(
        [syntheticDataset({ m: 3, dim: 2, key: key(1) }), syntheticDataset({ m: 3, dim: 3, key: key(2) })],
        { lambda: 0 },
      ),
    ).toThrow(/node 1 has dim 3/);
    expect(() => logisticRegression([syntheticDataset({ m: 3, dim: 2, key: key(1) })], { lambda: -1 })).toThrow(
      RangeError,
    );
  });
});
