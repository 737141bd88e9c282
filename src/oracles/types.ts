/**
 * Stochastic first-order oracles: unbiased estimates of ∇f_i with a declared variance bound
 * (docs/theory.md §0.2, Assumption 2: E‖∇f_i(x, ξ) − ∇f_i(x)‖² ≤ σ²), independent across nodes and rounds unless
 * `shared` says otherwise.
 */
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import type { Key } from '../rng/key.ts';
import type { Problem } from '../problems/types.ts';

export interface Oracle {
  readonly name: string;
  readonly problem: Problem;
  /** σ with E‖ĝ_i(x) − ∇f_i(x)‖² ≤ σ² for every x and i; 0 for exact gradients; null when no bound is known. */
  readonly sigma: number | null;
  /** True when every node draws its noise from the same stream (the round key), false for independent draws. */
  readonly shared: boolean;
  /**
   * An unbiased estimate of ∇f_i(x), in a fresh array the caller owns (methods overwrite it in place). `key` is the round's noise key: the oracle derives node i's stream
   * from it (foldIn(key, i)) unless `shared`. Exact oracles ignore it.
   */
  gradI(i: number, x: ReadonlyVector, key: Key): Vector;
}
