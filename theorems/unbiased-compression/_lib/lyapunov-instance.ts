/**
 * The random instances and states of diana-lyapunov (docs/theory.md §A2.3; docs/unbiased-compression.md): dense convex
 * quadratics f_i with Ā ≻ 0 (so f is μ-strongly convex) on shapes small enough for the rand-k law to be enumerated,
 * and DIANA states (x, h_i) at scales spread over four decades, so that the one-step inequality is met from
 * everywhere, not only near the trajectories a run visits.
 */
import { symmetricEigen } from '../../../src/linalg/eigen.ts';
import type { ReadonlyVector, Vector } from '../../../src/linalg/vector.ts';
import { denseQuadratic } from '../../../src/problems/dense-quadratic.ts';
import type { Problem } from '../../../src/problems/types.ts';
import { foldIn, type Key } from '../../../src/rng/key.ts';
import { integerBelow, normal, uniform } from '../../../src/rng/sample.ts';
import type { JsonValue } from '../../types.ts';
import { kSubsets } from './rand-k-law.ts';

/** A random instance of the setting with its minimiser and the gradients there. */
export interface LyapunovInstance {
  readonly problem: Problem;
  readonly xStar: Vector;
  /** ∇f_i(x*). */
  readonly gradStar: readonly Vector[];
  /** rand-k's k (1 ≤ k < d). */
  readonly k: number;
}

/** A DIANA state: the iterate and the node shifts (the master's h is their mean). */
export interface DianaPoint {
  readonly x: ReadonlyVector;
  readonly hi: readonly ReadonlyVector[];
}

/** Sizes with at most 1000 outcomes of the product law: (n, d, k) with C(d, k)^n ≤ 1000, 1 ≤ k < d ≤ 5. */
export const SHAPES: readonly (readonly [number, number, number])[] = (() => {
  const out: [number, number, number][] = [];
  for (let n = 1; n <= 3; n++)
    for (let d = 2; d <= 5; d++)
      for (let k = 1; k < d; k++) if (kSubsets(d, k).length ** n <= 1000) out.push([n, d, k]);
  return out;
})();

/**
 * A random instance: A_i = s_i·B_iB_iᵀ/m_i + c_i I with B_i ∈ ℝ^{d×m_i} Gaussian, m_i ∈ {1, …, d}, s_i log-uniform
 * in [0.1, 10], c_0 ∈ [0.01, 0.5]·s_0 > 0 (so Ā ≻ 0) and c_i = 0 for half of the other nodes; b_i Gaussian.
 */
export function randomInstance(k0: Key): LyapunovInstance {
  const [n, d, k] = SHAPES[integerBelow(foldIn(k0, 0), SHAPES.length)];
  const nodes: { A: number[][]; b: number[] }[] = [];
  const aBar = new Float64Array(d * d);
  const bBar = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const ki = foldIn(foldIn(k0, 1), i);
    const u = uniform(foldIn(ki, 0), 3);
    const m = 1 + integerBelow(foldIn(ki, 1), d);
    const s = 10 ** (2 * u[0] - 1);
    const c = i === 0 ? s * (0.01 + 0.49 * u[1]) : u[2] < 0.5 ? 0 : s * u[1];
    const B = normal(foldIn(ki, 2), d * m);
    const A: number[][] = Array.from({ length: d }, (_, r) =>
      Array.from({ length: d }, (_, col) => {
        let v = 0;
        for (let l = 0; l < m; l++) v += B[r * m + l] * B[col * m + l];
        return (s * v) / m + (r === col ? c : 0);
      }),
    );
    const b = Array.from(normal(foldIn(ki, 3), d));
    nodes.push({ A, b });
    for (let r = 0; r < d; r++) {
      bBar[r] += b[r] / n;
      for (let col = 0; col < d; col++) aBar[r * d + col] += A[r][col] / n;
    }
  }
  const problem = denseQuadratic(nodes);
  // x* = V Λ⁻¹ Vᵀ b̄.
  const { values, vectors } = symmetricEigen({ order: d, data: aBar });
  const xStar = new Float64Array(d);
  for (let q = 0; q < d; q++) {
    let proj = 0;
    for (let j = 0; j < d; j++) proj += vectors[q][j] * bBar[j];
    for (let j = 0; j < d; j++) xStar[j] += (proj / values[q]) * vectors[q][j];
  }
  return { problem, xStar, gradStar: nodes.map((_, i) => problem.gradI(i, xStar)), k };
}

/** A random state: x − x* at scale 10^{u∈[−2,2]}; h_i near ∇f_i(x*), near ∇f_i(x) or 0 (one of three modes). */
export function randomState(inst: LyapunovInstance, k0: Key): DianaPoint {
  const { problem, xStar } = inst;
  const { n, dim: d } = problem;
  const u = uniform(foldIn(k0, 0), 2);
  const sx = 10 ** (4 * u[0] - 2);
  const sh = 10 ** (4 * u[1] - 2);
  const zx = normal(foldIn(k0, 1), d);
  const x = Float64Array.from(xStar, (v, j) => v + sx * zx[j]);
  const mode = integerBelow(foldIn(k0, 2), 3);
  const hi = Array.from({ length: n }, (_, i) => {
    if (mode === 2) return new Float64Array(d);
    const base = mode === 0 ? inst.gradStar[i] : problem.gradI(i, x);
    const z = normal(foldIn(foldIn(k0, 3), i), d);
    return Float64Array.from(base, (v, j) => v + sh * z[j]);
  });
  return { x, hi };
}

/** An (instance, state) as the counterexample a violated trial reports. */
export function lyapunovInstanceJson(inst: LyapunovInstance, state: DianaPoint): JsonValue {
  return {
    n: inst.problem.n,
    d: inst.problem.dim,
    k: inst.k,
    x: Array.from(state.x),
    hi: state.hi.map((v) => Array.from(v)),
    xStar: Array.from(inst.xStar),
    L: inst.problem.L,
    Li: [...inst.problem.Li],
    mu: inst.problem.mu as number,
  };
}
