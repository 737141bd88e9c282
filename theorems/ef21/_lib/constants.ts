/**
 * The EF21 family's constants and step-size rules, transcribed from the papers for the theorem files — on purpose
 * NOT imported from src/algorithms/step-sizes.ts or src/algorithms/ef21-w.ts: a claim that takes its bound from the
 * code it checks cannot see a wrong constant there. constants.spec.ts ties the two transcriptions together.
 *
 * Papers: Richtárik, Sokolov, Fatkhullin (2021), "EF21: A New, Simpler, Theoretically Better, and Practically
 * Faster Error Feedback", NeurIPS; Richtárik, Gasanov, Burlachenko (2024), "Error Feedback Reloaded: From Quadratic
 * to Arithmetic Mean of Smoothness Constants", ICLR; Fatkhullin, Sokolov, Gorbunov, Li, Richtárik (2021), "EF21 with
 * Bells & Whistles".
 */

/** The smoothness data a rule reads: L of f, L_i of the f_i, and (PL only) μ. */
export interface SmoothnessConstants {
  readonly L: number;
  readonly Li: readonly number[];
  readonly mu?: number;
}

/**
 * θ(α) = 1 − sqrt(1 − α) [Richtárik et al. 2021, Thm 1], evaluated as α/(1 + sqrt(1 − α)) (the same number times
 * (1 + s)/(1 + s)): the literal difference cancels for small α and lost 4e-11 of ξ at α = 2e-6, which the
 * theory-step-sizes claim measured as a mismatch with the implementation.
 */
export function theta(alpha: number): number {
  return alpha / (1 + Math.sqrt(1 - alpha));
}

/** β(α) = (1 − α)/(1 − sqrt(1 − α)) [Richtárik et al. 2021, Thm 1] = (1 − α)/θ(α), with θ as above. */
export function beta(alpha: number): number {
  return (1 - alpha) / theta(alpha);
}

/** ξ(α) = sqrt(β/θ), the factor multiplying L̃ (or L_AM) in the step-size rules [Richtárik et al. 2021, Thm 1]. */
export function xi(alpha: number): number {
  return Math.sqrt(beta(alpha) / theta(alpha));
}

/** L̃ = L_QM = sqrt((1/n)Σ L_i²), the constant of Theorem 1's step [Richtárik et al. 2021, Thm 1]. */
export function lQuadraticMean(Li: readonly number[]): number {
  let s = 0;
  for (const l of Li) s += l * l;
  return Math.sqrt(s / Li.length);
}

/** L_AM = (1/n)Σ L_i, the constant of the improved rule [Richtárik et al. 2024, Thm 2 & 3]. */
export function lArithmeticMean(Li: readonly number[]): number {
  let s = 0;
  for (const l of Li) s += l;
  return s / Li.length;
}

/** EF21, nonconvex: γ = 1/(L + L̃ ξ(α)) [Richtárik et al. 2021, Thm 1]. */
export function ef21Gamma(c: SmoothnessConstants, alpha: number): number {
  return 1 / (c.L + lQuadraticMean(c.Li) * xi(alpha));
}

/** EF21 under the improved analysis and EF21-W: γ = 1/(L + L_AM ξ(α)) [Richtárik et al. 2024, Thm 2 (EF21-W) and Thm 3 (EF21)]. */
export function ef21AmGamma(c: SmoothnessConstants, alpha: number): number {
  return 1 / (c.L + lArithmeticMean(c.Li) * xi(alpha));
}

/**
 * EF21 under PL: γ = min{1/(L + L̃ sqrt(2β/θ)), θ/(2μ)} [Richtárik et al. 2021, Thm 2], with sqrt(2β/θ) = √2·ξ(α)
 * written through ξ so that a wrong ξ reaches every rule.
 */
export function ef21PlGamma(c: SmoothnessConstants, alpha: number): number {
  if (c.mu === undefined || !(c.mu > 0)) throw new RangeError(`ef21PlGamma: needs μ > 0, got μ=${c.mu}`);
  return Math.min(1 / (c.L + lQuadraticMean(c.Li) * Math.SQRT2 * xi(alpha)), theta(alpha) / (2 * c.mu));
}

/**
 * EF21-PP with every node joining independently with probability p: Theorem 1's rule with α replaced by pα — the
 * derived form [Fatkhullin et al. 2021, EF21-PP], since E‖g_i⁺ − ∇f_i(x⁺)‖² ≤ (1 − pα)‖u_i‖² is all the proof uses.
 */
export function ef21PpGamma(c: SmoothnessConstants, alpha: number, p: number): number {
  return ef21Gamma(c, p * alpha);
}

/** EF21-W's weights w_i = L_i/Σ_j L_j [Richtárik et al. 2024, Alg. 2]. */
export function ef21wWeights(Li: readonly number[]): number[] {
  let s = 0;
  for (const l of Li) s += l;
  return Li.map((l) => l / s);
}

/** EF21's own node weights, 1/n: its G = (1/n)Σ‖g_i − ∇f_i‖² [Richtárik et al. 2021, Thm 1] and its master average. */
export function uniformNodeWeights(Li: readonly number[]): number[] {
  return Li.map(() => 1 / Li.length);
}

/**
 * The improved analysis's Lyapunov weights c_i = (1/n)·L_AM/L_i = 1/(n² w_i) [Richtárik et al. 2024, Thm 3 proof]: they make
 * Σ_i c_i L_i² = L_AM², which is what lets EF21 take the AM step.
 */
export function amLyapunovWeights(Li: readonly number[]): number[] {
  const lAm = lArithmeticMean(Li);
  return Li.map((l) => lAm / (Li.length * l));
}
