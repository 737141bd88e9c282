/**
 * Minibatch gradients of a finite-sum problem: node i averages ∇f_ij over `batch` local rows drawn uniformly,
 * with replacement (i.i.d. rows) or without (a uniform subset). Both are unbiased for ∇f_i(x). Node streams are
 * foldIn(key, i), or the round key itself when `shared` (then nodes with equal m_i pick the same rows).
 *
 * σ: with S_i² = (1/m_i)Σ_j ‖∇f_ij(x) − ∇f_i(x)‖², the estimator's variance is S_i²/B with replacement and
 * S_i²/B · (m_i − B)/(m_i − 1) without (finite-population correction) [Cochran, Sampling Techniques, Thm 2.2].
 * S_i² depends on x; when the problem declares a uniform bound G_i² ≥ S_i² (sampleVarianceBound: logistic,
 * softmax) σ² = max_i of the above with G_i² in place of S_i², otherwise σ is null (least squares: unbounded).
 */
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import { foldIn, type Key } from '../rng/key.ts';
import { chooseK, integersBelow } from '../rng/sample.ts';
import type { FiniteSumProblem } from '../problems/finite-sum.ts';
import type { Oracle } from './types.ts';

export interface MinibatchOptions {
  /** Sample with replacement (default true). */
  readonly replacement?: boolean;
  readonly shared?: boolean;
}

/** The variance of the batch mean relative to S² (the per-sample variance): 1/B, times the FPC without replacement. */
export function minibatchVarianceFactor(m: number, batch: number, replacement: boolean): number {
  if (replacement) return 1 / batch;
  return m === 1 ? 0 : (m - batch) / (m - 1) / batch;
}

export function minibatchOracle(problem: FiniteSumProblem, batch: number, options: MinibatchOptions = {}): Oracle {
  const replacement = options.replacement ?? true;
  const shared = options.shared ?? false;
  if (!(Number.isInteger(batch) && batch >= 1))
    throw new RangeError(`minibatch oracle: need an integer batch ≥ 1, got batch=${batch}`);
  const m = Array.from({ length: problem.n }, (_, i) => problem.samples(i));
  if (!replacement) {
    m.forEach((mi, i) => {
      if (batch > mi)
        throw new RangeError(`minibatch oracle: batch=${batch} without replacement exceeds node ${i}'s m_i=${mi} rows`);
    });
  }
  const bound = problem.sampleVarianceBound;
  const sigma =
    bound === undefined
      ? null
      : Math.sqrt(Math.max(...m.map((mi, i) => bound[i] * minibatchVarianceFactor(mi, batch, replacement))));
  return {
    name: `minibatch(B=${batch},${replacement ? 'with' : 'without'} replacement${shared ? ',shared' : ''})`,
    problem,
    sigma,
    shared,
    gradI: (i: number, x: ReadonlyVector, key: Key): Vector => {
      const k = shared ? key : foldIn(key, i);
      const mi = m[i];
      const rows = replacement ? integersBelow(k, batch, mi) : chooseK(k, mi, batch);
      return problem.gradIBatch(i, rows, x);
    },
  };
}
