/**
 * Binary logistic regression with the nonconvex regulariser [Richtárik et al. 2021, §5; docs/theory.md §3.8]:
 *   f_i(x) = (1/m_i) Σ_j log(1 + exp(−y_j a_jᵀx)) + λ Σ_k x_k²/(1 + x_k²),   y_j ∈ {−1, +1}.
 * Smoothness: the loss has ℓ'' = σ(1 − σ) ≤ 1/4 and the regulariser curvature ≤ 2λ, so
 *   L_i = λ_max(A_iᵀA_i)/(4m_i) + 2λ   (EF21 authors' code, docs/theory.md §3.9),
 *   L   = λ_max(Σ_i A_iᵀA_i/(n m_i))/4 + 2λ   — derived form [D]: the Hessian of f = (1/n)Σ f_i. It equals the
 *   authors' λ_max(AᵀA)/(4m) + 2λ when all m_i are equal; with the remainder on the last node their value can
 *   fall below the true constant, so we keep theirs only as `lAuthors`.
 * Both are attained at x = 0 (σ' = 1/4 and r'' = 2λ there), so they are tight, not just valid.
 * f_inf = 0 is a valid lower bound (every term is ≥ 0), not the infimum.
 * Sample variance bound [D]: ∇f_ij − ∇f_i = g_j − mean(g) with g_j = −y_jσ(·)a_j, ‖g_j‖ ≤ ‖a_j‖ (the regulariser
 * cancels), and a variance is at most the second moment, so G_i² = (1/m_i)Σ_j ‖a_j‖².
 */
import { largestEigenvalueGram } from '../linalg/eigen.ts';
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import { featureOperator, meanRowNormSq, stackedOperator, type Dataset } from '../data/dataset.ts';
import type { FiniteSumProblem } from './finite-sum.ts';
import { addRegularizerGradient, checkLambda, regularizerValue } from './nonconvex-regularizer.ts';

export interface LogisticProblem extends FiniteSumProblem {
  readonly lambda: number;
  /** The EF21 code's L = λ_max(AᵀA)/(4m) + 2λ on all rows (equal to L when all m_i are equal). */
  readonly lAuthors: number;
}

/** log(1 + e^t) without overflow (t large) or loss of precision (t very negative). */
function softplus(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}

/** 1/(1 + e^{−t}) without overflow. */
function sigmoid(t: number): number {
  if (t >= 0) return 1 / (1 + Math.exp(-t));
  const e = Math.exp(t);
  return e / (1 + e);
}

/**
 * @param parts node i's rows (binary labels ±1), e.g. from partition()
 * @example
 * logisticRegression([readLibsvm('1 1:1\n-1 2:1\n')], { lambda: 0.1 }).Li;
 * // returns [0.325] (λ_max = 1, m = 2: 1/8 + 0.2)
 */
export function logisticRegression(parts: readonly Dataset[], options: { readonly lambda: number }): LogisticProblem {
  const { lambda } = options;
  checkLambda('logistic-regression', lambda);
  const n = parts.length;
  if (n < 1) throw new RangeError('logistic-regression: need at least one node');
  const d = parts[0].dim;
  parts.forEach((p, i) => {
    if (p.dim !== d) throw new RangeError(`logistic-regression: node ${i} has dim ${p.dim}, node 0 has ${d}`);
    if (p.m < 1) throw new RangeError(`logistic-regression: node ${i} has no rows`);
    if (p.task !== 'binary')
      throw new RangeError(`logistic-regression: node ${i} has ${p.task} labels; needs binary ±1`);
  });
  const Li = parts.map((p) => largestEigenvalueGram(featureOperator(p)) / (4 * p.m) + 2 * lambda);
  const L =
    largestEigenvalueGram(
      stackedOperator(
        parts,
        parts.map((p) => 1 / (n * p.m)),
      ),
    ) /
      4 +
    2 * lambda;
  const mTotal = parts.reduce((s, p) => s + p.m, 0);
  const sampleVarianceBound = parts.map((p) => meanRowNormSq(p));
  const lAuthors =
    largestEigenvalueGram(
      stackedOperator(
        parts,
        parts.map(() => 1),
      ),
    ) /
      (4 * mTotal) +
    2 * lambda;

  const node = (i: number): Dataset => {
    if (!(Number.isInteger(i) && i >= 0 && i < n))
      throw new RangeError(`logistic-regression: need 0 ≤ i < n=${n}, got i=${i}`);
    return parts[i];
  };
  const check = (i: number, x: ReadonlyVector): Dataset => {
    node(i);
    if (x.length !== d) throw new RangeError(`logistic-regression: x has length ${x.length}, expected d=${d}`);
    return parts[i];
  };
  const fI = (i: number, x: ReadonlyVector): number => {
    const { m, rowPtr, colIdx, values, labels } = check(i, x);
    let loss = 0;
    for (let r = 0; r < m; r++) {
      const end = rowPtr[r + 1];
      let z = 0;
      for (let e = rowPtr[r]; e < end; e++) z += values[e] * x[colIdx[e]];
      loss += softplus(-labels[r] * z);
    }
    return loss / m + regularizerValue(lambda, x);
  };
  /** (1/|rows|) Σ_r −y_r σ(−y_r a_rᵀx) a_r + ∇r(x); rows = null means all rows. */
  const grad = (data: Dataset, rows: Int32Array | null, x: ReadonlyVector): Vector => {
    const { rowPtr, colIdx, values, labels } = data;
    const count = rows === null ? data.m : rows.length;
    if (count === 0) throw new RangeError('logistic-regression: empty batch');
    if (rows !== null)
      for (const r of rows)
        if (!(r >= 0 && r < data.m)) throw new RangeError(`logistic-regression: row ${r} out of range [0, ${data.m})`);
    const out = new Float64Array(d);
    const inv = 1 / count;
    for (let k = 0; k < count; k++) {
      const r = rows === null ? k : rows[k];
      const start = rowPtr[r];
      const end = rowPtr[r + 1];
      let z = 0;
      for (let e = start; e < end; e++) z += values[e] * x[colIdx[e]];
      const y = labels[r];
      const w = -y * sigmoid(-y * z) * inv;
      for (let e = start; e < end; e++) out[colIdx[e]] += w * values[e];
    }
    return addRegularizerGradient(out, lambda, x);
  };
  return {
    name: `logreg(n=${n},d=${d},m=${mTotal},λ=${lambda})`,
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
    lAuthors,
  };
}
