/**
 * Eigenvalues for smoothness constants.
 * - symmetricEigen: cyclic Jacobi for small dense symmetric matrices (quadratics' A_i): backward stable, every
 *   eigenvalue to within a few ulps of ‖A‖₂ [Golub & Van Loan, Matrix Computations, §8.5].
 * - largestEigenvalueGram: λ_max(AᵀA) of a data matrix through matrix–vector products only (Lanczos with full
 *   reorthogonalisation), with an explicit residual so that the returned L is an upper bound, not an estimate.
 */
import { normal } from '../rng/sample.ts';
import { key as makeKey, type Key } from '../rng/key.ts';
import type { ReadonlyVector, Vector } from './vector.ts';

/** A square matrix as rows, or row-major data with its order. */
export type SquareMatrix = readonly ReadonlyVector[] | { readonly order: number; readonly data: ReadonlyVector };

function toRowMajor(A: SquareMatrix, who: string): { n: number; a: Float64Array } {
  if ('order' in A) {
    const n = A.order;
    if (A.data.length !== n * n) throw new RangeError(`${who}: data of length ${A.data.length} is not ${n}×${n}`);
    return { n, a: Float64Array.from(A.data) };
  }
  const n = A.length;
  const a = new Float64Array(n * n);
  for (let r = 0; r < n; r++) {
    if (A[r].length !== n) throw new RangeError(`${who}: row ${r} has length ${A[r].length}, expected ${n}`);
    for (let c = 0; c < n; c++) a[r * n + c] = A[r][c];
  }
  return { n, a };
}

export interface SymmetricEigen {
  /** Ascending. */
  readonly values: Float64Array;
  /** vectors[k] is a unit eigenvector for values[k]. */
  readonly vectors: readonly Float64Array[];
}

/**
 * All eigenpairs of a symmetric matrix by cyclic Jacobi rotations (only the upper triangle is read).
 * @example
 * symmetricEigen([[2, 1], [1, 2]]).values;
 * // returns Float64Array [1, 3] (to rounding: 0.9999999999999998, 2.9999999999999996)
 */
export function symmetricEigen(A: SquareMatrix): SymmetricEigen {
  const { n, a } = toRowMajor(A, 'symmetricEigen');
  for (let j = 0; j < n * n; j++) if (!Number.isFinite(a[j])) throw new RangeError('symmetricEigen: non-finite entry');
  for (let r = 0; r < n; r++) for (let c = 0; c < r; c++) a[r * n + c] = a[c * n + r];
  const v = new Float64Array(n * n);
  for (let j = 0; j < n; j++) v[j * n + j] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let p = 0; p < n; p++) {
      diag += a[p * n + p] * a[p * n + p];
      for (let q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
    }
    // Converged once the off-diagonal mass is below rounding of the diagonal (quadratic convergence gets there in
    // a handful of sweeps); the floor handles the zero matrix.
    if (off <= 1e-34 * diag || off < 1e-300) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const app = a[p * n + p];
        const aqq = a[q * n + q];
        // Rotation angle from tan 2φ = 2a_pq/(a_qq − a_pp), smaller root for stability [Golub & Van Loan, Alg. 8.5.1].
        const tau = (aqq - app) / (2 * apq);
        const t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, j) => j).sort((x, y) => a[x * n + x] - a[y * n + y]);
  const values = Float64Array.from(order, (j) => a[j * n + j]);
  const vectors = order.map((j) => {
    const u = new Float64Array(n);
    for (let k = 0; k < n; k++) u[k] = v[k * n + j];
    return u;
  });
  return { values, vectors };
}

/**
 * Eigenvalues of a symmetric matrix, ascending.
 * @example
 * symmetricEigenvalues([[0, 1], [1, 0]]);
 * // returns Float64Array [-1, 1] (to rounding)
 */
export function symmetricEigenvalues(A: SquareMatrix): Float64Array {
  return symmetricEigen(A).values;
}

/** ‖A‖₂ = max |λ| of a symmetric matrix (the L of a quadratic with Hessian A, docs/theory.md §0.4). */
export function spectralNormSymmetric(A: SquareMatrix): number {
  const values = symmetricEigenvalues(A);
  return values.length === 0 ? 0 : Math.max(Math.abs(values[0]), Math.abs(values[values.length - 1]));
}

/** A (rows × cols) matrix known through its products: a dataset's feature matrix, sparse or dense. */
export interface LinearOperator {
  readonly rows: number;
  readonly cols: number;
  /** A v, fresh (v has length cols). */
  times(v: ReadonlyVector): Vector;
  /** Aᵀ u, fresh (u has length rows). */
  timesTranspose(u: ReadonlyVector): Vector;
}

export interface GramEigenBounds {
  /** The largest Ritz value θ: a Rayleigh quotient of AᵀA, hence θ ≤ λ_max(AᵀA) always. */
  readonly lower: number;
  /** θ + ‖AᵀA y − θ y‖ + rounding allowance for the unit Ritz vector y (see largestEigenvalueGram). */
  readonly upper: number;
  /** The explicit residual ‖AᵀA y − θ y‖. */
  readonly residual: number;
  readonly iterations: number;
}

