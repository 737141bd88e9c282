/**
 * Argument checks shared by the compressor factories, so every compressor fails the same way: a one-line
 * RangeError naming the compressor with its parameters (fast-check message style, docs/design.md §2.7).
 */
import type { ReadonlyVector } from '../linalg/vector.ts';

/** Throws unless d is an integer ≥ 1. */
export function checkDim(id: string, d: number): void {
  if (!(Number.isInteger(d) && d >= 1)) throw new RangeError(`${id}: need an integer d ≥ 1, got d=${d}`);
}

/**
 * Throws unless x has the compressor's dimension; every `compress` calls this first, because a silently
 * truncated or zero-padded input would still "satisfy" most contracts.
 * @example
 * checkInput('natural(d=3)', 3, Float64Array.of(1, 2));
 * // throws RangeError: natural(d=3): input has length 2, expected 3
 */
export function checkInput(name: string, d: number, x: ReadonlyVector): void {
  if (x.length !== d) throw new RangeError(`${name}: input has length ${x.length}, expected ${d}`);
}
