/**
 * ADIANA's constants [Li, Kovalev, Qian, Richtárik 2020, Alg. 1], transcribed once with their provenance
 * (docs/theory.md §0.1 tags):
 *   α  = 1/(1 + ω)                                          [P code]  docs/theory.md §A1.3
 *   θ2 = 1/2                                                [P code]  §A1.3
 *   p  = 1 if ω = 0, else min{1, max{α/2, (α/2)(sqrt(n/(32ω)) − 1)}}       [P code]  §A1.3
 *   η  = 1/(2L) if ω = 0, else min{1/(2L), n/(64ωL(2p(ω + 1) + 1)²)}     [P code]  §A1.3
 *   θ1 = min{1/4, sqrt(ημ/p)}                               [P code]  §A1.3
 *   γ  = η/(2(θ1 + ημ))                                     [P code]  §A1.3
 *   β  = 1 − γμ                                             [P code]  §A1.3
 *   L  = max_i L_i                                          [R]       the code's L is not defined there; §A1.5
 *                                                                     measured convergence with L = max_i L_i
 * "[P code]" is the published code of a co-author of the paper (FedNL-Public methods.py L539–550), which agrees with
 * the remembered theorem [M]; the theorem's number and contraction factor were not retrieved, so no rate constant of
 * the paper is used anywhere: checks use convergence and measured scaling (docs/theory.md §A1.5).
 * He, Huang, Yuan (2023) refine ADIANA's analysis to Õ(ω + (1 + ω/√n)√κ) rounds [S]; their parameters were not
 * retrieved [R], so these are Li et al.'s.
 *
 * nesterovParameters below is not ADIANA's rule: it is the choice under which ADIANA with the identity compressor
 * IS Nesterov's accelerated gradient method (agd.ts) [D], the reduction the tests pin.
 */

/** The knobs of ADIANA's update, whatever rule chose them. */
export interface AdianaParameters {
  /** Shift step α of the DIANA-style shifts h_i. */
  readonly alpha: number;
  /** Gradient step η: y^{k+1} = x^k − η g^k. */
  readonly eta: number;
  /** Coupling weights: x^k = θ1 z^k + θ2 w^k + (1 − θ1 − θ2) y^k. */
  readonly theta1: number;
  readonly theta2: number;
  /** z^{k+1} = β z^k + (1 − β) x^k + (γ/η)(y^{k+1} − x^k). */
  readonly beta: number;
  readonly gamma: number;
  /** Probability that the anchor moves: w^{k+1} = y^k with probability p, else w^k. */
  readonly p: number;
}

export interface AdianaConstants {
  /** Smoothness constant the rule uses (L = max_i L_i, [R], see the header). */
  readonly L: number;
  /** Strong convexity of f. */
  readonly mu: number;
  /** Compressor variance, C_i ∈ U(ω). */
  readonly omega: number;
  readonly n: number;
}

/** ω ≥ 0 and an integer n ≥ 1: all p reads. */
function requireCompression(c: Pick<AdianaConstants, 'omega' | 'n'>): void {
  if (!(c.omega >= 0 && Number.isFinite(c.omega)))
    throw new RangeError(`adiana parameters: need ω ≥ 0, got ω=${c.omega}`);
  if (!(Number.isInteger(c.n) && c.n >= 1))
    throw new RangeError(`adiana parameters: need an integer n ≥ 1, got n=${c.n}`);
}

function requireSmoothness(L: number): void {
  if (!(L > 0 && Number.isFinite(L))) throw new RangeError(`adiana parameters: need L > 0, got L=${L}`);
}

function requireConstants(c: AdianaConstants): void {
  requireSmoothness(c.L);
  if (!(c.mu > 0 && c.mu <= c.L)) throw new RangeError(`adiana parameters: need 0 < μ ≤ L, got μ=${c.mu}, L=${c.L}`);
  requireCompression(c);
}

/**
 * p of the published rule [P code; docs/theory.md §A1.3]: 1 if ω = 0, else min{1, max{α/2, (α/2)(sqrt(n/(32ω)) − 1)}}
 * with α = 1/(1 + ω).
 * @example
 * adianaAnchorProbability({ omega: 9, n: 10 });
 * // returns 0.05
 */
export function adianaAnchorProbability(c: Pick<AdianaConstants, 'omega' | 'n'>): number {
  requireCompression(c);
  const { omega, n } = c;
  if (omega === 0) return 1;
  const alpha = 1 / (1 + omega);
  return Math.min(1, Math.max(alpha / 2, (alpha / 2) * (Math.sqrt(n / (32 * omega)) - 1)));
}

