/** Wire-format costs shared by the compressors: 64-bit values, ⌈log₂ d⌉-bit indices. */
import type { MessageBits } from './types.ts';

export const VALUE_BITS = 64;

/** Bits of one coordinate index in dimension d (0 when d = 1: there is nothing to say). */
export function indexBits(d: number): number {
  return d <= 1 ? 0 : Math.ceil(Math.log2(d));
}

/** A sparse message of `count` values with their indices. */
export function sparseBits(count: number, d: number): MessageBits {
  return { values: count * VALUE_BITS, indices: count * indexBits(d) };
}

/** A dense message of d values (no indices). */
export function denseBits(d: number): MessageBits {
  return { values: d * VALUE_BITS, indices: 0 };
}
