import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { key } from '../rng/key.ts';
import { normal } from '../rng/sample.ts';
import { symmetricEigen } from '../linalg/eigen.ts';
import { partition } from '../data/partition.ts';
import { syntheticDataset } from '../data/synthetic.ts';
import { readLibsvm } from '../data/libsvm.ts';
import { logisticRegression } from './logistic-regression.ts';
import { softmaxRegression } from './softmax-regression.ts';
import { centralDifferenceRatio, lipschitzRatio } from './gradient-check.ts';

const instance = fc.record({
  seed: fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
  n: fc.integer({ min: 1, max: 3 }),
  m: fc.integer({ min: 3, max: 20 }),
  dim: fc.integer({ min: 1, max: 5 }),
  classes: fc.integer({ min: 2, max: 4 }),
  lambda: fc.constantFrom(0, 0.1),
});

function build({
  seed,
  n,
  m,
  dim,
  classes,
  lambda,
}: {
  seed: number;
  n: number;
  m: number;
  dim: number;
  classes: number;
  lambda: number;
}) {
  const data = syntheticDataset({ m: Math.max(m, n), dim, density: 0.8, task: 'multiclass', classes, key: key(seed) });
  const parts = partition(data, n);
  return { parts, problem: softmaxRegression(parts, { lambda, classes }) };
}

/** Curvature of f_i along u at x by a central difference of gradients: ⟨∇f(x+hu) − ∇f(x−hu), u⟩/(2h‖u‖²). */
function curvature(
  problem: ReturnType<typeof build>['problem'],
  i: number,
  x: Float64Array,
  u: Float64Array,
  h: number,
): number {
  const gp = problem.gradI(
    i,
    x.map((v, j) => v + h * u[j]),
  );
  const gm = problem.gradI(
    i,
    x.map((v, j) => v - h * u[j]),
  );
  let s = 0;
  let uu = 0;
  for (let j = 0; j < u.length; j++) {
    s += (gp[j] - gm[j]) * u[j];
    uu += u[j] * u[j];
  }
  return s / (2 * h * uu);
}

describe('softmaxRegression', () => {
  test('gradients match central differences', () => {
    fc.assert(
      fc.property(instance, fc.constantFrom(1, 20), (inst, scale) => {
        const { problem } = build(inst);
        const x = normal(key(inst.seed + 1), problem.dim).map((v) => scale * v);
        for (let i = 0; i < inst.n; i++)
          expect(centralDifferenceRatio(problem, i, x, problem.Li[i])).toBeLessThanOrEqual(1);
      }),
    );
  });

  test('curvature along random directions never exceeds L_i = λ_max(A_iᵀA_i)/(2m_i) + 2λ, nor gradient differences', () => {
    fc.assert(
      fc.property(instance, fc.constantFrom(0.3, 3), (inst, scale) => {
        const { problem } = build(inst);
        for (let t = 0; t < 5; t++) {
          const x = normal(key(inst.seed + 10 + t), problem.dim).map((v) => scale * v);
          const u = normal(key(inst.seed + 20 + t), problem.dim);
          for (let i = 0; i < inst.n; i++) {
            expect(curvature(problem, i, x, u, 1e-5)).toBeLessThanOrEqual(problem.Li[i] * (1 + 1e-6));
            expect(lipschitzRatio(problem, i, x, u)).toBeLessThanOrEqual(problem.Li[i] * (1 + 1e-12));
          }
        }
      }),
    );
  });

  test('with two classes the ½ is attained: curvature at x = 0 along (v, −v) equals L_i', () => {
    fc.assert(
      fc.property(instance, (inst) => {
        const { parts, problem } = build({ ...inst, classes: 2 });
        const l = inst.dim;
        for (let i = 0; i < inst.n; i++) {
          const G = Array.from({ length: l }, () => new Array<number>(l).fill(0));
          const p = parts[i];
          for (let r = 0; r < p.m; r++)
            for (let e = p.rowPtr[r]; e < p.rowPtr[r + 1]; e++)
              for (let f = p.rowPtr[r]; f < p.rowPtr[r + 1]; f++)
                G[p.colIdx[e]][p.colIdx[f]] += p.values[e] * p.values[f];
          const { values, vectors } = symmetricEigen(G);
          expect(Math.abs(problem.Li[i] - (values[l - 1] / (2 * p.m) + 2 * inst.lambda))).toBeLessThanOrEqual(
            1e-10 * problem.Li[i],
          );
          const v = vectors[l - 1];
          const u = Float64Array.from({ length: 2 * l }, (_, j) => (j < l ? v[j] : -v[j - l]));
          expect(curvature(problem, i, new Float64Array(2 * l), u, 1e-4)).toBeGreaterThanOrEqual(
            problem.Li[i] * (1 - 1e-6),
          );
        }
      }),
    );
  });

  test('two-class softmax at (x, 0) is binary logistic regression at x (labels 1 ↦ +1, 0 ↦ −1)', () => {
    const text = '1 1:0.5 2:-1\n0 1:2\n1 2:0.3\n0 1:-1 2:1\n';
    const binary = logisticRegression([readLibsvm(text)], { lambda: 0 });
    const multi = softmaxRegression([readLibsvm(text, { labels: 'multiclass' })], { lambda: 0 });
    const x = Float64Array.of(0.7, -0.4);
    const xx = Float64Array.of(0.7, -0.4, 0, 0);
    // softmax assigns class 1 the score a·x_1 and class 0 the score a·x_0 = 0.
    const swapped = Float64Array.of(0, 0, 0.7, -0.4);
    expect(multi.fI(0, swapped)).toBeCloseTo(binary.fI(0, x), 14);
    expect(multi.fI(0, xx)).toBeCloseTo(
      binary.fI(
        0,
        x.map((v) => -v),
      ),
      14,
    );
  });

  test('stays finite for scores of ±1000', () => {
    const p = softmaxRegression([readLibsvm('0 1:1\n1 1:1\n2 1:1\n', { labels: 'multiclass' })], { lambda: 0 });
    const x = Float64Array.of(1000, -1000, 0);
    expect(p.fI(0, x)).toBeCloseTo((0 + 2000 + 1000) / 3, 10);
    expect(Array.from(p.gradI(0, x)).every(Number.isFinite)).toBe(true);
  });

  test('rejects binary data and labels outside 0 … c−1', () => {
    expect(() => softmaxRegression([syntheticDataset({ m: 4, dim: 2, key: key(1) })], { lambda: 0 })).toThrow(
      /needs class ids/,
    );
    const data = syntheticDataset({ m: 8, dim: 2, task: 'multiclass', classes: 3, key: key(2) });
    expect(() => softmaxRegression([data], { lambda: 0, classes: 2 })).toThrow(/need 0 ≤ y < c=2/);
  });
});
