/**
 * DIANA's constants, each transcribed once with its provenance (docs/theory.md §0.1 tags):
 *   α = 1/(1 + ω)                         [P code] both published DIANA codes (docs/theory.md §A2.1)
 *   γ = 1/(L + 6ωL_max/n)                 [D] the step of the derived one-step inequality (docs/theory.md §A2.3)
 *   M = 4ω/(αn),  Ψ = ‖x − x*‖² + Mγ²σ²   [D] its Lyapunov function, σ² = (1/n)Σ_i‖h_i − ∇f_i(x*)‖²
 *   ρ = max{1 − γμ, 1 − α/2}              [D] its contraction factor: E Ψ⁺ ≤ ρΨ
 *   γ_FedNL = min{α/(2μ), 2/((L + μ)(1 + 6ω/n))}   [P code] FedNL-Public's step (docs/theory.md §A2.2); not covered
 *                                          by the derivation, shown for comparison only
 * None of these is a constant of the DIANA papers' theorems [Mishchenko et al. 2019; Horváth et al. 2019], which
 * were not at hand: a check that uses γ, M or ρ checks the "derived form" (docs/theory.md §A2.3).
 * Assumptions of the [D] rule: f_i convex and L_i-smooth (L_max = max_i L_i), f L-smooth and μ-strongly convex,
 * independent C_i ∈ U(ω), exact local gradients.
 */

export interface DianaConstants {
  /** Smoothness of f = (1/n)Σ f_i. */
  readonly L: number;
  /** L_max = max_i L_i. */
  readonly Lmax: number;
  /** Strong convexity of f. */
  readonly mu: number;
  /** Variance parameter of the compressors, C_i ∈ U(ω). */
  readonly omega: number;
  /** Number of nodes. */
  readonly n: number;
}

export interface DianaParameters {
  /** Shift step α = 1/(1 + ω) [P code]. */
  readonly alpha: number;
  /** Step γ = 1/(L + 6ωL_max/n) [D]. */
  readonly gamma: number;
  /** Lyapunov weight M = 4ω/(αn) [D] (Ψ = ‖x − x*‖² + Mγ²σ²). */
  readonly M: number;
  /** Contraction ρ = max{1 − γμ, 1 − α/2} [D]. */
  readonly rho: number;
}

/** Everything but μ (the step alone reads no μ). */
function requireStepConstants(c: Omit<DianaConstants, 'mu'>): void {
  if (!(c.L > 0 && Number.isFinite(c.L))) throw new RangeError(`diana parameters: need L > 0, got L=${c.L}`);
  if (!(c.Lmax >= c.L))
    throw new RangeError(`diana parameters: need L_max ≥ L (f is the mean of the f_i), got L_max=${c.Lmax}, L=${c.L}`);
  if (!(c.omega >= 0 && Number.isFinite(c.omega)))
    throw new RangeError(`diana parameters: need ω ≥ 0, got ω=${c.omega}`);
  if (!(Number.isInteger(c.n) && c.n >= 1))
    throw new RangeError(`diana parameters: need an integer n ≥ 1, got n=${c.n}`);
}

function requireConstants(c: DianaConstants): void {
  requireStepConstants(c);
  if (!(c.mu > 0 && c.mu <= c.L)) throw new RangeError(`diana parameters: need 0 < μ ≤ L, got μ=${c.mu}, L=${c.L}`);
}

/** α = 1/(1 + ω) [P code: FedNL-Public methods.py L466; FL_PyTorch algorithms.py L1350; docs/theory.md §A2.1]. */
export function dianaAlpha(omega: number): number {
  if (!(omega >= 0 && Number.isFinite(omega))) throw new RangeError(`diana α: need ω ≥ 0, got ω=${omega}`);
  return 1 / (1 + omega);
}

/** The constants the step alone reads: γ does not depend on μ (μ enters only the rate ρ). */
export type DianaStepConstants = Omit<DianaConstants, 'mu'>;

/**
 * γ = 1/(L + 6ωL_max/n) [D, docs/theory.md §A2.3], the step of dianaParameters, for callers without μ (the
 * registry's theory step on a problem whose μ is unknown).
 * @example
 * dianaStepSize({ L: 1, Lmax: 2, omega: 3, n: 4 });
 * // returns 0.1
 */
export function dianaStepSize(c: DianaStepConstants): number {
  requireStepConstants(c);
  // γ ≤ 1/(L + 6ωL_max/n) makes the D_f coefficient 2γ(γ(L + 6ωL_max/n) − 1) ≤ 0 [docs/theory.md §A2.3 step 4].
  return 1 / (c.L + (6 * c.omega * c.Lmax) / c.n);
}

/**
 * The derived rule of docs/theory.md §A2.3 [D]: α, γ, M and ρ.
 * @example
 * dianaParameters({ L: 1, Lmax: 1, mu: 0.1, omega: 3, n: 4 });
 * // returns { alpha: 0.25, gamma: 0.1818…(= 1/5.5), M: 12, rho: 0.98181…(= 1 − γμ) }
 */
export function dianaParameters(c: DianaConstants): DianaParameters {
  requireConstants(c);
  const alpha = dianaAlpha(c.omega);
  const gamma = dianaStepSize(c);
  // M = 2·(2ω/n)/α: the weight that absorbs the (2ω/n)σ² variance term into the shifts' (1 − α) contraction [§A2.3].
  const M = (4 * c.omega) / (alpha * c.n);
  const rho = Math.max(1 - gamma * c.mu, 1 - alpha / 2);
  return { alpha, gamma, M, rho };
}

/**
 * FedNL-Public's strongly convex step γ = min{α/(2μ), 2/((L + μ)(1 + 6ω/n))} [P code: methods.py L467;
 * docs/theory.md §A2.2]. Empirical only: the derivation of §A2.3 does not cover it (with L = L(f) rather than L_max
 * it violates the one-step inequality on some instances, §A2.3 table).
 */
export function dianaFedNlStep(c: DianaConstants): number {
  requireConstants(c);
  const alpha = dianaAlpha(c.omega);
  return Math.min(alpha / (2 * c.mu), 2 / ((c.L + c.mu) * (1 + (6 * c.omega) / c.n)));
}
