/**
 * The sampled mean of C(x) against its value under the null: x itself (unbiasedness, a 'bias' failure) or the
 * enumerated E C(x) (the cross-check of the sampler against expectation(), an 'expectation-mismatch'). Tested
 * along x first, the direction a mis-scaling shows up in, then coordinate by coordinate.
 */
import type { ExactMoments } from '../../compressors/types.ts';
import { fail, ok, type CheckResult, type Estimate, type Refuted } from './check-result.ts';
import { short } from './describe-value.ts';
import type { Moments } from './moments.ts';
import type { ScaleFree } from './scale-free.ts';

/**
 * One look at the accumulated samples at z (docs/design.md §3: refute only beyond z standard errors). Returns
 * whether the mean is suspicious (beyond half a threshold), which asks monte-carlo.ts for more samples; est is
 * attached to a failure.
 */
export function checkSampledMean(
  f: ScaleFree,
  acc: Moments,
  reference: ExactMoments | undefined,
  z: number,
  est: Estimate,
): CheckResult<boolean> {
  const { d, u, uNormSq } = f;
  const n = acc.n;
  // Reference mean of e = C/s − u under the null: 0 (unbiased claim) or the enumerated bias.
  const ref = reference?.mean;
  // Under the null, E‖C − u‖² ≤ V‖u‖²… in scaled units: the variance of any projection ⟨e, v⟩ is at most
  // ‖v‖²·V. It floors the standard error, so that outcomes too rare to appear in n samples cannot fake a
  // bias: an unseen event of probability p moves a mean by at most sqrt(p·V)·‖v‖ (Cauchy–Schwarz).
  // The declared bound joins the exact errorSq because an exact errorSq can lose a rare outcome to rounding
  // (computed as E‖C‖² − ‖u‖², a subnormal share cancels), which fast-check finds at once: x = (4.4e-323, 1/8, 0).
  const varianceBound = Math.max(reference !== undefined ? reference.errorSq : 0, f.bound * uNormSq);
  // Bonferroni over d coordinates with the Chernoff tail exp(−z²/2): z_d² = z² + 2 ln d.
  const zD = Math.sqrt(z * z + 2 * Math.log(Math.max(d, 1)));
  const floor = Math.sqrt(varianceBound / n);
  let suspicious = false;
  // Projection on u: the direction a mis-scaling shows up in.
  let refP = 0;
  let tolP = 0;
  for (let j = 0; j < d; j++) {
    const rj = ref === undefined ? 0 : ref[j] - u[j];
    refP += rj * u[j];
    tolP += Math.abs(u[j]) * f.coordTol(j, acc.meanE[j] + u[j]);
  }
  const seP = Math.sqrt(acc.m2P / (n - 1) / n);
  const devP = acc.meanP - refP;
  const thrP = z * (seP + floor * Math.sqrt(uNormSq)) + tolP;
  if (Math.abs(devP) > thrP) return meanFailure(f, -1, devP, n, z, reference !== undefined, est);
  if (Math.abs(devP) > thrP / 2) suspicious = true;
  for (let j = 0; j < d; j++) {
    const rj = ref === undefined ? 0 : ref[j] - u[j];
    const dev = acc.meanE[j] - rj;
    const thr = zD * (Math.sqrt(acc.m2E[j] / (n - 1) / n) + floor) + f.coordTol(j, acc.meanE[j] + u[j]);
    if (Math.abs(dev) > thr) return meanFailure(f, j, dev, n, z, reference !== undefined, est);
    if (Math.abs(dev) > thr / 2) suspicious = true;
  }
  return ok(suspicious);
}

/** The failure for a deviation dev at coordinate j (-1: along x), on the scale of u. */
function meanFailure(
  f: ScaleFree,
  j: number,
  dev: number,
  n: number,
  z: number,
  againstExpectation: boolean,
  est: Estimate,
): Refuted {
  const where = j < 0 ? 'along x (⟨mean C(x) − x, x⟩)' : `at coordinate ${j}`;
  if (againstExpectation) {
    return fail(
      'expectation-mismatch',
      `the sampled mean of C(x) differs from expectation() ${where} by ${short(dev * f.s)} (${n} samples, z=${z})`,
      est,
    );
  }
  return fail(
    'bias',
    `E C(x) ≠ x: the sampled mean deviates ${where} by ${short(j < 0 ? dev * f.s * f.s : dev * f.s)} (${n} samples, z=${z})`,
    est,
  );
}
