/**
 * Test instances for the EF21-family checks (docs/theory.md §0.4 "Test problems"): dense quadratics
 * f_i(x) = ½xᵀA_i x − b_iᵀx with A_i symmetric and possibly indefinite, and small binary logistic regressions with
 * the nonconvex regulariser, both with heterogeneous L_i (node i scaled by s_i ∈ [1/10, 10], log-uniform), plus
 * arbitrary EF21 states (x, g_1, …, g_n). Everything is at unit scale (PEPit's normalisation, docs/design.md §3), and
 * every instance carries `fScale(x)`: Σ|summands| of f(x), what the rounding of f is relative to, so that
 * tolerances scale with the summands and not with a value that can cancel.
 */
import { fromDenseRows } from '../../../src/data/dataset.ts';
import { norm2sq, type ReadonlyVector, type Vector } from '../../../src/linalg/vector.ts';
import { denseQuadratic } from '../../../src/problems/dense-quadratic.ts';
import { logisticRegression } from '../../../src/problems/logistic-regression.ts';
import type { Problem } from '../../../src/problems/types.ts';
import { foldIn, split, type Key } from '../../../src/rng/key.ts';
import { integerBelow, normal, uniform } from '../../../src/rng/sample.ts';
import type { JsonValue } from '../../types.ts';

/** Node i: A[i] (d×d, symmetric) and b[i]. */
export interface QuadraticData {
  readonly A: readonly (readonly (readonly number[])[])[];
  readonly b: readonly (readonly number[])[];
}

/** Node i: rows[i] (m_i × d feature rows) and labels[i] (±1); λ of the regulariser λΣx²/(1 + x²). */
export interface LogisticData {
  readonly rows: readonly (readonly (readonly number[])[])[];
  readonly labels: readonly (readonly number[])[];
  readonly lambda: number;
}

export interface Instance {
  readonly problem: Problem;
  /** 'quadratic' or 'logistic', for tables. */
  readonly family: 'quadratic' | 'logistic';
  /** Σ|summands| of f(x) = (1/n)Σ f_i(x): the magnitude its rounding error is relative to. */
  fScale(x: ReadonlyVector): number;
  /** The data, for counterexamples. */
  readonly json: JsonValue;
}

export function quadraticInstance(data: QuadraticData): Instance {
  const problem = denseQuadratic(data.A.map((A, i) => ({ A: A.map((r) => [...r]), b: [...data.b[i]] })));
  const n = data.A.length;
  const d = data.b[0].length;
  const fScale = (x: ReadonlyVector): number => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const A = data.A[i];
      for (let r = 0; r < d; r++) {
        for (let c = 0; c < d; c++) s += 0.5 * Math.abs(x[r] * A[r][c] * x[c]);
        s += Math.abs(data.b[i][r] * x[r]);
      }
    }
    return s / n;
  };
  return {
    problem,
    family: 'quadratic',
    fScale,
    json: { A: data.A.map((a) => a.map((r) => [...r])), b: data.b.map((r) => [...r]) },
  };
}

export function logisticInstance(data: LogisticData): Instance {
  const parts = data.rows.map((rows, i) =>
    fromDenseRows(
      rows.map((r) => Float64Array.from(r)),
      Float64Array.from(data.labels[i]),
    ),
  );
  const problem = logisticRegression(parts, { lambda: data.lambda });
  const n = data.rows.length;
  // Every term of f is ≥ 0 (softplus, x²/(1 + x²)), so |f| is the size of its summands; the margins a_rᵀx are
  // sums that can cancel, and softplus is 1-Lipschitz, so their summand sizes are added too.
  const fScale = (x: ReadonlyVector): number => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const rows = data.rows[i];
      let t = 0;
      for (const row of rows) for (let j = 0; j < row.length; j++) t += Math.abs(row[j] * x[j]);
      s += t / rows.length + problem.fI(i, x);
    }
    return s / n;
  };
  return {
    problem,
    family: 'logistic',
    fScale,
    json: {
      rows: data.rows.map((r) => r.map((v) => [...v])),
      labels: data.labels.map((l) => [...l]),
      lambda: data.lambda,
    },
  };
}

/** Node scales s_i = 10^(2u − 1) ∈ [1/10, 10]: heterogeneous L_i (docs/theory.md §4.5 [R]: one way to make them so). */
function nodeScales(k: Key, n: number): number[] {
  return Array.from(uniform(k, n), (u) => 10 ** (2 * u - 1));
}

/**
 * A seeded dense quadratic: A_i = s_i·M_i with M_i = (Z + Zᵀ)/(2√d) (indefinite) or M_i = ZᵀZ/d + I/10 (positive
 * definite, for PL), Z standard Gaussian; b_i Gaussian.
 */
