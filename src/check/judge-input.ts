/**
 * The range rule: one input judged as the verdict counts it. A compressor written from the textbook formula
 * computes ‖x‖ as √Σx_j², which is ∞ past ‖x‖ ≈ 2^512 and 0 once every |x_j| ≲ 2^-538 (square-range.ts); its
 * NaN there is a floating-point range limit, not a broken contract (docs/design.md §3). So a non-finite output at
 * such an input sets the input aside, and its twin at unit scale — the same shape divided by a power of two,
 * which is exact — is judged in its place: a NaN that comes from the shape (a 0/0 at an exact zero entry) shows
 * there and stays a failure, and only a NaN that the magnitude alone causes is excused. Non-finite output at an
 * input whose Σx_j² is a positive double is always a failure, and strict mode excuses nothing.
 */
import { powerOfTwoScale } from '../linalg/norms.ts';
import type { Key } from '../rng/key.ts';
import { evaluateInput, type InputEvaluation, type SampleBudget } from './evaluate-input.ts';
import { squareRange } from './square-range.ts';
import type { CheckSubject } from './types.ts';

export interface Judgement {
  /** What the verdict counts: the input's own evaluation, or its twin's when the input was set aside (absolute
   * contracts are not scale-free, so they have no twin and nothing is counted). */
  readonly evaluation?: InputEvaluation;
  /** Present when the input itself was set aside: where its Σx_j² fell, and the calls spent on it. */
  readonly setAside?: { readonly where: 'overflow' | 'underflow'; readonly samples: number };
}

/**
 * @example
 * // textbook QSGD at x = (2^512): √Σx² = ∞, the output NaN; judged at its twin (1) instead
 * judgeInput(qsgdSubject, Float64Array.of(2 ** 512), key(0), budget, 6, false).setAside;
 * // returns { where: 'overflow', samples: 1 }
 */
export function judgeInput(
  subject: CheckSubject,
  x: Float64Array,
  k: Key,
  budget: SampleBudget,
  z: number,
  strictRange: boolean,
): Judgement {
  const own = evaluateInput(subject, x, k, budget, z);
  if (strictRange || own.failure?.kind !== 'finiteness') return { evaluation: own };
  const where = squareRange(own.x);
  if (where === 'representable') return { evaluation: own };
  const setAside = { where, samples: own.samples };
  if (subject.contract.kind === 'absolute') return { setAside };
  const s = powerOfTwoScale(own.x);
  return {
    evaluation: evaluateInput(
      subject,
      Float64Array.from(own.x, (v) => v / s),
      k,
      budget,
      z,
    ),
    setAside,
  };
}
