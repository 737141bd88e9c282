/**
 * EF21-BC's step rule and Lyapunov weights in the derived form [D] (docs/theory.md §3.6): Bells & Whistles' own
 * constants were not retrieved, so these come from the proof in theorems/ef21/ef21-bc.ts's header, not from the
 * paper. Written from the proof, not imported from src/algorithms/step-sizes.ts (theory-step-sizes ties the two).
 *
 * With θ, β, ξ of constants.ts at α_w (workers) and α_M (master), κ = 1 + sqrt(1 − α_w) and
 *   S = ξ_w + κ ξ_M (1 + ξ_w),   γ ≤ 1/(L + L̃ S),
 *   Φ = f − f_inf + a·(1/n)Σ‖g̃_i − ∇f_i(x)‖² + b·‖g − g̃‖²,
 *   a = γ S (1 + κ ξ_M)/(2 θ_w ξ_w),   b = γ S/(2 θ_M κ ξ_M (1 + ξ_w)).
 * Both weights need α_w, α_M < 1: with an exact link the optimal Young split puts an infinite weight on its error.
 */
import { lQuadraticMean, theta, xi, type SmoothnessConstants } from './constants.ts';

function requireCompressing(name: string, alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`ef21-bc: ${name} must compress, α ∈ (0, 1), got ${alpha}`);
}

/**
 * κ = 1 + sqrt(1 − α_w): E‖C_w(u)‖² ≤ κ²‖u‖² for every contractive C_w (Young on C(u) = u + (C(u) − u) with the
 * best split); the adversarial member C(u) = κu attains it.
 */
export function workerGrowth(alphaW: number): number {
  return 1 + Math.sqrt(1 - alphaW);
}

/** S = ξ_w + κ ξ_M (1 + ξ_w): the factor of L̃ in the rule; S → ξ_w (EF21's ξ) as α_M → 1. */
export function bcFactor(alphaW: number, alphaM: number): number {
  const xiW = xi(alphaW);
  return xiW + workerGrowth(alphaW) * xi(alphaM) * (1 + xiW);
}

/** EF21-BC, derived [D]: γ = 1/(L + L̃ S(α_w, α_M)). */
export function ef21BcGamma(c: SmoothnessConstants, alphaW: number, alphaM: number): number {
  return 1 / (c.L + lQuadraticMean(c.Li) * bcFactor(alphaW, alphaM));
}

export interface BcWeights {
  /** a: the weight of the workers' error (1/n)Σ‖g̃_i − ∇f_i(x)‖². */
  readonly worker: number;
  /** b: the weight of the master's error ‖g − g̃‖². */
  readonly master: number;
}

/** The Lyapunov weights at step γ (any γ up to the rule; the proof's Young splits do not depend on γ). */
export function bcWeights(gamma: number, alphaW: number, alphaM: number): BcWeights {
  requireCompressing('C_w', alphaW);
  requireCompressing('C_M', alphaM);
  const xiW = xi(alphaW);
  const xiM = xi(alphaM);
  const kappa = workerGrowth(alphaW);
  const S = xiW + kappa * xiM * (1 + xiW);
  return {
    worker: (gamma * S * (1 + kappa * xiM)) / (2 * theta(alphaW) * xiW),
    master: (gamma * S) / (2 * theta(alphaM) * kappa * xiM * (1 + xiW)),
  };
}
