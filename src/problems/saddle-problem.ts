/**
 * A problem with second-order data, for ε-second-order stationarity (docs/theory.md §7 [M]):
 *   x is an ε-SOSP  ⇔  ‖∇f(x)‖ ≤ ε  and  λ_min(∇²f(x)) ≥ −√(ρε),
 * with L the Lipschitz constant of ∇f and ρ that of ∇²f (operator norm). The problems of this kind (strict-saddle.ts,
 * double-wells.ts) are polynomials, so L and ρ hold on a stated region — the slab |u_iᵀx| ≤ radius of their frame
 * coordinates — not on all of ℝ^d; the claims that use them record how far their runs went (docs/saddles.md).
 */
import type { SymmetricOperator } from '../linalg/lanczos.ts';
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import type { Problem } from './types.ts';

export interface SaddleProblem extends Problem {
  /** ∇²f(x) v, fresh (O(md) for a function of m frame coordinates). */
  hessianVector(x: ReadonlyVector, v: ReadonlyVector): Vector;
  /** ∇²f(x) as an operator for Lanczos, with the work that depends on x alone done once. */
  hessian(x: ReadonlyVector): SymmetricOperator;
  /** ρ: ‖∇²f(x) − ∇²f(x')‖₂ ≤ ρ‖x − x'‖ for x, x' in the region. */
  readonly rho: number;
  /** The region of L and ρ: every frame coordinate |u_iᵀx| ≤ radius. */
  readonly radius: number;
  /** The frame u_1, …, u_m (orthonormal) whose coordinates y_i = u_iᵀx are all f depends on. */
  readonly frame: readonly ReadonlyVector[];
  /** y = (u_1ᵀx, …, u_mᵀx), fresh. */
  coordinates(x: ReadonlyVector): Vector;
  /** The strict saddle: ∇f = 0 there and λ_min(∇²f) < 0. */
  readonly saddle: ReadonlyVector;
  /** The minimisers in the span of the frame (adding any vector orthogonal to the frame gives another one). */
  readonly minimisers: readonly ReadonlyVector[];
  /** λ_min(∇²f(x)) in closed form: the reference the Lanczos estimate is tested against. */
  lambdaMin(x: ReadonlyVector): number;
}
