/**
 * A second shrinking pass over a failing input, after fast-check's own: fast-check cannot shorten a vector whose
 * length is the dimension it was chained from (it regenerates the vector instead, which loses the tie or the zero
 * that made it fail), so a tie bug found at d = 66 would be reported at d = 66. This pass deletes coordinates
 * (halves, then single entries) and simplifies values (unit scale, then ±1, ±1/2, 0, powers of two) for as long
 * as the input still fails the same way, on a bounded budget of evaluations.
 */
import { powerOfTwoScale } from '../linalg/norms.ts';
import type { InputEvaluation } from './evaluate-input.ts';

export interface ShrinkOptions {
  /** Dimensions the family is defined at. */
  readonly supports: (d: number) => boolean;
  /** Whether dividing x by a power of two keeps the question the same (relative contracts). */
  readonly scaleFree: boolean;
  /** Evaluations to spend at most. */
  readonly budget: number;
  /** compress calls to spend at most (Monte Carlo evaluations near a bound are expensive). */
  readonly maxCalls: number;
}

/**
 * Returns the smallest failing evaluation found (the original one if nothing smaller fails).
 * @example
 * // top-k that drops ties, caught by fast-check at d = 66 on an all-ones input:
 * shrinkCounterexample(failing, (x) => evaluateInput(subjectAt(x.length), x, k, budget), options).x;
 * // returns Float64Array [1, 1]
 */
export function shrinkCounterexample(
  failing: InputEvaluation,
  evaluate: (x: Float64Array) => InputEvaluation,
  options: ShrinkOptions,
): InputEvaluation {
  const kind = failing.failure?.kind;
  if (kind === undefined) return failing;
  let best = failing;
  let spent = 0;
  let calls = 0;
  const attempt = (x: Float64Array): boolean => {
    if (spent >= options.budget || calls >= options.maxCalls || x.length === 0 || !options.supports(x.length))
      return false;
    spent++;
    const e = evaluate(x);
    calls += e.samples;
    if (e.failure?.kind !== kind) return false;
    best = e;
    return true;
  };

  if (options.scaleFree) {
    const s = powerOfTwoScale(best.x);
    if (s !== 1) attempt(Float64Array.from(best.x, (v) => v / s));
  }

  // Fewer coordinates: halves first (fast for large d), then single entries from the end.
  let progress = true;
  while (progress && spent < options.budget) {
    progress = false;
    const x = best.x;
    const d = x.length;
    if (d >= 2) {
      const half = Math.ceil(d / 2);
      if (
        attempt(x.slice(0, half)) ||
        attempt(x.slice(d - half)) ||
        attempt(x.slice(half)) ||
        attempt(x.slice(0, d - half))
      ) {
        progress = true;
        continue;
      }
      // Single deletions only once d is small: at large d they cost d evaluations each round.
      for (let j = d - 1; j >= 0 && d <= 64 && spent < options.budget; j--) {
        const y = new Float64Array(d - 1);
        y.set(x.subarray(0, j));
        y.set(x.subarray(j + 1), j);
        if (attempt(y)) {
          progress = true;
          break;
        }
      }
    }
  }

  // Simpler values, one coordinate at a time: 0, then ±1, ±1/2, then the power of two nearest below.
  for (let j = 0; j < best.x.length && spent < options.budget; j++) {
    const v = best.x[j];
    if (v === 0) continue;
    const sign = v < 0 ? -1 : 1;
    const candidates = [0, sign, sign / 2, sign * 2 ** Math.floor(Math.log2(Math.abs(v)))];
    for (const c of candidates) {
      if (Object.is(c, v)) break;
      const y = Float64Array.from(best.x);
      y[j] = c;
      if (attempt(y)) break;
    }
  }
  return best;
}
