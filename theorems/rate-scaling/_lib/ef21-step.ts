/**
 * EF21's theory step, transcribed here from the paper so that a claim about it can be checked against the
 * implementation (src/algorithms/step-sizes.ts) instead of against itself: a claim whose prediction imported the
 * implementation's ξ(α) would follow any error in it.
 *
 * Richtárik, Sokolov, Fatkhullin (2021), "EF21: A New, Simpler, Theoretically Better, and Practically Faster Error
 * Feedback", NeurIPS, Theorem 1 (and Lemma 3 for θ, β): for a contractive compressor with parameter α,
 *   θ = 1 − sqrt(1 − α),  β = (1 − α)/(1 − sqrt(1 − α)),  ξ(α) = sqrt(β/θ),  γ ≤ 1/(L + L̃ξ(α)),
 * and with Φ⁰ = f(x⁰) − f_inf + (γ/θ)G⁰, G⁰ = (1/n)Σ‖g_i⁰ − ∇f_i(x⁰)‖²:  E‖∇f(x̂^T)‖² ≤ 2Φ⁰/(γT).
 * Written with the paper's symbols on purpose (1 − sqrt(1 − α) loses digits for α below ~1e-8, far below any
 * grid here).
 */
import type { Problem } from '../../../src/problems/types.ts';

/** θ(α) = 1 − sqrt(1 − α) [EF21 Thm 1]. */
export function paperTheta(alpha: number): number {
  return 1 - Math.sqrt(1 - alpha);
}

/** β(α) = (1 − α)/(1 − sqrt(1 − α)) [EF21 Thm 1]. */
export function paperBeta(alpha: number): number {
  return (1 - alpha) / (1 - Math.sqrt(1 - alpha));
}

/** ξ(α) = sqrt(β/θ) [EF21 Thm 1]. */
export function paperXi(alpha: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`paperXi: need α ∈ (0, 1), got ${alpha}`);
  return Math.sqrt(paperBeta(alpha) / paperTheta(alpha));
}

/** L̃ = sqrt((1/n)Σ L_i²) [EF21 Thm 1]. */
export function paperLTilde(Li: readonly number[]): number {
  return Math.sqrt(Li.reduce((s, l) => s + l * l, 0) / Li.length);
}

/** 1/γ(α) = L + L̃ξ(α), the inverse of Theorem 1's largest step. */
export function paperInverseStep(p: Pick<Problem, 'L' | 'Li'>, alpha: number): number {
  return p.L + paperLTilde(p.Li) * paperXi(alpha);
}
