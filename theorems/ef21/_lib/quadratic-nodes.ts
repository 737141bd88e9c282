/**
 * Per-node dense quadratics f_i(x) = ½xᵀA_i x − b_iᵀx as the adversary moves them: A_i symmetric (indefinite
 * allowed), stored row-major. Their smoothness constants are computed here from the matrices — L_i = ‖A_i‖₂,
 * L = ‖Ā‖₂ with Ā = (1/n)ΣA_i, μ = λ_min(Ā) — by Jacobi (src/linalg/eigen.ts), not taken from
 * src/problems/dense-quadratic.ts, so that a search over them does not lean on the code a claim may be checking.
 */
import { spectralNormSymmetric } from '../../../src/linalg/eigen.ts';
import type { ReadonlyVector, Vector } from '../../../src/linalg/vector.ts';
import type { Problem } from '../../../src/problems/types.ts';

export interface NodeQuadratics {
  readonly d: number;
  /** A_i, d×d row-major, symmetric. */
  readonly A: readonly Float64Array[];
  readonly b: readonly Float64Array[];
}

/** ∇f_i(x) = A_i x − b_i, fresh. */
export function nodeGradient(q: NodeQuadratics, i: number, x: ReadonlyVector): Vector {
  const { d } = q;
  const A = q.A[i];
  const b = q.b[i];
  const out = new Float64Array(d);
  for (let r = 0; r < d; r++) {
    let s = -b[r];
    for (let c = 0; c < d; c++) s += A[r * d + c] * x[c];
    out[r] = s;
  }
  return out;
}

/** f_i(x). */
export function nodeValue(q: NodeQuadratics, i: number, x: ReadonlyVector): number {
  const { d } = q;
  const A = q.A[i];
  let s = 0;
  for (let r = 0; r < d; r++) {
    let ax = 0;
    for (let c = 0; c < d; c++) ax += A[r * d + c] * x[c];
    s += x[r] * (0.5 * ax - q.b[i][r]);
  }
  return s;
}

/** Ā = (1/n)ΣA_i. */
export function meanMatrix(q: NodeQuadratics): Float64Array {
  const n = q.A.length;
  const out = new Float64Array(q.d * q.d);
  for (let i = 0; i < n; i++) for (let j = 0; j < out.length; j++) out[j] += q.A[i][j] / n;
  return out;
}

/** vᵀMv for a row-major d×d M. */
export function quadraticForm(M: ReadonlyVector, v: ReadonlyVector): number {
  const d = v.length;
  let s = 0;
  for (let r = 0; r < d; r++) {
    let t = 0;
    for (let c = 0; c < d; c++) t += M[r * d + c] * v[c];
    s += v[r] * t;
  }
  return s;
}

/** L_i = ‖A_i‖₂ and L = ‖Ā‖₂. */
export function smoothnessOf(q: NodeQuadratics): { L: number; Li: number[] } {
  return {
    L: spectralNormSymmetric({ order: q.d, data: meanMatrix(q) }),
    Li: q.A.map((A) => spectralNormSymmetric({ order: q.d, data: A })),
  };
}

/**
 * f(x) − f* = ½∇f(x)ᵀĀ⁻¹∇f(x) for Ā ≻ 0: the gap from the gradient alone, nonnegative summand by summand, so it
 * keeps its relative accuracy where f(x) and f* nearly cancel. eigen = symmetricEigen of Ā.
 */
export function gapFromGradient(
  eigen: { readonly values: ReadonlyVector; readonly vectors: readonly ReadonlyVector[] },
  gradF: ReadonlyVector,
): number {
  let s = 0;
  for (let k = 0; k < gradF.length; k++) {
    let proj = 0;
    for (let j = 0; j < gradF.length; j++) proj += eigen.vectors[k][j] * gradF[j];
    s += (0.5 * proj * proj) / eigen.values[k];
  }
  return s;
}

/** The quadratics as a src Problem, for stepping the real implementations (only n, dim, fI and gradI are read). */
export function asProblem(q: NodeQuadratics, L: number, Li: readonly number[]): Problem {
  const n = q.A.length;
  return {
    name: `adversary-quadratic(n=${n},d=${q.d})`,
    dim: q.d,
    n,
    fI: (i, x) => nodeValue(q, i, x),
    gradI: (i, x) => nodeGradient(q, i, x),
    L,
    Li,
    fInf: -Infinity,
    fInfExact: false,
  };
}
