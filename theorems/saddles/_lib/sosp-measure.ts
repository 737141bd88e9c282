/**
 * How far x is from being an ε-second-order stationary point (ε-SOSP), the target of Avdiukhin & Yaroslavtsev
 * (2021) [abstract; definition as in docs/theory.md §7 [M]]:
 *   ‖∇f(x)‖ ≤ ε   and   λ_min(∇²f(x)) ≥ −√(ρε).
 * One scale-free number decides it: ratio = max(‖∇f(x)‖/ε, max(0, −λ_min)/√(ρε)) ≤ 1. λ_min comes from Lanczos on
 * Hessian–vector products (src/linalg/lanczos.ts), never from a dense Hessian, so the same test runs at d = 10⁴.
 * The Lanczos value is a Rayleigh quotient (≥ λ_min); on the saddle problems the Krylov space is invariant after
 * m + 1 steps (m frame coordinates), so LANCZOS_STEPS = 12 makes it exact there (pinned in the spec).
 *
 * A shortcut for loops: λ_min ≤ yᵀ∇²f(x)y for every unit y, so a witness y (the previous round's Ritz vector) whose
 * Rayleigh quotient is already below −√(ρε) proves "not an ε-SOSP" with one product instead of a Lanczos run. The
 * decision is then exact; the reported λ_min is that Rayleigh quotient, an upper bound like every Lanczos value.
 */
import { lanczosMinEigenvalue } from '../../../src/linalg/lanczos.ts';
import type { ReadonlyVector } from '../../../src/linalg/vector.ts';
import type { SaddleProblem } from '../../../src/problems/saddle-problem.ts';
import type { Key } from '../../../src/rng/key.ts';

/** Lanczos steps per test: above m + 1 for every saddle problem of the claims (m ≤ 4). */
export const LANCZOS_STEPS = 12;

export interface SospMeasure {
  readonly gradNorm: number;
  /** An upper bound on λ_min(∇²f(x)) (Lanczos or a witness' Rayleigh quotient); NaN when the gradient already decided. */
  readonly lambdaMin: number;
  /** max(‖∇f‖/ε, max(0, −λ_min)/√(ρε)): x is an ε-SOSP iff ratio ≤ 1. */
  readonly ratio: number;
  /** The unit vector whose Rayleigh quotient is lambdaMin (absent when λ_min was not computed). */
  readonly vector?: ReadonlyVector;
}

/**
 * √(ρε), the curvature threshold of an ε-SOSP.
 * @example
 * curvatureThreshold(12, 0.03);
 * // returns 0.6 (= √0.36)
 */
export function curvatureThreshold(rho: number, epsilon: number): number {
  if (!(rho > 0 && epsilon > 0)) throw new RangeError(`curvatureThreshold: need ρ, ε > 0, got ρ=${rho}, ε=${epsilon}`);
  return Math.sqrt(rho * epsilon);
}

export interface SospOptions {
  /** Skip λ_min (NaN) when ‖∇f‖ > ε already decides "not an ε-SOSP". */
  readonly lazy?: boolean;
  /** Lanczos steps (default LANCZOS_STEPS). */
  readonly steps?: number;
  /** lanczosStart(k, d), drawn once by a caller that tests many points (the key then only names it). */
  readonly start?: ReadonlyVector;
  /** A unit vector to try first (see the header): used only when its Rayleigh quotient decides the test. */
  readonly witness?: ReadonlyVector;
}

function dot(x: ReadonlyVector, y: ReadonlyVector): number {
  let s = 0;
  for (let j = 0; j < x.length; j++) s += x[j] * y[j];
  return s;
}

/** The ε-SOSP ratio at x. */
export function sospMeasure(
  p: SaddleProblem,
  x: ReadonlyVector,
  epsilon: number,
  k: Key,
  o: SospOptions = {},
): SospMeasure {
  const threshold = curvatureThreshold(p.rho, epsilon);
  const g = p.gradI(0, x);
  const gradNorm = Math.sqrt(dot(g, g));
  const gradRatio = gradNorm / epsilon;
  if (o.lazy === true && !(gradRatio <= 1)) return { gradNorm, lambdaMin: Number.NaN, ratio: gradRatio };
  const H = p.hessian(x);
  if (o.witness !== undefined) {
    const rayleigh = dot(H.apply(o.witness), o.witness) / dot(o.witness, o.witness);
    if (-rayleigh > threshold)
      return { gradNorm, lambdaMin: rayleigh, ratio: Math.max(gradRatio, -rayleigh / threshold), vector: o.witness };
  }
  const steps = o.steps ?? LANCZOS_STEPS;
  const r = lanczosMinEigenvalue(
    H,
    o.start === undefined ? { iterations: steps, key: k } : { iterations: steps, key: k, start: o.start },
  );
  return {
    gradNorm,
    lambdaMin: r.lambdaMin,
    ratio: Math.max(gradRatio, Math.max(0, -r.lambdaMin) / threshold),
    vector: r.vector,
  };
}
