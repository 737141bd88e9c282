/**
 * L-smooth, μ-strongly convex test functions for the tight claims, separable in the coordinates:
 *   f(x) = Σ_j φ_j(x_j),
 *   quadratic: φ_j(u) = ½h_j u²,                     h_j = μ + (L − μ)(1 + sin t_j)/2 ∈ [μ, L];
 *   log-cosh:  φ_j(u) = ½μu² + (L − μ)[½a_j u² + (1 − a_j)·log cosh(u − c_j)],  a_j = (1 + sin t_j)/2,
 * so φ_j'' ∈ [μ, L] in both families (sech² ∈ (0, 1]), the log-cosh family is not quadratic, and the curvature
 * parameters t_j are unconstrained coordinates of the adversary's search (sin reaches μ and L smoothly). The worst
 * cases of the tight claims are one-dimensional quadratics with curvature μ or L; the log-cosh family widens the
 * searched class for the upper side.
 */
import type { ReadonlyVector, Vector } from '../../../src/linalg/vector.ts';

export type FunctionKind = 'quadratic' | 'log-cosh';

export interface SeparableFunction {
  readonly kind: FunctionKind;
  readonly L: number;
  readonly mu: number;
  /** Curvature parameters, one per coordinate. */
  readonly t: ReadonlyVector;
  /** Centres of the log-cosh terms (unused by the quadratic family). */
  readonly c: ReadonlyVector;
}

const unitFraction = (t: number): number => (1 + Math.sin(t)) / 2;

/** log cosh u without overflow: |u| + log1p(e^{−2|u|}) − log 2. */
function logCosh(u: number): number {
  const a = Math.abs(u);
  return a + Math.log1p(Math.exp(-2 * a)) - Math.LN2;
}

function derivative(f: SeparableFunction, j: number, u: number): number {
  const a = unitFraction(f.t[j]);
  if (f.kind === 'quadratic') return (f.mu + (f.L - f.mu) * a) * u;
  return f.mu * u + (f.L - f.mu) * (a * u + (1 - a) * Math.tanh(u - f.c[j]));
}

export function value(f: SeparableFunction, x: ReadonlyVector): number {
  let s = 0;
  for (let j = 0; j < x.length; j++) {
    const a = unitFraction(f.t[j]);
    const u = x[j];
    s +=
      f.kind === 'quadratic'
        ? 0.5 * (f.mu + (f.L - f.mu) * a) * u * u
        : 0.5 * f.mu * u * u + (f.L - f.mu) * (0.5 * a * u * u + (1 - a) * logCosh(u - f.c[j]));
  }
  return s;
}

export function grad(f: SeparableFunction, x: ReadonlyVector): Vector {
  const g = new Float64Array(x.length);
  for (let j = 0; j < x.length; j++) g[j] = derivative(f, j, x[j]);
  return g;
}

/**
 * The minimiser: 0 for the quadratic family; for log-cosh the root of the increasing φ_j', which lies in
 * [−(L − μ)/μ − 1, (L − μ)/μ + 1] (|tanh| ≤ 1): safeguarded Newton [Press et al., Numerical Recipes, rtsafe] —
 * a bisection whenever the Newton step leaves the bracket or fails to halve the step before last (plain Newton
 * cycles on the sigmoid-like φ_j'), until the bracket reaches rounding.
 */
export function minimiser(f: SeparableFunction): Vector {
  const d = f.t.length;
  const xs = new Float64Array(d);
  if (f.kind === 'quadratic') return xs;
  const r = (f.L - f.mu) / f.mu + 1;
  for (let j = 0; j < d; j++) {
    const a = unitFraction(f.t[j]);
    let lo = -r;
    let hi = r;
    let u = 0;
    let before = hi - lo;
    let last = before;
    for (let it = 0; it < 400; it++) {
      const g = derivative(f, j, u);
      if (g === 0) break;
      if (g < 0) lo = u;
      else hi = u;
      const sech = 1 / Math.cosh(u - f.c[j]);
      const newton = u - g / (f.mu + (f.L - f.mu) * (a + (1 - a) * sech * sech));
      const useNewton = newton > lo && newton < hi && Math.abs(newton - u) < 0.5 * before;
      const next = useNewton ? newton : 0.5 * (lo + hi);
      before = last;
      last = Math.abs(next - u);
      if (next === u || hi - lo <= 4 * Number.EPSILON * Math.max(1, Math.abs(u))) break;
      u = next;
    }
    xs[j] = u;
  }
  return xs;
}
