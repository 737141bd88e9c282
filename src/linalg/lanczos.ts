/**
 * λ_min of a symmetric operator known only through products v ↦ Hv (Hessian–vector products), by Lanczos with full
 * reorthogonalisation [Golub & Van Loan, Matrix Computations, §10.1; Parlett, The Symmetric Eigenvalue Problem,
 * ch. 13]. Built for the second-order half of an ε-SOSP test, λ_min(∇²f(x)) ≥ −√(ρε) (docs/theory.md §7), at
 * d = 10⁴ where no dense Hessian is ever formed.
 *
 * Design:
 * - A fixed number m of steps (m ≤ d), so that the cost (m products and O(m²d) reorthogonalisation) is known in
 *   advance; it stops earlier only when the Krylov space is invariant (β_j ≈ 0), where the Ritz values are exact.
 *   Low-rank Hessians (a saddle embedded in ℝ^d) reach that after rank + 1 steps.
 * - A deterministic start: the normalised Gaussian normal(key, d), so the same key gives the same answer bit for bit.
 * - Full reorthogonalisation, repeated while a pass cancels most of the vector ("twice is enough" [Parlett, §6.9;
 *   Giraud et al. 2005]): m is small, and it keeps spurious copies ("ghosts") of converged Ritz values out of T.
 * - The m × m tridiagonal T is diagonalised by Jacobi (src/linalg/eigen.ts); the Ritz vector y = Q s and its explicit
 *   residual ‖Hy − θy‖ are returned.
 *
 * What is guaranteed: θ = yᵀHy is a Rayleigh quotient, so θ ≥ λ_min(H) up to rounding, always; and some eigenvalue
 * of H lies within ‖Hy − θy‖ of θ [Parlett, Thm 4.5.1]. θ equals λ_min only when the start is not orthogonal to
 * its eigenvector (probability one for a Gaussian start) and m steps have converged — the residual says how far.
 */
import { normal } from '../rng/sample.ts';
import type { Key } from '../rng/key.ts';
import { symmetricEigen } from './eigen.ts';
import type { ReadonlyVector, Vector } from './vector.ts';

/** A symmetric d × d operator through its products: a Hessian at a point, a dense matrix, a diagonal. */
export interface SymmetricOperator {
  readonly dim: number;
  /** H v, fresh; never writes to v. */
  apply(v: ReadonlyVector): Vector;
}

export interface LanczosOptions {
  /** m: Lanczos steps (clipped to d). */
  readonly iterations: number;
  /** Start vector normal(key, d)/‖·‖. */
  readonly key: Key;
  /**
   * The same start drawn once by the caller (lanczosStart(key, d)), for loops that test many operators from one
   * start and should not redraw d normals each time; the key is then not used.
   */
  readonly start?: ReadonlyVector;
  /**
   * Breakdown threshold: stop when β_j ≤ breakdown·max(‖T‖ estimate, tiny). Default 1e-12: below it the next
   * Lanczos vector would be rounding noise, not a new direction.
   */
  readonly breakdown?: number;
}

export interface LanczosResult {
  /** θ_min, the smallest Ritz value: an upper bound on λ_min(H) (Rayleigh quotient), equal to it once converged. */
  readonly lambdaMin: number;
  /** The unit Ritz vector y of θ_min. */
  readonly vector: Vector;
  /** ‖Hy − θ_min y‖, computed with one more product (not Lanczos' cheap estimate). */
  readonly residual: number;
  /** Steps taken: m, or fewer when the Krylov space became invariant. */
  readonly iterations: number;
  /** Every Ritz value, ascending. */
  readonly ritzValues: Float64Array;
}

/**
 * @example
 * lanczosMinEigenvalue({ dim: 3, apply: (v) => Float64Array.of(2 * v[0], -v[1], 5 * v[2]) }, { iterations: 3, key: key(1) }).lambdaMin;
 * // returns -1 (to rounding)
 */