export function seededQuadratic(k: Key, n: number, d: number, kind: 'indefinite' | 'positive-definite'): QuadraticData {
  const [kScale, kA, kB] = split(k, 3);
  const s = nodeScales(kScale, n);
  const A: number[][][] = [];
  const b: number[][] = [];
  for (let i = 0; i < n; i++) {
    const z = normal(foldIn(kA, i), d * d);
    const M = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let r = 0; r < d; r++) {
      for (let c = 0; c < d; c++) {
        if (kind === 'indefinite') M[r][c] = (s[i] * (z[r * d + c] + z[c * d + r])) / (2 * Math.sqrt(d));
        else {
          let t = 0;
          for (let q = 0; q < d; q++) t += z[q * d + r] * z[q * d + c];
          M[r][c] = s[i] * (t / d + (r === c ? 0.1 : 0));
        }
      }
    }
    A.push(M);
    b.push(Array.from(normal(foldIn(kB, i), d)));
  }
  return { A, b };
}

/** A seeded logistic problem: m rows per node, Gaussian features scaled by s_i, labels from a planted model. */
export function seededLogistic(k: Key, n: number, d: number, m: number, lambda = 0.1): LogisticData {
  const [kScale, kRows, kW, kFlip] = split(k, 4);
  const s = nodeScales(kScale, n);
  const w = normal(kW, d);
  const rows: number[][][] = [];
  const labels: number[][] = [];
  for (let i = 0; i < n; i++) {
    const z = normal(foldIn(kRows, i), m * d);
    const u = uniform(foldIn(kFlip, i), m);
    const node: number[][] = [];
    const y: number[] = [];
    for (let r = 0; r < m; r++) {
      const row = Array.from({ length: d }, (_, j) => s[i] * z[r * d + j]);
      let score = 0;
      for (let j = 0; j < d; j++) score += row[j] * w[j];
      // 20% label noise keeps the problem away from separable (f_inf = 0 would be approached at infinity).
      y.push(score >= 0 !== u[r] < 0.2 ? 1 : -1);
      node.push(row);
    }
    rows.push(node);
    labels.push(y);
  }
  return { rows, labels, lambda };
}

/** How the node estimators g_i of an arbitrary state are drawn (docs/theory.md §0.4: adversarial start g_i ≈ ∇f_i). */
export type StateKind = 'random' | 'near-gradient' | 'gradient';
export const STATE_KINDS: readonly StateKind[] = ['random', 'near-gradient', 'gradient'];

export interface NodeState {
  readonly x: Vector;
  readonly gi: readonly Vector[];
}

/**
 * An arbitrary state: x standard Gaussian; g_i = ∇f_i(x) + ε·‖∇f_i(x)‖·z_i/√d with ε = 1 ('random', plus an
 * independent Gaussian of unit size), ε = 1/100 ('near-gradient') or ε = 0 ('gradient', G = 0).
 */
export function seededState(
  k: Key,
  problem: Problem,
  kind: StateKind,
  target?: (i: number, x: ReadonlyVector) => Vector,
): NodeState {
  const d = problem.dim;
  const [kx, kg] = split(k);
  const x = normal(kx, d);
  const h = target ?? ((i: number, y: ReadonlyVector): Vector => problem.gradI(i, y));
  const gi = Array.from({ length: problem.n }, (_, i) => {
    const g = h(i, x);
    if (kind === 'gradient') return g;
    const z = normal(foldIn(kg, i), 2 * d);
    const eps = kind === 'random' ? 1 : 0.01;
    const size = Math.sqrt(norm2sq(g) / d);
    for (let j = 0; j < d; j++) g[j] += eps * size * z[j] + (kind === 'random' ? z[d + j] : 0);
    return g;
  });
  return { x, gi };
}

/** One of the kinds, chosen by the key. */
export function seededStateKind(k: Key): StateKind {
  return STATE_KINDS[integerBelow(k, STATE_KINDS.length)];
}

/** Compressor specs (src/compressors/registry.ts grammar) whose output ignores the key: checked pathwise. */
export function deterministicSpecs(d: number): string[] {
  const ks = [...new Set([1, Math.ceil(d / 4), Math.ceil(d / 2), d])];
  return [...ks.map((k) => `top-k:k=${k}`), 'scaled-sign'];
}

/** Random contractive compressor specs with exact expectation(): checked in exact expectation. */
export function randomSpecs(d: number): string[] {
  const k = Math.ceil(d / 3);
  return [
    `rand-k:k=${k}`,
    'bernoulli:p=0.5',
    `contractive(rand-k:k=${k},scaled)`,
    'contractive(natural)',
    `top-k:k=${k}+natural`,
  ];
}
