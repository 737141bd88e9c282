/**
 * The adversarial member of a compressor class: a map whose output the adversary chooses inside the class's
 * constraint, not a fixed rule. For the contractive class ‖C(v) − v‖² ≤ (1 − α)‖v‖² the output is
 *   C(v) = v + b·sqrt(1 − α)·‖v‖·w/‖w‖,   b = (1 + sin β)/2 ∈ [0, 1],
 * with the direction w ∈ ℝ^d and the radius parameter β free coordinates of the search (sin keeps b in range
 * without a projection, and its maximum b = 1 — the boundary of the ball, where worst cases live — is smooth).
 * For the unbiased class E C(v) = v, E‖C(v) − v‖² ≤ ω‖v‖², the output is the two-point law v ± b·sqrt(ω)·‖v‖·w/‖w‖
 * with probability ½ each, whose expectation the claims take exactly.
 */
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';

/** b = (1 + sin β)/2: the fraction of the allowed radius used. */
export function radiusFraction(beta: number): number {
  return (1 + Math.sin(beta)) / 2;
}

/**
 * v + sign·b·radius·‖v‖·w/‖w‖ with b = radiusFraction(beta); w = 0 points along v. radius = sqrt(1 − α) for the
 * contractive class, sqrt(ω) for one point of the unbiased two-point law (sign ±1).
 * @example
 * ballOutput(Float64Array.of(3, 4), Float64Array.of(1, 0), Math.PI / 2, 0.5)[0];
 * // returns 5.5 (v + 0.5·5·e₁)
 */
export function ballOutput(
  v: ReadonlyVector,
  w: ReadonlyVector,
  beta: number,
  radius: number,
  sign: 1 | -1 = 1,
): Vector {
  const d = v.length;
  let vv = 0;
  let ww = 0;
  for (let j = 0; j < d; j++) {
    vv += v[j] * v[j];
    ww += w[j] * w[j];
  }
  const out = Float64Array.from(v);
  if (vv === 0) return out;
  const along = ww === 0;
  const c = (sign * radiusFraction(beta) * radius * Math.sqrt(vv)) / Math.sqrt(along ? vv : ww);
  for (let j = 0; j < d; j++) out[j] += c * (along ? v[j] : w[j]);
  return out;
}
