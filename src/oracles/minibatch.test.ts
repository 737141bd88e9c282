import { describe, expect, test } from 'vitest';
import { key } from '../rng/key.ts';
import { normal } from '../rng/sample.ts';
import { meanSe, refutesLowerBound, refutesUpperBound } from '../stats/mean-se.ts';
import { partition } from '../data/partition.ts';
import { syntheticDataset } from '../data/synthetic.ts';
import { logisticRegression } from '../problems/logistic-regression.ts';
import { softmaxRegression } from '../problems/softmax-regression.ts';
import { leastSquares } from '../problems/least-squares.ts';
import type { FiniteSumProblem } from '../problems/finite-sum.ts';
import { minibatchOracle, minibatchVarianceFactor } from './minibatch.ts';

const data = syntheticDataset({ m: 10, dim: 3, density: 0.8, key: key(1) });
const problem = logisticRegression(partition(data, 2), { lambda: 0.1 }); // m_0 = m_1 = 5
const x = normal(key(2), 3);

/** All length-B sequences over {0..m−1} (with replacement) or all B-subsets (without). */
function allBatches(m: number, B: number, replacement: boolean): Int32Array[] {
  const out: Int32Array[] = [];
  const rec = (prefix: number[], start: number): void => {
    if (prefix.length === B) {
      out.push(Int32Array.from(prefix));
      return;
    }
    for (let r = replacement ? 0 : start; r < m; r++) rec([...prefix, r], r + 1);
  };
  rec([], 0);
  return out;
}

const sq = (u: ArrayLike<number>, v: ArrayLike<number>): number => {
  let s = 0;
  for (let j = 0; j < u.length; j++) s += (u[j] - v[j]) ** 2;
  return s;
};

describe('minibatch estimator, exactly by enumerating every batch', () => {
  for (const replacement of [true, false]) {
    test(`is unbiased with variance S²·${replacement ? '1/B' : '(m−B)/(B(m−1))'} (${replacement ? 'with' : 'without'} replacement, m = 5, B = 1…5)`, () => {
      const m = problem.samples(0);
      const full = problem.gradI(0, x);
      // S² = (1/m)Σ_j ‖∇f_0j − ∇f_0‖², from single-row batches.
      let S2 = 0;
      for (let r = 0; r < m; r++) S2 += sq(problem.gradIBatch(0, Int32Array.of(r), x), full) / m;
      const scale = full.reduce((s, g) => s + Math.abs(g), 0) + Math.sqrt(S2);
      for (let B = 1; B <= m; B++) {
        const batches = allBatches(m, B, replacement);
        const mean = new Float64Array(3);
        let variance = 0;
        for (const rows of batches) {
          const g = problem.gradIBatch(0, rows, x);
          for (let j = 0; j < 3; j++) mean[j] += g[j] / batches.length;
          variance += sq(g, full) / batches.length;
        }
        for (let j = 0; j < 3; j++) expect(Math.abs(mean[j] - full[j])).toBeLessThanOrEqual(1e-14 * scale);
        const expected = S2 * minibatchVarianceFactor(m, B, replacement);
        expect(Math.abs(variance - expected)).toBeLessThanOrEqual(1e-12 * S2);
        // The declared bound G_i² dominates S².
        expect(S2).toBeLessThanOrEqual(problem.sampleVarianceBound?.[0] ?? -1);
      }
    });
  }
});

