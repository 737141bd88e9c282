/** The master's move x^{t+1} = x^t − γ g^t, first in every round (docs/theory.md §3.9). */
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';

/**
 * x − γ·g, fresh.
 * @example
 * masterStep(Float64Array.of(1, 2), 0.5, Float64Array.of(2, 2));
 * // returns Float64Array [0, 1]
 */
export function masterStep(x: ReadonlyVector, gamma: number, g: ReadonlyVector): Vector {
  const out = new Float64Array(x.length);
  for (let j = 0; j < out.length; j++) out[j] = x[j] - gamma * g[j];
  return out;
}