/** Up to this many columns AᵀA is formed and diagonalised by Jacobi. */
const SMALL_GRAM = 32;

/** The largest eigenvalue of a symmetric tridiagonal matrix (diagonal alpha, off-diagonal beta) by Sturm bisection. */
function tridiagonalMax(alpha: Float64Array, beta: Float64Array, k: number): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let j = 0; j < k; j++) {
    const r = (j > 0 ? Math.abs(beta[j - 1]) : 0) + (j < k - 1 ? Math.abs(beta[j]) : 0);
    lo = Math.min(lo, alpha[j] - r);
    hi = Math.max(hi, alpha[j] + r);
  }
  // Count of eigenvalues < s from the signs of the LDLᵀ pivots.
  const below = (s: number): number => {
    let count = 0;
    let q = alpha[0] - s;
    if (q < 0) count++;
    for (let j = 1; j < k; j++) {
      const denom = q === 0 ? 1e-300 : q;
      q = alpha[j] - s - (beta[j - 1] * beta[j - 1]) / denom;
      if (q < 0) count++;
    }
    return count;
  };
  for (let it = 0; it < 200 && hi - lo > 1e-15 * Math.max(Math.abs(lo), Math.abs(hi)); it++) {
    const mid = 0.5 * (lo + hi);
    if (below(mid) >= k) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}

/** The unit eigenvector of the tridiagonal matrix for (approximate) eigenvalue theta, by two steps of inverse iteration. */
function tridiagonalVector(alpha: Float64Array, beta: Float64Array, k: number, theta: number): Float64Array {
  let s = new Float64Array(k).fill(1 / Math.sqrt(k));
  if (k === 1) return s;
  const shift = theta + 1e-13 * Math.abs(theta) + 1e-300;
  for (let rep = 0; rep < 3; rep++) {
    // Thomas algorithm on (T − shift·I) z = s, with pivot guarding.
    const c = new Float64Array(k);
    const z = new Float64Array(k);
    let piv = alpha[0] - shift || 1e-300;
    c[0] = k > 1 ? beta[0] / piv : 0;
    z[0] = s[0] / piv;
    for (let j = 1; j < k; j++) {
      piv = alpha[j] - shift - beta[j - 1] * c[j - 1] || 1e-300;
      c[j] = j < k - 1 ? beta[j] / piv : 0;
      z[j] = (s[j] - beta[j - 1] * z[j - 1]) / piv;
    }
    for (let j = k - 2; j >= 0; j--) z[j] -= c[j] * z[j + 1];
    // A near-singular shift makes z huge: divide by max|z_j| first so the norm cannot overflow.
    let big = 0;
    for (let j = 0; j < k; j++) big = Math.max(big, Math.abs(z[j]));
    if (!(big > 0 && Number.isFinite(big))) return s;
    for (let j = 0; j < k; j++) z[j] /= big;
    let nz = 0;
    for (let j = 0; j < k; j++) nz += z[j] * z[j];
    nz = Math.sqrt(nz);
    for (let j = 0; j < k; j++) z[j] /= nz;
    s = z;
  }
  return s;
}

/**
 * Bounds on λ_max(AᵀA) = ‖A‖₂². Up to 32 columns: AᵀA formed from products and Jacobi (lower = upper, to
 * rounding). Otherwise Lanczos on AᵀA (two products per step, AᵀA never formed), run until the top
 * Ritz value changes by less than `rtol` (1e-12) relatively and its residual estimate is below 1e-10·θ, or the
 * Krylov space is exhausted, or `maxIterations` (300) is reached (then `upper` is looser but still valid). What is guaranteed, and what is not:
 * - `lower` = θ is a Rayleigh quotient, so θ ≤ λ_max, always.
 * - For a symmetric M and unit y, some eigenvalue of M lies in [θ − ‖My − θy‖, θ + ‖My − θy‖]
 *   [Parlett, The Symmetric Eigenvalue Problem, Thm 4.5.1]. We compute that residual explicitly (not Lanczos'
 *   cheap estimate), so `upper` bounds the eigenvalue θ approximates. It bounds λ_max itself unless the random
 *   start is (numerically) orthogonal to the top eigenvector, so that Lanczos never sees it — probability zero
 *   for a Gaussian start, and exceedingly unlikely in floating point after full reorthogonalisation. It is not a
 *   certificate in the interval-arithmetic sense; `frobeniusSq` below is one (‖A‖₂² ≤ ‖A‖_F²), and `upper` is
 *   capped by it.
 */
