/**
 * Multiclass logistic (softmax) regression with the nonconvex regulariser, the problem of the EF21-SGDM
 * experiments [Fatkhullin, Tyurin, Richtárik 2023, poster; docs/theory.md §5.6]:
 *   f_i(x_1, …, x_c) = −(1/m_i) Σ_j log( exp(a_jᵀx_{y_j}) / Σ_y exp(a_jᵀx_y) ) + λ Σ_y Σ_k [x_y]_k²/(1 + [x_y]_k²),
 * x_y ∈ R^l stored as x[y·l + k], d = c·l; labels are class ids 0 … c−1.
 *
 * Smoothness, derived form [D] (the poster gives no constant): with z_y = a_jᵀx_y and p = softmax(z), the
 * Hessian of sample j's loss is (diag(p) − ppᵀ) ⊗ a_ja_jᵀ. Gershgorin on diag(p) − ppᵀ gives every eigenvalue
 * ≤ max_y 2p_y(1 − p_y) ≤ 1/2, and since (½I − (diag(p) − ppᵀ)) ⊗ aaᵀ is a Kronecker product of PSD matrices,
 * (diag(p) − ppᵀ) ⊗ aaᵀ ⪯ ½ I_c ⊗ aaᵀ. Summing over samples and adding the regulariser's 2λ:
 *   L_i = λ_max(A_iᵀA_i)/(2m_i) + 2λ,   L = λ_max(Σ_i A_iᵀA_i/(n m_i))/2 + 2λ.
 * The ½ is approached as p → (½, ½, 0, …) and attained for c = 2 (twice the binary ¼, because x_1 − x_2 moves
 * along (v, −v)/√2); at x = 0 the curvature is only λ_max/(c·m) + 2λ.
 * Sample variance bound [D]: the sample loss gradient is (p − e_y) ⊗ a_j with ‖p − e_y‖² = (1 − p_y)² + Σ_{y'≠y} p_y'²
 * ≤ 2(1 − p_y)² ≤ 2, so G_i² = 2·(1/m_i)Σ_j ‖a_j‖² (variance ≤ second moment; the regulariser cancels).
 */
import { largestEigenvalueGram } from '../linalg/eigen.ts';
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import { featureOperator, meanRowNormSq, stackedOperator, type Dataset } from '../data/dataset.ts';
import type { FiniteSumProblem } from './finite-sum.ts';
import { addRegularizerGradient, checkLambda, regularizerValue } from './nonconvex-regularizer.ts';

export interface SoftmaxProblem extends FiniteSumProblem {
  readonly lambda: number;
  readonly classes: number;
  /** Features per class block, l (d = classes·l). */
  readonly features: number;
}

/**
 * @param parts node i's rows with multiclass labels (class ids 0 … c−1), e.g. partition(loadMnist(…), n)
 */
