/**
 * The simulator cross-check and the floor table of ef21-sgdm-ideal-floor: the method's Monte Carlo mean of
 * ‖∇f(x^t)‖² over the second half of a run against the exact moment recursion (ideal-error.ts), and per (n, η) the
 * exact E‖e‖², its bias part ‖E e‖², the two derived bounds, and what they imply for the stationary floor.
 */
import { ef21SgdmIdeal } from '../../../src/algorithms/ef21-sgdm-ideal.ts';
import { topK } from '../../../src/compressors/top-k.ts';
import { norm2sq } from '../../../src/linalg/vector.ts';
import type { Key } from '../../../src/rng/key.ts';
import type { MeanSe } from '../../../src/stats/mean-se.ts';
import type { TableSpec } from '../../types.ts';
import { fmt } from '../../_lib/fmt.ts';
import { averagedGradNormSq, criticalStepMultiplier } from './ideal-error.ts';
import type { IdealCase } from './ideal-floor-instances.ts';
import { threePointRuns } from './three-point-runs.ts';

/** The exact mean of E‖∇f(x^t)‖² over t ∈ [⌊T/2⌋, T] on f = ½‖x‖² (L = 1), the window threePointRuns averages. */
export function exactWindowMean(c: IdealCase, gamma: number, x0: readonly number[], T: number): number {
  const from = Math.floor(T / 2);
  const sum = (rounds: number): number =>
    rounds === 0 ? 0 : rounds * averagedGradNormSq(1, gamma, x0, c.moments.errorMean, c.moments.errorSecond, rounds);
  return (sum(T + 1) - sum(from)) / (T + 1 - from);
}

/**
 * R runs of EF21-SGDM-ideal (top-1, the case's n and η, x⁰) on the three-point Theorem 1 instance (σ = 1), and
 * the signed deviation of their window mean from the exact value, ready for a one-sided z = 6 verdict against 0.
 */
export function simulatorDeviation(
  c: IdealCase,
  gamma: number,
  x0: readonly number[],
  T: number,
  R: number,
  k: Key,
): { deviation: MeanSe; simulated: MeanSe; exact: number } {
  const alg = ef21SgdmIdeal({ gamma, eta: c.eta, compressor: topK(2, 1), x0 });
  const simulated = threePointRuns(alg, c.n, T, R, k, false).windowMean;
  const exact = exactWindowMean(c, gamma, x0, T);
  const sign = simulated.mean >= exact ? 1 : -1;
  return { deviation: { ...simulated, mean: sign * (simulated.mean - exact) }, simulated, exact };
}

/** The stationary E‖∇f‖² on f = ½‖x‖² at step γ (L = 1): ‖E e‖² + (γ/(2 − γ))(E‖e‖² − ‖E e‖²). */
function stationary(c: IdealCase, gamma: number): number {
  const bias = norm2sq(c.moments.errorMean);
  return bias + (gamma / (2 - gamma)) * (c.moments.errorSecond - bias);
}

/** One row per three-point case of the grid. */
export function floorTable(
  grid: readonly IdealCase[],
  upper: (c: IdealCase) => number,
  lower: (c: IdealCase) => number,
): TableSpec {
  return {
    title: 'Three-point law, top-1 (α = 1/2), σ = 1: exact moments of e = g − ∇f(x) and the derived bounds',
    columns: [
      'n',
      'η',
      'αη²σ²/n',
      'E‖e‖²',
      'U = η²σ²[(1 − α)(1 − 1/n) + 1/n]',
      'bias ‖E e‖²',
      'stationary E‖∇f‖², γL = 0.1',
      'γL above which the stationary value exceeds U',
    ],
    rows: grid.map((c) => [
      c.n,
      c.eta,
      lower(c),
      c.moments.errorSecond,
      upper(c),
      norm2sq(c.moments.errorMean),
      stationary(c, 0.1),
      fmt(criticalStepMultiplier(norm2sq(c.moments.errorMean), c.moments.errorSecond, upper(c))),
    ]),
    caption:
      'E‖e‖² = E‖∇f(x^t)‖² at stationarity when γL = 1 (f = ½‖x‖²), and the bias ‖E e‖² is the floor no n removes: (2/21)η² here. The last column is where (iii) stops holding on this law; the derivation asks γL ≤ 1.',
  };
}
