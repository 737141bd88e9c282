import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { key } from '../rng/key.ts';
import { normal } from '../rng/sample.ts';
import { symmetricEigen } from '../linalg/eigen.ts';
import { partition } from '../data/partition.ts';
import { syntheticDataset } from '../data/synthetic.ts';
import { leastSquares } from './least-squares.ts';
import { centralDifferenceRatio, lipschitzRatio } from './gradient-check.ts';
import { gradient, objective } from './types.ts';

const instance = fc.record({
  seed: fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
  n: fc.integer({ min: 1, max: 3 }),
  m: fc.integer({ min: 3, max: 30 }),
  dim: fc.integer({ min: 1, max: 6 }),
});

function build({ seed, n, m, dim }: { seed: number; n: number; m: number; dim: number }) {
  const data = syntheticDataset({ m: Math.max(m, n), dim, task: 'regression', key: key(seed) });
  const parts = partition(data, n);
  return { parts, problem: leastSquares(parts) };
}

describe('leastSquares', () => {
  test('gradients match central differences', () => {
    fc.assert(
      fc.property(instance, (inst) => {
        const { problem } = build(inst);
        const x = normal(key(inst.seed + 1), inst.dim);
        for (let i = 0; i < inst.n; i++)
          expect(centralDifferenceRatio(problem, i, x, problem.Li[i])).toBeLessThanOrEqual(1);
      }),
    );
  });

  test('L_i = λ_max(A_iᵀA_i)/m_i exactly: never exceeded, attained along the top eigenvector', () => {
    fc.assert(
      fc.property(instance, (inst) => {
        const { parts, problem } = build(inst);
        for (let i = 0; i < inst.n; i++) {
          const p = parts[i];
          const G = Array.from({ length: inst.dim }, () => new Array<number>(inst.dim).fill(0));
          for (let r = 0; r < p.m; r++)
            for (let e = p.rowPtr[r]; e < p.rowPtr[r + 1]; e++)
              for (let f = p.rowPtr[r]; f < p.rowPtr[r + 1]; f++)
                G[p.colIdx[e]][p.colIdx[f]] += p.values[e] * p.values[f];
          const { values, vectors } = symmetricEigen(G);
          expect(Math.abs(problem.Li[i] - values[inst.dim - 1] / p.m)).toBeLessThanOrEqual(1e-12 * problem.Li[i]);
          const ratio = lipschitzRatio(problem, i, vectors[inst.dim - 1], new Float64Array(inst.dim));
          expect(Math.abs(ratio - problem.Li[i])).toBeLessThanOrEqual(1e-12 * problem.Li[i]);
          expect(
            lipschitzRatio(problem, i, normal(key(inst.seed + 2), inst.dim), normal(key(inst.seed + 3), inst.dim)),
          ).toBeLessThanOrEqual(problem.Li[i] * (1 + 1e-12));
        }
      }),
    );
  });

  test('f_inf is the value at the stationary point and nothing goes below it', () => {
    fc.assert(
      fc.property(instance, (inst) => {
        const { problem } = build({ ...inst, m: Math.max(inst.m, 3 * inst.dim * inst.n) });
        expect(problem.fInfExact).toBe(true);
        const mu = problem.mu ?? 0;
        expect(mu).toBeGreaterThan(0);
        // Gradient descent with step 2/(L + μ) reaches x* to rounding; its f must equal f_inf.
        let z = normal(key(inst.seed + 5), inst.dim);
        for (let t = 0; t < 3000; t++) {
          const g = gradient(problem, z);
          z = z.map((v, j) => v - (2 / (problem.L + mu)) * g[j]);
        }
        const scale = Math.abs(problem.fInf) + problem.L * 1e-12;
        expect(Math.abs(objective(problem, z) - problem.fInf)).toBeLessThanOrEqual(1e-9 * scale);
        expect(objective(problem, normal(key(inst.seed + 6), inst.dim))).toBeGreaterThanOrEqual(
          problem.fInf * (1 - 1e-12),
        );
      }),
    );
  });

  test('rank-deficient data leaves f_inf = 0 as an inexact lower bound', () => {
    const data = syntheticDataset({ m: 2, dim: 4, task: 'regression', key: key(9) });
    const p = leastSquares([data]);
    expect(p.fInfExact).toBe(false);
    expect(p.fInf).toBe(0);
    expect(p.mu).toBeUndefined();
  });
});