export function softmaxRegression(
  parts: readonly Dataset[],
  options: { readonly lambda: number; readonly classes?: number },
): SoftmaxProblem {
  const { lambda } = options;
  checkLambda('softmax-regression', lambda);
  const n = parts.length;
  if (n < 1) throw new RangeError('softmax-regression: need at least one node');
  const l = parts[0].dim;
  const c = options.classes ?? parts[0].classes;
  if (!(Number.isInteger(c) && c >= 2)) throw new RangeError(`softmax-regression: need c ≥ 2 classes, got ${c}`);
  parts.forEach((p, i) => {
    if (p.dim !== l) throw new RangeError(`softmax-regression: node ${i} has dim ${p.dim}, node 0 has ${l}`);
    if (p.m < 1) throw new RangeError(`softmax-regression: node ${i} has no rows`);
    if (p.task !== 'multiclass')
      throw new RangeError(`softmax-regression: node ${i} has ${p.task} labels; needs class ids`);
    for (let r = 0; r < p.m; r++) {
      const y = p.labels[r];
      if (!(Number.isInteger(y) && y >= 0 && y < c))
        throw new RangeError(`softmax-regression: node ${i} row ${r} has label ${y}, need 0 ≤ y < c=${c}`);
    }
  });
  const d = c * l;
  const Li = parts.map((p) => largestEigenvalueGram(featureOperator(p)) / (2 * p.m) + 2 * lambda);
  const L =
    largestEigenvalueGram(
      stackedOperator(
        parts,
        parts.map((p) => 1 / (n * p.m)),
      ),
    ) /
      2 +
    2 * lambda;

  const node = (i: number): Dataset => {
    if (!(Number.isInteger(i) && i >= 0 && i < n))
      throw new RangeError(`softmax-regression: need 0 ≤ i < n=${n}, got i=${i}`);
    return parts[i];
  };
  const check = (i: number, x: ReadonlyVector): Dataset => {
    if (x.length !== d) throw new RangeError(`softmax-regression: x has length ${x.length}, expected d=c·l=${d}`);
    return node(i);
  };
  /** z_y = a_rᵀx_y for every class, into z: one pass over the row's entries, classes innermost. */
  const scores = (data: Dataset, r: number, x: ReadonlyVector, z: Float64Array): void => {
    const { rowPtr, colIdx, values } = data;
    z.fill(0);
    const end = rowPtr[r + 1];
    for (let e = rowPtr[r]; e < end; e++) {
      const v = values[e];
      const col = colIdx[e];
      for (let y = 0, o = col; y < c; y++, o += l) z[y] += v * x[o];
    }
  };
  const fI = (i: number, x: ReadonlyVector): number => {
    const data = check(i, x);
    const z = new Float64Array(c);
    let loss = 0;
    for (let r = 0; r < data.m; r++) {
      scores(data, r, x, z);
      // log Σ exp z − z_y, shifted by max z so that no exp overflows.
      let zMax = -Infinity;
      for (let y = 0; y < c; y++) if (z[y] > zMax) zMax = z[y];
      let s = 0;
      for (let y = 0; y < c; y++) s += Math.exp(z[y] - zMax);
      loss += zMax + Math.log(s) - z[data.labels[r]];
    }
    return loss / data.m + regularizerValue(lambda, x);
  };
  const grad = (data: Dataset, rows: Int32Array | null, x: ReadonlyVector): Vector => {
    const { rowPtr, colIdx, values, labels } = data;
    const count = rows === null ? data.m : rows.length;
    if (count === 0) throw new RangeError('softmax-regression: empty batch');
    const out = new Float64Array(d);
    const z = new Float64Array(c);
    const inv = 1 / count;
    for (let k = 0; k < count; k++) {
      const r = rows === null ? k : rows[k];
      if (!(r >= 0 && r < data.m)) throw new RangeError(`softmax-regression: row ${r} out of range [0, ${data.m})`);
      scores(data, r, x, z);
      let zMax = -Infinity;
      for (let y = 0; y < c; y++) if (z[y] > zMax) zMax = z[y];
      let s = 0;
      for (let y = 0; y < c; y++) {
        z[y] = Math.exp(z[y] - zMax);
        s += z[y];
      }
      const label = labels[r];
      // ∂/∂x_y of the sample loss is (p_y − 1[y = label]) a_r; weights into z, then one pass over the entries.
      for (let y = 0; y < c; y++) z[y] = (z[y] / s - (y === label ? 1 : 0)) * inv;
      const end = rowPtr[r + 1];
      for (let e = rowPtr[r]; e < end; e++) {
        const v = values[e];
        const col = colIdx[e];
        for (let y = 0, o = col; y < c; y++, o += l) out[o] += z[y] * v;
      }
    }
    return addRegularizerGradient(out, lambda, x);
  };
  const mTotal = parts.reduce((s, p) => s + p.m, 0);
  const sampleVarianceBound = parts.map((p) => 2 * meanRowNormSq(p));
  return {
    name: `softmax(n=${n},c=${c},l=${l},m=${mTotal},λ=${lambda})`,
    dim: d,
    n,
    fI,
    gradI: (i: number, x: ReadonlyVector): Vector => grad(check(i, x), null, x),
    gradIBatch: (i: number, rows: Int32Array, x: ReadonlyVector): Vector => grad(check(i, x), rows, x),
    samples: (i: number): number => node(i).m,
    L,
    Li,
    fInf: 0,
    fInfExact: false,
    sampleVarianceBound,
    lambda,
    classes: c,
    features: l,
  };
}