export function largestEigenvalueGramBounds(
  A: LinearOperator,
  options: { readonly rtol?: number; readonly maxIterations?: number; readonly key?: Key } = {},
): GramEigenBounds {
  const { rows, cols } = A;
  if (rows === 0 || cols === 0) return { lower: 0, upper: 0, residual: 0, iterations: 0 };
  if (cols <= SMALL_GRAM) {
    // Forming AᵀA costs `cols` product pairs, no more than Lanczos would spend, and Jacobi then gives λ_max to
    // rounding (backward stable: exact for AᵀA + E with ‖E‖ ≈ ε‖AᵀA‖).
    const data = new Float64Array(cols * cols);
    const e = new Float64Array(cols);
    for (let j = 0; j < cols; j++) {
      e[j] = 1;
      const column = A.timesTranspose(A.times(e));
      e[j] = 0;
      for (let r = 0; r < cols; r++) data[r * cols + j] = column[r];
    }
    for (let r = 0; r < cols; r++)
      for (let c = r + 1; c < cols; c++)
        data[r * cols + c] = data[c * cols + r] = 0.5 * (data[r * cols + c] + data[c * cols + r]);
    const values = symmetricEigenvalues({ order: cols, data });
    const top = Math.max(0, values[cols - 1]);
    return { lower: top, upper: top, residual: 0, iterations: 0 };
  }
  const rtol = options.rtol ?? 1e-12;
  const maxK = Math.min(cols, options.maxIterations ?? 300);
  const gram = (v: ReadonlyVector): Vector => A.timesTranspose(A.times(v));

  const Q: Float64Array[] = [];
  const alpha = new Float64Array(maxK);
  const beta = new Float64Array(maxK);
  let q = normal(options.key ?? makeKey(0x1a9c05), cols);
  let nq = 0;
  for (let j = 0; j < cols; j++) nq += q[j] * q[j];
  nq = Math.sqrt(nq);
  for (let j = 0; j < cols; j++) q[j] /= nq;
  let theta = 0;
  let previous = -Infinity;
  let k = 0;
  for (; k < maxK; k++) {
    Q.push(q);
    const w = gram(q);
    let a = 0;
    for (let j = 0; j < cols; j++) a += w[j] * q[j];
    alpha[k] = a;
    // Full reorthogonalisation (twice is enough [Giraud et al. 2005]) keeps the Ritz values free of ghosts.
    for (let pass = 0; pass < 2; pass++) {
      for (const u of Q) {
        let h = 0;
        for (let j = 0; j < cols; j++) h += w[j] * u[j];
        for (let j = 0; j < cols; j++) w[j] -= h * u[j];
      }
    }
    let b = 0;
    for (let j = 0; j < cols; j++) b += w[j] * w[j];
    b = Math.sqrt(b);
    theta = tridiagonalMax(alpha, beta, k + 1);
    // θ converges like the square of the residual, so a stalled θ can hide a residual of sqrt(rtol)·θ; the upper
    // bound θ + ‖r‖ needs the residual itself small. Lanczos' cheap residual of the top Ritz pair is b·|s_k|.
    const stalled = Math.abs(theta - previous) <= rtol * Math.abs(theta);
    previous = theta;
    const sLast = tridiagonalVector(alpha, beta, k + 1, theta)[k];
    if (b <= 1e-14 * Math.abs(theta) || (stalled && b * Math.abs(sLast) <= Math.sqrt(rtol) * 1e-4 * Math.abs(theta))) {
      k++;
      break;
    }
    beta[k] = b;
    q = new Float64Array(cols);
    for (let j = 0; j < cols; j++) q[j] = w[j] / b;
  }
  // Ritz vector y = Q s and its explicit residual.
  const s = tridiagonalVector(alpha, beta, k, theta);
  const y = new Float64Array(cols);
  for (let i = 0; i < k; i++) {
    const u = Q[i];
    const si = s[i];
    for (let j = 0; j < cols; j++) y[j] += si * u[j];
  }
  let ny = 0;
  for (let j = 0; j < cols; j++) ny += y[j] * y[j];
  ny = Math.sqrt(ny);
  for (let j = 0; j < cols; j++) y[j] /= ny;
  const My = gram(y);
  let rayleigh = 0;
  for (let j = 0; j < cols; j++) rayleigh += My[j] * y[j];
  let res = 0;
  for (let j = 0; j < cols; j++) res += (My[j] - rayleigh * y[j]) ** 2;
  res = Math.sqrt(res);
  const lower = Math.max(theta, rayleigh);
  // 1e-12·λ covers the rounding of the products that produced the residual (far above its O(nnz_row·ε) size).
  return { lower, upper: rayleigh + res + 1e-12 * Math.abs(rayleigh), residual: res, iterations: k };
}

/**
 * An upper bound on λ_max(AᵀA) (see largestEigenvalueGramBounds for exactly what is guaranteed), for
 * L = λ_max(AᵀA)/(4m) + 2λ and its relatives (docs/theory.md §3.9).
 * @example
 * largestEigenvalueGram({ rows: 2, cols: 2, times: (v) => Float64Array.of(3 * v[0], v[1]), timesTranspose: (u) => Float64Array.of(3 * u[0], u[1]) });
 * // returns 9.000000000009 (9 plus the 1e-12 rounding allowance)
 */
export function largestEigenvalueGram(
  A: LinearOperator,
  options: { readonly rtol?: number; readonly maxIterations?: number; readonly key?: Key } = {},
): number {
  return largestEigenvalueGramBounds(A, options).upper;
}
