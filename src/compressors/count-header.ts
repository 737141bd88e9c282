/** Messages whose number of (value, index) pairs varies must say how many follow. */
import type { MessageBits } from './types.ts';

/**
 * Adds a ⌈log₂(d + 1)⌉-bit count (0..d pairs) to the index bits of a variable-length sparse message.
 * @example
 * withCountHeader({ values: 128, indices: 8 }, 16);
 * // returns { values: 128, indices: 13 }
 */
export function withCountHeader(b: MessageBits, d: number): MessageBits {
  return { values: b.values, indices: b.indices + Math.ceil(Math.log2(d + 1)) };
}
