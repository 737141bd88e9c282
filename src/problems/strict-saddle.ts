/**
 * The strict saddle of docs/theory.md §7 ("suggested checks"), rotated into ℝ^d:
 *   f(x) = ½y₁² − ½y₂² + y₂⁴/4,   y_i = u_iᵀx,   (u₁, u₂) a Haar-random orthonormal frame (src/linalg/random-frame.ts)
 * Saddle x = 0 (∇f = 0, ∇²f eigenvalues 1, −1 and d − 2 zeros); minimisers x* = ±u₂ (plus anything orthogonal to the
 * frame), f* = −1/4, where ∇²f has eigenvalues 1, 2 and zeros. On the slab |y_i| ≤ R (default R = 2):
 *   L = max(1, 3R² − 1) = 11,   ρ = 6R = 12   (frame-embedded.ts).
 * The stochastic oracle of the saddle claims is src/oracles/gaussian.ts: ∇f(x) + ξ, ξ ~ N(0, (σ²/d)I), E‖ξ‖² = σ²,
 * drawn from the round's key — the bounded-variance noise of Jin et al.'s SGD analysis that the paper builds on.
 */
import type { Key } from '../rng/key.ts';
import { frameEmbedded } from './frame-embedded.ts';
import type { SaddleProblem } from './saddle-problem.ts';

export interface StrictSaddleOptions {
  readonly d: number;
  /** Draws the rotation. */
  readonly key: Key;
  /** R of the slab on which L and ρ hold (default 2). */
  readonly radius?: number;
}

/**
 * @example
 * strictSaddle({ d: 10_000, key: key(1) }).lambdaMin(new Float64Array(10_000));
 * // returns -1
 */
export function strictSaddle(o: StrictSaddleOptions): SaddleProblem {
  const radius = o.radius ?? 2;
  return frameEmbedded({
    name: `strict-saddle(d=${o.d})`,
    d: o.d,
    key: o.key,
    radius,
    profiles: [
      { kind: 'bowl', c: 1 },
      { kind: 'well', lambda: 1 },
    ],
  });
}
