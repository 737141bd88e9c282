/**
 * A non-quadratic saddle with several negative directions, rotated into ℝ^d:
 *   f(x) = Σ_{i<k} λ_i(y_i⁴/4 − y_i²/2) + Σ_{i<p} ½c_i y_{k+i}²,   y = (u_1ᵀx, …, u_{k+p}ᵀx)
 * (frame-embedded.ts). Saddle x = 0 with k negative curvatures −λ_i; 2^k minimisers Σ_{i<k} ±u_i (plus anything
 * orthogonal to the frame), f* = −Σλ_i/4, where ∇²f has eigenvalues 2λ_i, c_i and zeros. On the slab |y_i| ≤ R:
 * L = max(max_i λ_i·max(1, 3R² − 1), max_i c_i), ρ = 6R·max_i λ_i. Defaults: λ = (1, 1/2, 1/4) — distinct negative
 * curvatures, so escape has a fastest direction and slower ones —, c = (1), R = 2: L = 11, ρ = 12.
 */
import type { Key } from '../rng/key.ts';
import { frameEmbedded } from './frame-embedded.ts';
import type { SaddleProblem } from './saddle-problem.ts';

export interface DoubleWellsOptions {
  readonly d: number;
  readonly key: Key;
  /** λ_i > 0 of the wells (default [1, 0.5, 0.25]). */
  readonly wells?: readonly number[];
  /** c_i > 0 of the positive-curvature directions (default [1]). */
  readonly bowls?: readonly number[];
  /** R of the slab (default 2). */
  readonly radius?: number;
}

/**
 * @example
 * doubleWells({ d: 100, key: key(1) }).minimisers.length;
 * // returns 8
 */
export function doubleWells(o: DoubleWellsOptions): SaddleProblem {
  const wells = o.wells ?? [1, 0.5, 0.25];
  const bowls = o.bowls ?? [1];
  if (wells.length < 1) throw new RangeError('double-wells: need at least one well');
  return frameEmbedded({
    name: `double-wells(k=${wells.length},d=${o.d})`,
    d: o.d,
    key: o.key,
    radius: o.radius ?? 2,
    profiles: [
      ...wells.map((lambda) => ({ kind: 'well' as const, lambda })),
      ...bowls.map((c) => ({ kind: 'bowl' as const, c })),
    ],
  });
}
