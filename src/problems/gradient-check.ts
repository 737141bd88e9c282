/**
 * Checks of a problem's first-order data against its zeroth-order data, used by every problem's tests:
 * central differences against gradI, and brute-force Lipschitz ratios against the declared L_i.
 */
import { dist2sq, type ReadonlyVector } from '../linalg/vector.ts';
import type { Problem } from './types.ts';

/**
 * The worst ratio over coordinates j of |D_j − ∂_j f_i(x)| to its rigorous allowance, where
 * D_j = (f_i(x + h e_j) − f_i(x − h e_j))/(2h). An L-smooth f has |f(x ± h e_j) − f(x) ∓ h ∂_j f(x)| ≤ L h²/2, so
 * |D_j − ∂_j f| ≤ L h/2 exactly; rounding adds about rtol·(|f(x+he_j)| + |f(x−he_j)|)/(2h). A ratio ≤ 1 passes.
 * @param lipschitz the declared L_i (the allowance uses it, so a too-small L_i can also fail this check)
 */
export function centralDifferenceRatio(
  problem: Problem,
  i: number,
  x: ReadonlyVector,
  lipschitz: number,
  options: { readonly h?: number; readonly rtol?: number } = {},
): number {
  const d = problem.dim;
  const h = options.h ?? 1e-5;
  const rtol = options.rtol ?? 1e-11;
  const g = problem.gradI(i, x);
  const probe = Float64Array.from(x);
  let worst = 0;
  for (let j = 0; j < d; j++) {
    const xj = x[j];
    probe[j] = xj + h;
    const fPlus = problem.fI(i, probe);
    probe[j] = xj - h;
    const fMinus = problem.fI(i, probe);
    probe[j] = xj;
    // The step actually taken is (xj + h) − (xj − h) in floating point, not exactly 2h.
    const step = xj + h - (xj - h);
    const fd = (fPlus - fMinus) / step;
    const allowance = (lipschitz * h) / 2 + (rtol * (Math.abs(fPlus) + Math.abs(fMinus))) / step + 1e-300;
    worst = Math.max(worst, Math.abs(fd - g[j]) / allowance);
  }
  return worst;
}

/** ‖∇f_i(x) − ∇f_i(y)‖ / ‖x − y‖: every value must be ≤ L_i, and on quadratics the sup equals L_i. */
export function lipschitzRatio(problem: Problem, i: number, x: ReadonlyVector, y: ReadonlyVector): number {
  const dx = dist2sq(x, y);
  if (dx === 0) return 0;
  return Math.sqrt(dist2sq(problem.gradI(i, x), problem.gradI(i, y)) / dx);
}
