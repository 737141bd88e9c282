/**
 * Compressors declare the inequality they promise as data; properties/ and src/check/ verify it, theorems/ rely on
 * it. Conventions: docs/theory.md §1.
 */
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import type { Key } from '../rng/key.ts';

/**
 * The promise a compressor makes, for every x:
 *   contractive: E‖C(x) − x‖² ≤ (1 − alpha)‖x‖²,         0 < alpha ≤ 1   (class B³(1/alpha))
 *   unbiased:    E C(x) = x,  E‖C(x) − x‖² ≤ omega‖x‖²,   omega ≥ 0      (class U(omega))
 *   absolute:    ‖C(x) − x‖² ≤ deltaSq, with no relative guarantee (the hard threshold [Sahu et al. 2021])
 */
export type Contract =
  | { readonly kind: 'contractive'; readonly alpha: number }
  | { readonly kind: 'unbiased'; readonly omega: number }
  | { readonly kind: 'absolute'; readonly deltaSq: number };

/** Bits of one compressed message, values and indices counted separately. */
export interface MessageBits {
  readonly values: number;
  readonly indices: number;
}

/** Exact first and second moments of C(x), from the compressor's distribution (not from its contract). */
export interface ExactMoments {
  /** E C(x). */
  readonly mean: Vector;
  /** E‖C(x) − x‖². */
  readonly errorSq: number;
}

export interface Compressor {
  /** Stable, parameterised, used verbatim in reports: 'top-k(k=2,d=10)'. */
  readonly name: string;
  readonly dim: number;
  readonly contract: Contract;
  /** True when the output ignores the key (top-k, scaled sign, hard threshold). */
  readonly deterministic: boolean;
  /** Bits on the wire for the message that carries `out` = compress(x, key). */
  bits(out: ReadonlyVector): MessageBits;
  /**
   * Pure: the same (x, key) gives the same output; never writes to x. Deterministic compressors ignore key.
   * The output is a fresh array the caller owns (ef21-round.ts reuses it as g_i⁺); never x itself or a shared buffer.
   */
  compress(x: ReadonlyVector, key: Key): Vector;
  /**
   * Exact E C(x) and E‖C(x) − x‖² where the distribution can be enumerated or decomposes per coordinate;
   * undefined when that is infeasible for this x (the checker then falls back to Monte Carlo).
   */
  expectation?(x: ReadonlyVector): ExactMoments | undefined;
  /**
   * Optional internal fast path for sparsifiers (top-k): the same message as compress(x, key), as its kept
   * coordinates. The EF21 round (src/algorithms/ef21-round.ts) uses it when present, so that g_i⁺ = g_i + c_i
   * and g⁺ cost one write per kept entry instead of a dense pass. Contract: for every x and key,
   * compress(x, key)[indices[c]] === values[c] bit for bit, every other entry of compress(x, key) is +0, and
   * bits equals bits(compress(x, key)). It reads x only during the call (the round passes a reused scratch buffer)
   * and returns fresh arrays. Combinators that wrap a compressor must not forward it.
   */
  compressSparse?(x: ReadonlyVector, key: Key): SparseMessage;
}

/** A sparse message: distinct indices (ascending), their values, and its size on the wire. Fresh arrays. */
export interface SparseMessage {
  readonly indices: Int32Array;
  readonly values: Float64Array;
  readonly bits: MessageBits;
}

/** Total bits of a message. */
export function totalBits(b: MessageBits): number {
  return b.values + b.indices;
}