/**
 * η of the published rule at anchor probability p [P code; docs/theory.md §A1.3]: 1/(2L) if ω = 0, else
 * min{1/(2L), n/(64ωL(2p(ω + 1) + 1)²)}.
 * @example
 * adianaStep({ L: 1, omega: 9, n: 10 }, 0.05);
 * // returns 0.004340277777777778   (= 10/2304)
 */
export function adianaStep(c: Pick<AdianaConstants, 'L' | 'omega' | 'n'>, p: number): number {
  requireSmoothness(c.L);
  requireCompression(c);
  if (!(p > 0 && p <= 1)) throw new RangeError(`adiana parameters: need p ∈ (0, 1], got p=${p}`);
  const { L, omega, n } = c;
  if (omega === 0) return 1 / (2 * L);
  return Math.min(1 / (2 * L), n / (64 * omega * L * (2 * p * (omega + 1) + 1) ** 2));
}

/** The coupling of the published rule at a step η: every knob but α, η and p. */
export type AdianaCoupling = Pick<AdianaParameters, 'theta1' | 'theta2' | 'gamma' | 'beta'>;

/**
 * θ2 = 1/2, θ1 = min{1/4, sqrt(ημ/p)}, γ = η/(2(θ1 + ημ)), β = 1 − γμ [P code; docs/theory.md §A1.3]: the published
 * rule's coupling as a function of η, μ and p. Every η, μ > 0 and p ∈ (0, 1] give valid knobs (θ1 + θ2 ≤ 3/4,
 * γ > 0, β ∈ [1/2, 1)), so a step η other than the rule's (tuned, or scaled by `--gamma theory*k`) keeps the
 * coupling the rule ties to it.
 * @example
 * adianaCoupling(0.25, 0.02, 1);
 * // returns { theta1: 0.0707…(= sqrt(0.005)), theta2: 0.5, gamma: 1.6510…, beta: 0.9669… }
 */
export function adianaCoupling(eta: number, mu: number, p: number): AdianaCoupling {
  if (!(eta > 0 && Number.isFinite(eta))) throw new RangeError(`adiana parameters: need η > 0, got η=${eta}`);
  if (!(mu > 0 && Number.isFinite(mu))) throw new RangeError(`adiana parameters: need μ > 0, got μ=${mu}`);
  if (!(p > 0 && p <= 1)) throw new RangeError(`adiana parameters: need p ∈ (0, 1], got p=${p}`);
  const theta1 = Math.min(1 / 4, Math.sqrt((eta * mu) / p));
  const gamma = eta / (2 * (theta1 + eta * mu));
  const beta = 1 - gamma * mu;
  return { theta1, theta2: 1 / 2, gamma, beta };
}

/**
 * The rule of FedNL-Public methods.py L539–550 [P code; docs/theory.md §A1.3].
 * @example
 * adianaParameters({ L: 1, mu: 0.01, omega: 9, n: 10 });
 * // returns { alpha: 0.1, p: 0.05, eta: 0.00434…(= 10/2304), theta1: 0.0294…, theta2: 0.5, gamma: …, beta: … }
 */
export function adianaParameters(c: AdianaConstants): AdianaParameters {
  requireConstants(c);
  const alpha = 1 / (1 + c.omega);
  const p = adianaAnchorProbability(c);
  const eta = adianaStep(c, p);
  const { theta1, theta2, gamma, beta } = adianaCoupling(eta, c.mu, p);
  return { alpha, eta, theta1, theta2, beta, gamma, p };
}

/**
 * The parameters under which ADIANA with the identity compressor is Nesterov's accelerated gradient method with
 * constant momentum (agd.ts) [D]: with q = μ/L and a = √q,
 *   θ1 = a/(1 + a), θ2 = 0, η = 1/L, β = 1 − a, γ = a/μ   (α = p = 1: the shifts and the anchor w play no part).
 * Derivation: with C = identity, g^k = ∇f(x^k) exactly, ADIANA's three sequences are Nesterov's "scheme (2.2.19)"
 * with constant γ_k = μ, α_k = a, h = 1/L [Nesterov 2018, Lectures on Convex Optimization, §2.2.1], and eliminating
 * z gives x^{k+1} = y^{k+1} + ((1 − a)/(1 + a))(y^{k+1} − y^k), the two-sequence form agd.ts runs.
 */
export function nesterovParameters(c: Pick<AdianaConstants, 'L' | 'mu'>): AdianaParameters {
  requireConstants({ ...c, omega: 0, n: 1 });
  const a = Math.sqrt(c.mu / c.L);
  return { alpha: 1, eta: 1 / c.L, theta1: a / (1 + a), theta2: 0, beta: 1 - a, gamma: a / c.mu, p: 1 };
}