describe('minibatchOracle', () => {
  test('without replacement draws B distinct in-range rows, with replacement repeats rows sometimes', () => {
    const seen: Int32Array[] = [];
    const spy: FiniteSumProblem = {
      ...problem,
      gradIBatch: (i, rows, z) => {
        seen.push(rows.slice());
        return problem.gradIBatch(i, rows, z);
      },
    };
    const without = minibatchOracle(spy, 4, { replacement: false });
    for (let s = 0; s < 100; s++) without.gradI(s % 2, x, key(s));
    for (const rows of seen) {
      expect(new Set(rows).size).toBe(4);
      for (const r of rows) expect(r >= 0 && r < 5).toBe(true);
    }
    seen.length = 0;
    const withR = minibatchOracle(spy, 4, { replacement: true });
    for (let s = 0; s < 100; s++) withR.gradI(0, x, key(s));
    // P(4 draws from 5 all distinct) = 5·4·3·2/5⁴ = 0.192, so 100 batches without a repeat have probability 0.192¹⁰⁰.
    expect(seen.some((rows) => new Set(rows).size < 4)).toBe(true);
  });

  for (const replacement of [true, false]) {
    test(`Monte Carlo mean and E‖ĝ − ∇f_i‖² match the exact values within 6 se (4000 draws, ${replacement ? 'with' : 'without'} replacement)`, () => {
      const B = 2;
      const oracle = minibatchOracle(problem, B, { replacement });
      const full = problem.gradI(1, x);
      let S2 = 0;
      for (let r = 0; r < 5; r++) S2 += sq(problem.gradIBatch(1, Int32Array.of(r), x), full) / 5;
      const N = 4000;
      const coords = [new Float64Array(N), new Float64Array(N), new Float64Array(N)];
      const errors = new Float64Array(N);
      for (let s = 0; s < N; s++) {
        const g = oracle.gradI(1, x, key(1000 + s));
        for (let j = 0; j < 3; j++) coords[j][s] = g[j];
        errors[s] = sq(g, full);
      }
      for (let j = 0; j < 3; j++) {
        const ms = meanSe(coords[j]);
        expect(refutesUpperBound(ms, full[j])).toBe(false);
        expect(refutesLowerBound(ms, full[j])).toBe(false);
      }
      const ev = meanSe(errors);
      const exact = S2 * minibatchVarianceFactor(5, B, replacement);
      expect(refutesUpperBound(ev, exact)).toBe(false);
      expect(refutesLowerBound(ev, exact)).toBe(false);
      expect(oracle.sigma).not.toBeNull();
      expect(exact).toBeLessThanOrEqual((oracle.sigma ?? 0) ** 2);
    });
  }

  test('σ² = max_i G_i² × the batch factor; null for least squares', () => {
    const G = problem.sampleVarianceBound ?? [];
    expect(minibatchOracle(problem, 3).sigma).toBeCloseTo(Math.sqrt(Math.max(...G) / 3), 14);
    expect(minibatchOracle(problem, 5, { replacement: false }).sigma).toBe(0);
    const soft = softmaxRegression(partition(syntheticDataset({ m: 6, dim: 2, task: 'multiclass', key: key(3) }), 2), {
      lambda: 0,
    });
    expect(minibatchOracle(soft, 1).sigma).not.toBeNull();
    const ls = leastSquares([syntheticDataset({ m: 6, dim: 2, task: 'regression', key: key(4) })]);
    expect(minibatchOracle(ls, 2).sigma).toBeNull();
  });

  test('nodes sample independently by default and the same rows when shared', () => {
    const indep = minibatchOracle(problem, 1);
    const shared = minibatchOracle(problem, 1, { shared: true });
    const single = (i: number, rows: Int32Array) => Array.from(problem.gradIBatch(i, rows, x));
    let differ = 0;
    for (let s = 0; s < 40; s++) {
      const a = Array.from(shared.gradI(0, x, key(s)));
      const b = Array.from(shared.gradI(1, x, key(s)));
      // Same row index r on both nodes: b must be node 1's gradient at the row that produced a on node 0.
      const r = [0, 1, 2, 3, 4].find((q) => single(0, Int32Array.of(q)).every((v, j) => v === a[j]));
      expect(r).toBeDefined();
      expect(b).toEqual(single(1, Int32Array.of(r ?? 0)));
      const c = Array.from(indep.gradI(0, x, key(s)));
      const rc = [0, 1, 2, 3, 4].find((q) => single(0, Int32Array.of(q)).every((v, j) => v === c[j]));
      const d = Array.from(indep.gradI(1, x, key(s)));
      if (!single(1, Int32Array.of(rc ?? 0)).every((v, j) => v === d[j])) differ++;
    }
    expect(differ).toBeGreaterThan(0);
  });

  test('rejects a batch larger than a node’s rows without replacement, and B < 1', () => {
    expect(() => minibatchOracle(problem, 6, { replacement: false })).toThrow(
      "batch=6 without replacement exceeds node 0's m_i=5 rows",
    );
    expect(() => minibatchOracle(problem, 0)).toThrow(RangeError);
    expect(minibatchOracle(problem, 6).name).toBe('minibatch(B=6,with replacement)');
  });
});
