/**
 * Theoretical step sizes, transcribed once with their provenance (docs/theory.md §0.1 tags). [M]-recalled paper rules
 * whose one-step inequality is re-derived and checked numerically are marked [M/D]; rules derived here with no
 * paper counterpart at hand are marked [D] and must be reported as "derived form (docs/theory.md §x)".
 */
import type { Problem } from '../problems/types.ts';
import { lArith, lTilde } from '../problems/types.ts';

function requireAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha <= 1)) throw new RangeError(`step size: need α ∈ (0, 1], got α=${alpha}`);
}

/**
 * EF21's θ = 1 − sqrt(1 − α) and β = (1 − α)/(1 − sqrt(1 − α)) [Richtárik et al. 2021, Thm 1; docs/theory.md §0.2, M/D],
 * written as θ = α/(1 + s), β = (1 − α)(1 + s)/α with s = sqrt(1 − α) to avoid the cancellation in 1 − s for
 * small α. α = 1 (no compression) is the limit θ = 1, β = 0.
 * @example
 * thetaBeta(0.5);
 * // returns { theta: 0.2928932188134525, beta: 1.7071067811865475 }
 */
export function thetaBeta(alpha: number): { theta: number; beta: number } {
  requireAlpha(alpha);
  if (alpha === 1) return { theta: 1, beta: 0 };
  const s = Math.sqrt(1 - alpha);
  return { theta: alpha / (1 + s), beta: ((1 - alpha) * (1 + s)) / alpha };
}

/**
 * ξ(α) = sqrt(β/θ) = (sqrt(1 − α) + 1 − α)/α [docs/theory.md §0.2 table].
 * @example
 * xi(0.5);
 * // returns 2.414213562373095
 */
export function xi(alpha: number): number {
  requireAlpha(alpha);
  // s + (1 − α), not (s + 1) − α: the latter loses digits to cancellation as α → 1 (2e-11 relative at 1 − α = 1e-11).
  const rest = 1 - alpha;
  return (Math.sqrt(rest) + rest) / alpha;
}

type Constants = Pick<Problem, 'L' | 'Li'>;

/** EF21 nonconvex: γ = 1/(L + L̃ ξ(α)) [Richtárik et al. 2021, Thm 1; docs/theory.md §3.2, M/D]. */
export function ef21StepSize(p: Constants, alpha: number): number {
  return 1 / (p.L + lTilde(p) * xi(alpha));
}

/** EF21 with L_AM (improved analysis) and EF21-W: γ = 1/(L + L_AM ξ(α)) [Richtárik et al. 2024; docs/theory.md §4.2, M/D]. */
export function ef21AmStepSize(p: Constants, alpha: number): number {
  return 1 / (p.L + lArith(p) * xi(alpha));
}

/** EF21 under PL: γ = min{1/(L + L̃ sqrt(2β/θ)), θ/(2μ)} [Richtárik et al. 2021, Thm 2; docs/theory.md §3.3, M/D]. */
export function ef21PlStepSize(p: Constants, alpha: number, mu: number): number {
  if (!(mu > 0)) throw new RangeError(`ef21 PL step size: need μ > 0, got μ=${mu}`);
  const { theta, beta } = thetaBeta(alpha);
  return Math.min(1 / (p.L + lTilde(p) * Math.sqrt((2 * beta) / theta)), theta / (2 * mu));
}

/** EF21-PP with participation p: the EF21 step with α replaced by pα (derived form, docs/theory.md §3.5, D). */
export function ef21PpStepSize(p: Constants, alpha: number, participation: number): number {
  if (!(participation > 0 && participation <= 1))
    throw new RangeError(`ef21-pp step size: need p ∈ (0, 1], got p=${participation}`);
  return ef21StepSize(p, participation * alpha);
}

/**
 * EF21-BC with worker and master compressors: γ = 1/(L + L̃S), S = ξ(α_w) + (1 + sqrt(1 − α_w))ξ(α_M)(1 + ξ(α_w))
 * (derived form, docs/theory.md §3.6, D; B&W's constants were not retrieved). S → ξ(α_w) as α_M → 1: EF21's step.
 */
