/**
 * The adversary's vocabulary. A one-step inequality `lhs ≤ rhs` becomes a search space: candidates C (an instance,
 * a state, the compressor's outputs, a noise law — whatever the claim quantifies over), a real decision vector
 * that the climber moves, and both sides of the inequality at a step multiplier m (γ = m·γ_theory).
 *
 * The objective is scale-free: ratio = 1 + (lhs − rhs)/scale, where scale is a positive magnitude of the summands.
 * It is 1 at equality and above 1 exactly when the inequality is violated. A claim of the form V⁺ ≤ ρV sets
 * scale = rhs, so that its ratio is V⁺/(ρV).
 */
import type { Key } from '../rng/key.ts';

/** Both sides of `lhs ≤ rhs` and the magnitude their rounding is relative to (structurally report/verdict's Sides). */
export interface InequalitySides {
  readonly lhs: number;
  readonly rhs: number;
  readonly scale: number;
}

export type Json = string | number | boolean | null | readonly Json[] | { readonly [k: string]: Json };

export interface SearchSpace<C> {
  /** What the space ranges over, in a sentence, for reports. */
  readonly description: string;
  /** A random candidate; the key decides every discrete choice (n, d, which compressor) and the start. */
  sample(k: Key): C;
  /** The continuous coordinates the climber moves. decode(encode(c), c) must equal c. */
  encode(c: C): Float64Array;
  /** The candidate with `like`'s discrete choices and the coordinates z. */
  decode(z: Float64Array, like: C): C;
  /** Both sides at γ = multiplier·γ_theory (the multiplier scales whatever step the claim's rule gives). */
  sides(c: C, multiplier: number): InequalitySides;
  /** Smaller candidates (one node or one coordinate fewer), tried by shrinking; none if the space cannot shrink. */
  shrink?(c: C): readonly C[];
  /** n and d of a candidate, for reports and for shrinking order. */
  size(c: C): { readonly n: number; readonly d: number };
  json(c: C): Json;
}

/** ratio = 1 + (lhs − rhs)/scale; NaN sides give NaN (never hidden: callers treat NaN as a finding). */
export function ratioOf(s: InequalitySides): number {
  return 1 + (s.lhs - s.rhs) / s.scale;
}
