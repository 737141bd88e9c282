/**
 * Distributed least squares f_i(x) = (1/(2m_i))‖A_i x − y_i‖² (targets y_i = the dataset's labels). The Hessian
 * is constant, so every constant is exact (to rounding):
 *   L_i = λ_max(A_iᵀA_i)/m_i,   L = λ_max(H),  H = (1/n)Σ_i A_iᵀA_i/m_i,
 * and for d ≤ 32 (H formed and diagonalised by Jacobi) μ = λ_min(H) and f_inf = f(x*) with H x* = (1/n)Σ A_iᵀy_i/m_i.
 * For larger d, f_inf = 0 is returned as a valid lower bound (fInfExact false).
 */
import { largestEigenvalueGram, symmetricEigen } from '../linalg/eigen.ts';
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import { featureOperator, stackedOperator, transposeTimesVector, type Dataset } from '../data/dataset.ts';
import type { FiniteSumProblem } from './finite-sum.ts';

const SMALL_D = 32;

export function leastSquares(parts: readonly Dataset[]): FiniteSumProblem {
  const n = parts.length;
  if (n < 1) throw new RangeError('least-squares: need at least one node');
  const d = parts[0].dim;
  parts.forEach((p, i) => {
    if (p.dim !== d) throw new RangeError(`least-squares: node ${i} has dim ${p.dim}, node 0 has ${d}`);
    if (p.m < 1) throw new RangeError(`least-squares: node ${i} has no rows`);
  });
  const Li = parts.map((p) => largestEigenvalueGram(featureOperator(p)) / p.m);
  const weights = parts.map((p) => 1 / (n * p.m));
  const H = stackedOperator(parts, weights);
  let L = largestEigenvalueGram(H);
  const node = (i: number): Dataset => {
    if (!(Number.isInteger(i) && i >= 0 && i < n))
      throw new RangeError(`least-squares: need 0 ≤ i < n=${n}, got i=${i}`);
    return parts[i];
  };
  const check = (i: number, x: ReadonlyVector): Dataset => {
    if (x.length !== d) throw new RangeError(`least-squares: x has length ${x.length}, expected d=${d}`);
    return node(i);
  };
  const fI = (i: number, x: ReadonlyVector): number => {
    const { m, rowPtr, colIdx, values, labels } = check(i, x);
    let s = 0;
    for (let r = 0; r < m; r++) {
      let z = -labels[r];
      for (let e = rowPtr[r]; e < rowPtr[r + 1]; e++) z += values[e] * x[colIdx[e]];
      s += z * z;
    }
    return s / (2 * m);
  };
  const grad = (data: Dataset, rows: Int32Array | null, x: ReadonlyVector): Vector => {
    const { rowPtr, colIdx, values, labels } = data;
    const count = rows === null ? data.m : rows.length;
    if (count === 0) throw new RangeError('least-squares: empty batch');
    const out = new Float64Array(d);
    for (let k = 0; k < count; k++) {
      const r = rows === null ? k : rows[k];
      if (!(r >= 0 && r < data.m)) throw new RangeError(`least-squares: row ${r} out of range [0, ${data.m})`);
      let z = -labels[r];
      for (let e = rowPtr[r]; e < rowPtr[r + 1]; e++) z += values[e] * x[colIdx[e]];
      z /= count;
      for (let e = rowPtr[r]; e < rowPtr[r + 1]; e++) out[colIdx[e]] += z * values[e];
    }
    return out;
  };
  let fInf = 0;
  let fInfExact = false;
  let mu: number | undefined;
  if (d <= SMALL_D) {
    const data = new Float64Array(d * d);
    const unit = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      unit[j] = 1;
      const column = H.timesTranspose(H.times(unit));
      unit[j] = 0;
      for (let r = 0; r < d; r++) data[r * d + j] = column[r];
    }
    const { values, vectors } = symmetricEigen({ order: d, data });
    L = Math.max(0, values[d - 1]);
    if (values[0] > 64 * Number.EPSILON * d * L) {
      // x* = H⁻¹ (1/n)Σ A_iᵀy_i/m_i through the eigenbasis; f_inf = f(x*) evaluated directly.
      const rhs = new Float64Array(d);
      parts.forEach((p, i) => {
        const t = transposeTimesVector(p, p.labels);
        for (let j = 0; j < d; j++) rhs[j] += weights[i] * t[j];
      });
      const xStar = new Float64Array(d);
      for (let k = 0; k < d; k++) {
        let proj = 0;
        for (let j = 0; j < d; j++) proj += vectors[k][j] * rhs[j];
        for (let j = 0; j < d; j++) xStar[j] += (proj / values[k]) * vectors[k][j];
      }
      let f = 0;
      for (let i = 0; i < n; i++) f += fI(i, xStar) / n;
      fInf = f;
      fInfExact = true;
      mu = values[0];
    }
  }
  const mTotal = parts.reduce((s, p) => s + p.m, 0);
  return {
    name: `least-squares(n=${n},d=${d},m=${mTotal})`,
    dim: d,
    n,
    fI,
    gradI: (i: number, x: ReadonlyVector): Vector => grad(check(i, x), null, x),
    gradIBatch: (i: number, rows: Int32Array, x: ReadonlyVector): Vector => grad(check(i, x), rows, x),
    samples: (i: number): number => node(i).m,
    L,
    Li,
    fInf,
    fInfExact,
    ...(mu !== undefined ? { mu } : {}),
  };
}
