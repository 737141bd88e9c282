/**
 * The exact expectation of a deterministic compressor: its distribution is a point mass at C(x), so
 * E C(x) = C(x) and E‖C(x) − x‖² = ‖C(x) − x‖² (the summands in coordinate order, as each compressor had inline).
 */
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import type { ExactMoments } from './types.ts';

/**
 * @example
 * deterministicExpectation((x) => Float64Array.from(x, (t) => (Math.abs(t) >= 1 ? t : 0)))(Float64Array.of(0.5, 2));
 * // returns { mean: Float64Array [0, 2], errorSq: 0.25 }
 */
export function deterministicExpectation(compress: (x: ReadonlyVector) => Vector): (x: ReadonlyVector) => ExactMoments {
  return (x: ReadonlyVector): ExactMoments => {
    const mean = compress(x);
    let errorSq = 0;
    for (let j = 0; j < mean.length; j++) errorSq += (mean[j] - x[j]) ** 2;
    return { mean, errorSq };
  };
}