export function lanczosMinEigenvalue(H: SymmetricOperator, options: LanczosOptions): LanczosResult {
  const d = H.dim;
  if (!(Number.isInteger(d) && d >= 1)) throw new RangeError(`lanczos: need an integer dimension d ≥ 1, got ${d}`);
  if (!(Number.isInteger(options.iterations) && options.iterations >= 1)) {
    throw new RangeError(`lanczos: need an integer iteration count m ≥ 1, got ${options.iterations}`);
  }
  const m = Math.min(options.iterations, d);
  const breakdown = options.breakdown ?? 1e-12;
  const Q: Float64Array[] = [];
  const alpha: number[] = [];
  const beta: number[] = [];
  if (options.start !== undefined && options.start.length !== d)
    throw new RangeError(`lanczos: start has length ${options.start.length}, expected ${d}`);
  let q = options.start === undefined ? lanczosStart(options.key, d) : copyOf(options.start);
  // Running bound on ‖T‖ (max row sum of |T|): the scale a β is negligible against.
  let normT = 0;
  for (let k = 0; k < m; k++) {
    Q.push(q);
    const w = applyChecked(H, q);
    const a = dotRaw(w, q);
    alpha.push(a);
    // Three-term recurrence, then full reorthogonalisation against every earlier q_i, repeated only when it
    // cancelled most of w (Kahan–Parlett "twice is enough": ‖w‖ fell below 1/√2 of its size before the pass)
    // [Parlett, The Symmetric Eigenvalue Problem, §6.9]. One pass is the usual case; the second guards breakdown.
    for (let j = 0; j < d; j++) w[j] -= a * q[j];
    if (k > 0) {
      const previous = Q[k - 1];
      const b = beta[k - 1];
      for (let j = 0; j < d; j++) w[j] -= b * previous[j];
    }
    let before = Math.sqrt(dotRaw(w, w));
    for (let pass = 0; pass < 3; pass++) {
      for (let i = 0; i < Q.length; i++) {
        const u = Q[i];
        const h = dotRaw(w, u);
        for (let j = 0; j < d; j++) w[j] -= h * u[j];
      }
      const after = Math.sqrt(dotRaw(w, w));
      // Past breakdown (w is rounding noise next to ‖T‖) further passes cannot make it a direction: stop there too.
      if (after >= Math.SQRT1_2 * before || after <= breakdown * Math.max(normT, Math.abs(a), Number.MIN_VALUE)) break;
      before = after;
    }
    const b = Math.sqrt(dotRaw(w, w));
    normT = Math.max(normT, Math.abs(a) + b + (k > 0 ? beta[k - 1] : 0));
    if (k === m - 1 || b <= breakdown * Math.max(normT, Number.MIN_VALUE)) break;
    beta.push(b);
    q = new Float64Array(d);
    for (let j = 0; j < d; j++) q[j] = w[j] / b;
  }
  const steps = alpha.length;
  const T = new Float64Array(steps * steps);
  for (let i = 0; i < steps; i++) {
    T[i * steps + i] = alpha[i];
    if (i + 1 < steps) T[i * steps + i + 1] = T[(i + 1) * steps + i] = beta[i];
  }
  const { values, vectors } = symmetricEigen({ order: steps, data: T });
  const s = vectors[0];
  const y = new Float64Array(d);
  for (let i = 0; i < steps; i++) {
    const u = Q[i];
    const si = s[i];
    for (let j = 0; j < d; j++) y[j] += si * u[j];
  }
  const ny = Math.sqrt(dotRaw(y, y));
  for (let j = 0; j < d; j++) y[j] /= ny;
  const Hy = applyChecked(H, y);
  // The Rayleigh quotient of the normalised y, not values[0]: it is what the residual bound is about.
  const theta = dotRaw(Hy, y);
  let res = 0;
  for (let j = 0; j < d; j++) res += (Hy[j] - theta * y[j]) ** 2;
  return { lambdaMin: theta, vector: y, residual: Math.sqrt(res), iterations: steps, ritzValues: values };
}

/**
 * The unit start vector normal(key, d)/‖·‖ that lanczosMinEigenvalue draws from its key.
 * @example
 * lanczosStart(key(1), 3).reduce((s, x) => s + x * x, 0);
 * // returns 1 (to rounding)
 */
export function lanczosStart(key: Key, d: number): Vector {
  const q = normal(key, d);
  const nq = Math.sqrt(dotRaw(q, q));
  for (let j = 0; j < d; j++) q[j] /= nq;
  return q;
}

function copyOf(v: ReadonlyVector): Vector {
  const out = new Float64Array(v.length);
  for (let j = 0; j < v.length; j++) out[j] = v[j];
  return out;
}

function dotRaw(x: ReadonlyVector, y: ReadonlyVector): number {
  let s = 0;
  for (let j = 0; j < x.length; j++) s += x[j] * y[j];
  return s;
}

function applyChecked(H: SymmetricOperator, v: ReadonlyVector): Vector {
  const w = H.apply(v);
  if (w.length !== H.dim) throw new RangeError(`lanczos: the operator returned length ${w.length}, expected ${H.dim}`);
  for (let j = 0; j < w.length; j++)
    if (!Number.isFinite(w[j])) throw new RangeError(`lanczos: non-finite product entry at ${j}`);
  return w;
}
