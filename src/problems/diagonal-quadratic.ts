/**
 * Separable quadratics f_i(x) = ½ Σ_j a_ij x_j² − Σ_j b_ij x_j, every constant exact:
 * L_i = max_j |a_ij|, L = max_j |mean_i a_ij|, and f_inf = −Σ_j (mean_i b_ij)²/(2 mean_i a_ij) when every
 * mean_i a_ij > 0 (−∞ otherwise: indefinite problems are allowed for one-step inequalities, docs/theory.md §0.4).
 */
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import type { Problem } from './types.ts';

/**
 * @param a a[i][j] = curvature of node i along coordinate j
 * @param b b[i][j] = linear term of node i (defaults to 0)
 * @example
 * diagonalQuadratic([[1, 2], [3, 4]]).L;
 * // returns 3
 */
export function diagonalQuadratic(a: readonly (readonly number[])[], b?: readonly (readonly number[])[]): Problem {
  const n = a.length;
  if (n < 1) throw new RangeError('diagonal-quadratic: need at least one node');
  const d = a[0].length;
  if (d < 1) throw new RangeError('diagonal-quadratic: need d ≥ 1');
  const A = a.map((row, i) => {
    if (row.length !== d)
      throw new RangeError(`diagonal-quadratic: node ${i} has ${row.length} curvatures, expected ${d}`);
    return Float64Array.from(row);
  });
  const B = (b ?? a.map(() => new Array<number>(d).fill(0))).map((row, i) => {
    if (row.length !== d)
      throw new RangeError(`diagonal-quadratic: node ${i} has ${row.length} linear terms, expected ${d}`);
    return Float64Array.from(row);
  });
  if (B.length !== n) throw new RangeError(`diagonal-quadratic: ${B.length} linear terms for ${n} nodes`);
  for (const v of [...A, ...B])
    for (const u of v) if (!Number.isFinite(u)) throw new RangeError('diagonal-quadratic: non-finite coefficient');

  const Li = A.map((row) => row.reduce((m, v) => Math.max(m, Math.abs(v)), 0));
  const aBar = new Float64Array(d);
  const bBar = new Float64Array(d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) {
      aBar[j] += A[i][j] / n;
      bBar[j] += B[i][j] / n;
    }
  const L = aBar.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const convex = aBar.every((v) => v > 0);
  let fInf = -Infinity;
  let mu: number | undefined;
  if (convex) {
    fInf = 0;
    for (let j = 0; j < d; j++) fInf -= (bBar[j] * bBar[j]) / (2 * aBar[j]);
    mu = aBar.reduce((m, v) => Math.min(m, v), Infinity);
  }
  const fI = (i: number, x: ReadonlyVector): number => {
    const a = A[i];
    const b = B[i];
    let s = 0;
    for (let j = 0; j < d; j++) s += 0.5 * a[j] * x[j] * x[j] - b[j] * x[j];
    return s;
  };
  const gradI = (i: number, x: ReadonlyVector): Vector => {
    const a = A[i];
    const b = B[i];
    const out = new Float64Array(d);
    for (let j = 0; j < d; j++) out[j] = a[j] * x[j] - b[j];
    return out;
  };
  return {
    name: `diagonal-quadratic(n=${n},d=${d})`,
    dim: d,
    n,
    fI,
    gradI,
    L,
    Li,
    fInf,
    fInfExact: convex,
    ...(mu !== undefined ? { mu } : {}),
  };
}
