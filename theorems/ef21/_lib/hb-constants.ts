/**
 * EF21-HB's step rule and Lyapunov weights in the derived form [D] (docs/theory.md §3.7): Bells & Whistles' own
 * constants were not retrieved, so these come from the proof in theorems/ef21/ef21-hb.ts's header, not from the
 * paper. Written from the proof, not imported from src/algorithms/step-sizes.ts (theory-step-sizes ties the two).
 *
 * The analysis runs on z = x − γ'(v − g), γ' = γ/(1 − η), which moves as z⁺ = z − γ'g. With θ, β, ξ of
 * constants.ts at α and the Young split s = ηL/((1 − η)ξL̃):
 *   γ' ≤ 1/(L + L̃ξ(α) + ηL/(1 − η)),  i.e.  γ ≤ (1 − η)²/(L + (1 − η)L̃ξ(α)),
 *   Ψ = f(z) − f_inf + a·(1/n)Σ‖g_i − ∇f_i(x)‖² + c·‖v − g‖²,
 *   a = γ'(1 + s)/(2θ),   c = [γ'³(1 + 1/s)L²/2 + aβL̃²γ²/η]/(1 − η).
 * Needs α < 1 (s is finite) and η ∈ (0, 1) (c is finite); η → 0 sends c to ∞, the price of arbitrary v.
 */
import { beta, lQuadraticMean, theta, xi, type SmoothnessConstants } from './constants.ts';

/** EF21-HB, derived [D]: γ = (1 − η)²/(L + (1 − η)L̃ξ(α)), i.e. γ' = γ/(1 − η) = 1/(L + L̃ξ(α) + ηL/(1 − η)). */
export function ef21HbGamma(c: SmoothnessConstants, alpha: number, eta: number): number {
  const rest = 1 - eta;
  return (rest * rest) / (c.L + rest * lQuadraticMean(c.Li) * xi(alpha));
}

export interface HbWeights {
  /** γ' = γ/(1 − η): the step of the auxiliary sequence z. */
  readonly effectiveStep: number;
  /** a: the weight of (1/n)Σ‖g_i − ∇f_i(x)‖². */
  readonly worker: number;
  /** c: the weight of the momentum's surplus ‖v − g‖² (z − x = −γ'(v − g)). */
  readonly momentum: number;
}

/** The Lyapunov weights at step γ (any γ up to the rule). */
export function hbWeights(c: SmoothnessConstants, gamma: number, alpha: number, eta: number): HbWeights {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`ef21-hb: C must compress, α ∈ (0, 1), got ${alpha}`);
  if (!(eta > 0 && eta < 1)) throw new RangeError(`ef21-hb: the derived form needs η ∈ (0, 1), got ${eta}`);
  const lTilde = lQuadraticMean(c.Li);
  const rest = 1 - eta;
  const step = gamma / rest;
  const s = (eta * c.L) / (rest * xi(alpha) * lTilde);
  const worker = (step * (1 + s)) / (2 * theta(alpha));
  const fromWorkers = (worker * beta(alpha) * lTilde * lTilde * gamma * gamma) / eta;
  const fromGradient = (step ** 3 * (1 + 1 / s) * c.L * c.L) / 2;
  return { effectiveStep: step, worker, momentum: (fromGradient + fromWorkers) / rest };
}