export function ef21BcStepSize(p: Constants, alphaWorker: number, alphaMaster: number): number {
  requireAlpha(alphaWorker);
  requireAlpha(alphaMaster);
  const xiWorker = xi(alphaWorker);
  const factor = xiWorker + (1 + Math.sqrt(1 - alphaWorker)) * xi(alphaMaster) * (1 + xiWorker);
  return 1 / (p.L + lTilde(p) * factor);
}

/**
 * EF21-HB with heavy-ball weight η: γ = (1 − η)²/(L + (1 − η)L̃ξ(α)) (derived form, docs/theory.md §3.7, D; B&W's
 * constants were not retrieved). η = 0 gives EF21's step.
 */
export function ef21HbStepSize(p: Constants, alpha: number, eta: number): number {
  requireAlpha(alpha);
  if (!(eta >= 0 && eta < 1)) throw new RangeError(`ef21-hb step size: need η ∈ [0, 1), got η=${eta}`);
  const rest = 1 - eta;
  return (rest * rest) / (p.L + rest * lTilde(p) * xi(alpha));
}

/** EF21-SGD: γ = 1/(L + sqrt(10) L̃/α) (derived form, docs/theory.md §3.4, D; the paper's constants were not retrieved). */
export function ef21SgdStepSize(p: Constants, alpha: number): number {
  requireAlpha(alpha);
  return 1 / (p.L + (Math.sqrt(10) * lTilde(p)) / alpha);
}

function requireEta(eta: number): void {
  if (!(eta > 0 && eta <= 1)) throw new RangeError(`step size: need η ∈ (0, 1], got η=${eta}`);
}

/** EF21-SGDM: γ = min{α/(10 L̃), η/(3L)} (derived form of Thm 2, docs/theory.md §5.3, D; not the paper's constants). */
export function ef21SgdmStepSize(p: Constants, alpha: number, eta: number): number {
  requireAlpha(alpha);
  requireEta(eta);
  return Math.min(alpha / (10 * lTilde(p)), eta / (3 * p.L));
}

/** EF21-SGD2M: γ = min{α/(20 L̃), η/(10L)} (derived form of Thm 3, docs/theory.md §5.4, D). */
export function ef21Sgd2mStepSize(p: Constants, alpha: number, eta: number): number {
  requireAlpha(alpha);
  requireEta(eta);
  return Math.min(alpha / (20 * lTilde(p)), eta / (10 * p.L));
}

/**
 * A step-size flag: 'theory' (the theory value), 'theory*m' or 'theory/m' (a multiple, as the EF21 experiments
 * tune 1×, 2×, 4×, … [docs/theory.md §3.8]), or a plain positive number.
 * @example
 * parseStepSize('theory*16', 0.01);
 * // returns 0.16
 */
export function parseStepSize(spec: string, theoryValue?: number): number {
  const text = spec.trim();
  const m = /^theory(?:\s*([*/])\s*([0-9.eE+-]+))?$/.exec(text);
  let gamma: number;
  if (m !== null) {
    if (theoryValue === undefined || !(theoryValue > 0)) {
      throw new RangeError(`step size: '${spec}' needs a theoretical value, and this method has none; pass a number`);
    }
    const factor = m[2] === undefined ? 1 : Number(m[2]);
    if (!(Number.isFinite(factor) && factor > 0)) throw new RangeError(`step size: bad multiplier in '${spec}'`);
    gamma = m[1] === '/' ? theoryValue / factor : theoryValue * factor;
  } else {
    gamma = text === '' ? NaN : Number(text);
  }
  if (!(Number.isFinite(gamma) && gamma > 0)) {
    throw new RangeError(`step size: expected 'theory', 'theory*m', 'theory/m' or a number > 0, got '${spec}'`);
  }
  return gamma;
}
