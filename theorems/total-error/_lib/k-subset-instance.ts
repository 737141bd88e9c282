/**
 * top-k-best-k-term's seeded instances (docs/theory.md §8): a vector p ∈ ℝ^d, a budget k and a uniform k-subset S to
 * compare TopK(p) with, and the JSON a verdict shows for them.
 */
import type { ReadonlyVector, Vector } from '../../../src/linalg/vector.ts';
import { split, type Key } from '../../../src/rng/key.ts';
import { chooseK, integerBelow, normal } from '../../../src/rng/sample.ts';
import type { JsonValue } from '../../types.ts';

export interface KSubsetInstance {
  readonly p: Vector;
  readonly k: number;
  readonly subset: Int32Array;
  /** A key the instance did not use, for a random candidate (the rand-k mask of the teeth). */
  readonly rest: Key;
}

/** One seeded instance: d ∈ [1, maxD], k ∈ [1, d], p Gaussian or (half the time) small integers, which tie. */
export function kSubsetInstance(k0: Key, maxD: number): KSubsetInstance {
  const [kd, kk, kp, kTies, kS, rest] = split(k0, 6);
  const d = 1 + integerBelow(kd, maxD);
  const k = 1 + integerBelow(kk, d);
  const z = normal(kp, d);
  const ties = integerBelow(kTies, 2) === 1;
  const p = ties ? z.map((v) => Math.round(2 * v)) : z;
  return { p, k, subset: chooseK(kS, d, k), rest };
}

/** (p, k, S) as plain arrays, with any other index sets the check drew (`R` for the rand-k mask). */
export function kSubsetJson(
  p: ReadonlyVector,
  k: number,
  subset: ArrayLike<number>,
  extra: Record<string, number[]> = {},
): JsonValue {
  return { p: Array.from(p), k, S: Array.from(subset), ...extra };
}
