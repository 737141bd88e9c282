/**
 * The EF14 states ef-sgd-absolute-bound checks its one-step inequality from (_lib/absolute-one-step.ts): seeded
 * arbitrary states, whose memories come out of the hard threshold (e_i = p_i − C_λ(p_i) for an arbitrary p_i, so
 * ‖e_i‖² < dλ² = Δ²), and the worst state, where every inequality of the derivation is an equality up to (1 − ε)².
 */
import type { EF14State } from '../../../src/algorithms/ef14.ts';
import { hardThreshold } from '../../../src/compressors/hard-threshold.ts';
import type { Vector } from '../../../src/linalg/vector.ts';
import { denseQuadratic } from '../../../src/problems/dense-quadratic.ts';
import { foldIn, split, type Key } from '../../../src/rng/key.ts';
import { integerBelow, normal, uniform } from '../../../src/rng/sample.ts';
import { stepSize, type MethodStep } from './absolute-one-step.ts';

const state = (x: Vector, g: Vector, ei: Vector[]): EF14State => ({
  t: 0,
  x,
  g,
  ei,
  bitsPerNode: 0,
  initBitsPerNode: 0,
});
const scaled = (v: Vector, s: number): Vector => v.map((x) => s * x);
/** 10^u with u uniform in [−1, 1]. */
const magnitude = (k: Key): number => 10 ** (2 * uniform(k, 1)[0] - 1);

/** Four kinds of state: arbitrary; no noise (v = 0); empty memories; memories at the contract's edge (|p_j| → λ⁻). */
export const FAMILIES = 4;

/**
 * A seeded state: n ≤ 3 nodes, d ≤ 5, f_i = ½xᵀA_i x − b_iᵀx with A_i symmetric Gaussian (indefinite) or B_iB_iᵀ/d
 * (convex), λ and the scales of x, g, v log-uniform over two decades.
 */
export function randomMethodStep(k: Key): MethodStep {
  const [kShape, kA, kb, kx, kp, kv] = split(k, 6);
  const n = 1 + integerBelow(foldIn(kShape, 0), 3);
  const d = 1 + integerBelow(foldIn(kShape, 1), 5);
  const convex = integerBelow(foldIn(kShape, 2), 2) === 0;
  const family = integerBelow(foldIn(kShape, 3), FAMILIES);
  const problem = denseQuadratic(
    Array.from({ length: n }, (_, i) => {
      const M = normal(foldIn(kA, i), d * d);
      const A = Array.from({ length: d }, (_, r) =>
        Array.from({ length: d }, (_, c) => {
          if (!convex) return (M[r * d + c] + M[c * d + r]) / 2;
          let s = 0;
          for (let l = 0; l < d; l++) s += M[r * d + l] * M[c * d + l];
          return s / d;
        }),
      );
      return { A, b: Array.from(normal(foldIn(kb, i), d)) };
    }),
  );
  const lambda = magnitude(foldIn(kShape, 4));
  const compressor = hardThreshold(d, lambda);
  const scale = magnitude(foldIn(kShape, 5));
  const ei = Array.from({ length: n }, (_, i) => {
    const u = uniform(foldIn(kp, i), d);
    // Edge: every |p_j| just below λ, so nothing is sent and ‖e_i‖² → dλ²; otherwise p_j uniform in ±1.5λ.
    const p = u.map((w, j) =>
      family === 3 ? (j % 2 === 0 ? 1 : -1) * lambda * (1 - 1e-6 * w) : lambda * (3 * w - 1.5),
    );
    if (family === 2) p.fill(0);
    const c = compressor.compress(p, foldIn(kp, 1000 + i));
    return p.map((pj, j) => pj - c[j]);
  });
  const sigma = family === 1 ? 0 : magnitude(foldIn(kShape, 6));
  const v = Array.from({ length: n }, (_, i) => scaled(normal(foldIn(kv, i), d), sigma / Math.sqrt(d)));
  const x = scaled(normal(foldIn(kx, 0), d), scale);
  const g = scaled(normal(foldIn(kx, 1), d), scale);
  return { problem, compressor, lambda, state: state(x, g, ei), v };
}

/** 1 − ε of the worst state: |p_j| = λ(1 − ε) < λ, so C_λ(p) = 0 and ‖e‖² = dλ²(1 − ε)². */
export const EDGE = 1 - 2 ** -26;

/**
 * The worst state at γ = multiplier/(2L): f = (L/2)‖x‖² on n nodes (A_i = L·I, b_i = 0), every memory e_i = p with
 * p_j = λ(1 − ε) (nothing sent), g = 0 and x = γp, so that z = x − γg − γē = 0 is the minimiser (∇f(z) = 0: Young's
 * inequality is an equality), ∇f(x⁺) = Lγē lies in the top eigenspace (so does the noise ±σe₁: the descent lemma is
 * an equality), and ‖ē‖² = Δ²(1 − ε)². At multiplier 1 both sides agree up to (1 − ε)²; any larger step violates.
 */
export function worstMethodStep(
  o: { d: number; n: number; L: number; lambda: number; sigma: number },
  multiplier = 1,
): MethodStep {
  const { d, n, L, lambda, sigma } = o;
  const gamma = stepSize(L, multiplier);
  const identity = Array.from({ length: d }, (_, r) => Array.from({ length: d }, (_, c) => (r === c ? L : 0)));
  const problem = denseQuadratic(Array.from({ length: n }, () => ({ A: identity, b: new Array<number>(d).fill(0) })));
  const p = new Float64Array(d).fill(lambda * EDGE);
  const v = Array.from({ length: n }, () => Float64Array.from({ length: d }, (_, j) => (j === 0 ? sigma : 0)));
  return {
    problem,
    compressor: hardThreshold(d, lambda),
    lambda,
    state: state(
      scaled(p, gamma),
      new Float64Array(d),
      Array.from({ length: n }, () => p.slice()),
    ),
    v,
  };
}
