/**
 * Sides computed per round t and coordinate j of a path (the identities of this group are checked coordinatewise at
 * every round), flattened into trials in round-major order, each labelled with where it came from.
 */
import type { ReadonlyVector } from '../../../src/linalg/vector.ts';
import type { Sides } from '../../../src/report/verdict.ts';
import type { JsonValue, Trial } from '../../types.ts';

export function flatTrials(rows: readonly Sides[][], instance: (t: number, j: number) => JsonValue): Trial[] {
  return rows.flatMap((r, t) => r.map((s, j) => ({ ...s, instance: instance(t, j) })));
}

/** One trial per round k and coordinate j of a path of iterates, from the sides of x^k_j against x⁰_j. */
export function coordinateTrials(
  path: readonly ReadonlyVector[],
  label: Record<string, number>,
  sides: (xk: number, x0: number, k: number) => Sides,
): Trial[] {
  const x0 = path[0];
  const rows = path.map((x, k) => Array.from(x, (xk, j) => sides(xk, x0[j], k)));
  return flatTrials(rows, (k, j) => ({ ...label, k, j, x0: Array.from(x0) }));
}
