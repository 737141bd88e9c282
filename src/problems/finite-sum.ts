/**
 * Problems whose local objectives are averages over samples, f_i(x) = (1/m_i) Σ_j f_ij(x), so that minibatch
 * oracles (src/oracles/minibatch.ts) can draw unbiased gradient estimates.
 */
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import type { Problem } from './types.ts';

export interface FiniteSumProblem extends Problem {
  /** m_i, the number of samples on node i. */
  samples(i: number): number;
  /**
   * (1/|rows|) Σ_{j ∈ rows} ∇f_ij(x), fresh; `rows` are local sample indices and may repeat (sampling with
   * replacement). Regularisers are part of every f_ij, so a uniform row gives an unbiased estimate of ∇f_i(x).
   */
  gradIBatch(i: number, rows: Int32Array, x: ReadonlyVector): Vector;
  /**
   * G_i² with (1/m_i) Σ_j ‖∇f_ij(x) − ∇f_i(x)‖² ≤ G_i² for every x, where the problem can give one (bounded loss
   * gradients, e.g. logistic); absent otherwise. Minibatch oracles turn it into σ.
   */
  readonly sampleVarianceBound?: readonly number[];
}

/** Type guard for oracles that need per-sample gradients. */
export function isFiniteSum(p: Problem): p is FiniteSumProblem {
  return (
    typeof (p as Partial<FiniteSumProblem>).samples === 'function' &&
    typeof (p as Partial<FiniteSumProblem>).gradIBatch === 'function'
  );
}
