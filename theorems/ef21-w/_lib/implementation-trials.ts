/**
 * EF21-W's implementation (src/algorithms/ef21-w.ts) against the paper's definition [Richtárik, Gasanov, Burlachenko
 * 2024, Alg. 2], coordinate by coordinate, on seeded heterogeneous dense quadratics:
 *   weights  w_i = L_i/Σ_j L_j, with L_i = ‖A_i‖₂ computed here from the matrices (Jacobi), not read from the problem;
 *   step     x⁺ = x − γΣ_i w_i g_i,  g_i⁺ = g_i + C(∇f_i(x⁺)/(n w_i) − g_i).
 * The implementation is a parameter, so a spec can show that a degenerate one (uniform weights: EF21) fails here.
 */
import { ef21W, type EF21WState } from '../../../src/algorithms/ef21-w.ts';
import { topK } from '../../../src/compressors/top-k.ts';
import { exactOracle } from '../../../src/oracles/exact.ts';
import type { Problem } from '../../../src/problems/types.ts';
import { foldIn, key, split, type Key } from '../../../src/rng/key.ts';
import { integerBelow, normal } from '../../../src/rng/sample.ts';
import type { Trial } from '../../types.ts';
import { quadraticInstance, seededQuadratic, type QuadraticData } from '../../ef21/_lib/instances.ts';
import { ef21wWeights } from '../../ef21/_lib/constants.ts';
import { smoothnessOf, type NodeQuadratics } from '../../ef21/_lib/quadratic-nodes.ts';

/** What the implementation under test provides: its initial weights, and one step from a given state. */
export interface EF21WImplementation {
  weights(problem: Problem): readonly number[];
  step(
    problem: Problem,
    gamma: number,
    k: number,
    state: EF21WState,
  ): { readonly x: Float64Array; readonly gi: readonly Float64Array[] };
}

/** src/algorithms/ef21-w.ts itself. */
export const srcImplementation: EF21WImplementation = {
  weights: (problem) => ef21W({ gamma: 1, compressor: topK(problem.dim, 1) }).init(exactOracle(problem), key(0)).wi,
  step: (problem, gamma, k, state) =>
    ef21W({ gamma, compressor: topK(problem.dim, k) }).step(state, exactOracle(problem), key(0)),
};

/** L_i = ‖A_i‖₂ from the data, and the weights L_i/ΣL_j. */
export function independentWeights(data: QuadraticData): number[] {
  const d = data.b[0].length;
  const q: NodeQuadratics = {
    d,
    A: data.A.map((A) => Float64Array.from(A.flat())),
    b: data.b.map((b) => Float64Array.from(b)),
  };
  return ef21wWeights(smoothnessOf(q).Li);
}

/** A seeded instance with n ∈ 2..5 nodes (L_i spread over two decades) in d ∈ 2..4. */
function seededData(k: Key): QuadraticData {
  const [kn, kd, kData] = split(k, 3);
  return seededQuadratic(kData, 2 + integerBelow(kn, 4), 2 + integerBelow(kd, 3), 'indefinite');
}

/**
 * Each node's weight from the implementation against L_i/ΣL_j, and (compare = 'uniform') against 1/n — the teeth:
 * on heterogeneous L_i the two must differ.
 */
export function weightTrials(
  root: Key,
  count: number,
  impl: EF21WImplementation = srcImplementation,
  compare: 'paper' | 'uniform' = 'paper',
): Trial[] {
  const out: Trial[] = [];
  for (let t = 0; t < count; t++) {
    const data = seededData(foldIn(root, t));
    const problem = quadraticInstance(data).problem;
    const mine = compare === 'paper' ? independentWeights(data) : data.A.map(() => 1 / data.A.length);
    const theirs = impl.weights(problem);
    mine.forEach((w, i) => {
      out.push({
        lhs: theirs[i],
        rhs: w,
        scale: Math.abs(theirs[i]) + Math.abs(w),
        instance: { trial: t, node: i, n: mine.length, expected: compare },
      });
    });
  }
  return out;
}

/** One step from a random state (x, g_i) with top-k, the implementation against the definition, entry by entry. */
export function stepTrials(root: Key, count: number, impl: EF21WImplementation = srcImplementation): Trial[] {
  const out: Trial[] = [];
  for (let t = 0; t < count; t++) {
    const [kData, kState, kK] = split(foldIn(root, t), 3);
    const data = seededData(kData);
    const { problem } = quadraticInstance(data);
    const { n, dim: d } = problem;
    const w = independentWeights(data);
    const z = normal(kState, (n + 1) * d);
    const x = z.slice(0, d);
    const gi = Array.from({ length: n }, (_, i) => z.slice((i + 1) * d, (i + 2) * d));
    const g = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) g[j] += w[i] * gi[i][j];
    const k = 1 + integerBelow(kK, d - 1);
    // A unit-scale step: the identity does not depend on γ's size, only on its use.
    const gamma = 0.1;
    const next = impl.step(problem, gamma, k, { t: 0, x, gi, g, wi: w, bitsPerNode: 0, initBitsPerNode: 0 });
    const xNext = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      let sum = 0;
      let size = 0;
      for (let i = 0; i < n; i++) {
        sum += w[i] * gi[i][j];
        size += Math.abs(w[i] * gi[i][j]);
      }
      xNext[j] = x[j] - gamma * sum;
      out.push({
        lhs: next.x[j],
        rhs: xNext[j],
        scale: Math.abs(next.x[j]) + Math.abs(x[j]) + gamma * size,
        instance: { trial: t, entry: `x⁺[${j}]` },
      });
    }
    const C = topK(d, k);
    for (let i = 0; i < n; i++) {
      const h = problem.gradI(i, xNext);
      const u = new Float64Array(d);
      for (let j = 0; j < d; j++) u[j] = h[j] / (n * w[i]) - gi[i][j];
      const c = C.compress(u, key(0));
      for (let j = 0; j < d; j++) {
        const want = gi[i][j] + c[j];
        out.push({
          lhs: next.gi[i][j],
          rhs: want,
          scale: Math.abs(next.gi[i][j]) + Math.abs(gi[i][j]) + Math.abs(h[j] / (n * w[i])),
          instance: { trial: t, entry: `g_${i}⁺[${j}]` },
        });
      }
    }
  }
  return out;
}
