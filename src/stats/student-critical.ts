/**
 * The Student-t critical value with the same tail as a z-score: t such that P(T_dof > t) = Φ(−z). A verdict that
 * estimates its standard error from few samples (a slope from a handful of fit points, a paired difference over
 * a few evaluation streams) must use it instead of z itself, or "z = 6" does not mean 1e-9: with 3 degrees of
 * freedom P(T₃ > 6) ≈ 5e-3. It tends to z as dof grows (dof 1000: 6.06 for z = 6).
 */
import jStat from 'jstat';
import { Z_DEFAULT } from './mean-se.ts';

/** The two-sided coverage of ±z standard errors, 1 − 2Φ(−z). */
export function zCoverage(z: number = Z_DEFAULT): number {
  return 1 - 2 * jStat.normal.cdf(-z, 0, 1);
}

/**
 * @example
 * studentCritical(2);
 * // returns ≈ 22512 (dof 2: t = (1 − 2p)/√(2p(1 − p)), p = Φ(−6))
 */
export function studentCritical(dof: number, z: number = Z_DEFAULT): number {
  if (!(dof >= 1 && Number.isFinite(dof))) throw new RangeError(`studentCritical: need dof ≥ 1, got ${dof}`);
  if (!(z > 0 && Number.isFinite(z))) throw new RangeError(`studentCritical: need a finite z > 0, got ${z}`);
  return jStat.studentt.inv(1 - jStat.normal.cdf(-z, 0, 1), dof);
}
