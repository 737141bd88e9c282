/**
 * The tight linear rate of EF and EF21 with a deterministic contractive compressor, n = 1
 * [Berg Thomsen, Taylor, Dieuleveut 2025, arXiv 2506.05271; the authors' code: DanielBergThomsen/error-feedback-tight].
 * f is L-smooth and μ-strongly convex, ‖C(v) − v‖² ≤ (1 − δ)‖v‖², s = sqrt(1 − δ):
 *   η* = 2/(L + μ) · (1 − s)/(1 + s)                                              (the same for EF and EF21)
 *   λ  = η* · 1/(L + μ) · [(1 − s)(L − μ) + (1 + s)·sqrt((L − μ)² + 16Lμs/(1 + s)²)]
 *   ρ  = s + ¼(1 + s)(L − μ)λ,
 * and V⁺ ≤ ρV for V_EF = ‖x − x* − e‖² + s⁻¹‖e‖² and V_EF21 = ‖d − ∇f(x)‖² + s‖∇f(x)‖², with equality reached.
 * At δ = 1 (no compression) ρ = ((L − μ)/(L + μ))², gradient descent's tight rate at its best step 2/(L + μ).
 */

export interface TightRate {
  /** sqrt(1 − δ). */
  readonly s: number;
  /** η*: the step size of both methods. */
  readonly eta: number;
  readonly lambda: number;
  /** The contraction factor of V per step. */
  readonly rho: number;
}

/**
 * @example
 * tightRate(1, 0.5, 1).rho;
 * // returns 1/9 (((1 − 0.5)/(1 + 0.5))²)
 */
export function tightRate(L: number, mu: number, delta: number): TightRate {
  if (!(mu > 0 && L > mu && Number.isFinite(L)))
    throw new RangeError(`tightRate: need 0 < μ < L < ∞, got μ=${mu}, L=${L}`);
  if (!(delta > 0 && delta <= 1)) throw new RangeError(`tightRate: need δ ∈ (0, 1], got ${delta}`);
  const s = Math.sqrt(1 - delta);
  const eta = (2 / (L + mu)) * ((1 - s) / (1 + s));
  const lambda =
    (eta / (L + mu)) * ((1 - s) * (L - mu) + (1 + s) * Math.sqrt((L - mu) ** 2 + (16 * L * mu * s) / (1 + s) ** 2));
  return { s, eta, lambda, rho: s + 0.25 * (1 + s) * (L - mu) * lambda };
}
