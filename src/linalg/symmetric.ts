/**
 * Symmetric matrices by their upper triangle: the free coordinates of a symmetric d×d matrix, as the adversary's
 * search spaces and the method checker move them.
 */
import type { ReadonlyVector } from './vector.ts';

/** Free entries of a symmetric d×d matrix: its upper triangle, d(d + 1)/2. */
export function upperLength(d: number): number {
  return (d * (d + 1)) / 2;
}

/**
 * The symmetric d×d matrix (row-major) whose upper triangle, row by row, is `u`, plus `shift` on the diagonal.
 * @example
 * symmetricFromUpper(Float64Array.of(1, 2, 3), 2);
 * // returns Float64Array [1, 2, 2, 3]
 */
export function symmetricFromUpper(u: ReadonlyVector, d: number, shift = 0): Float64Array {
  const out = new Float64Array(d * d);
  let o = 0;
  for (let r = 0; r < d; r++) {
    for (let c = r; c < d; c++) {
      out[r * d + c] = u[o];
      out[c * d + r] = u[o];
      o++;
    }
    out[r * d + r] += shift;
  }
  return out;
}
