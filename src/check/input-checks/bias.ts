/**
 * E C(x) = x for a compressor declared unbiased, where the mean is known exactly: from expectation(), or the one
 * output of a deterministic compressor. (Sampled means are tested in sampled-mean.ts.)
 */
import { fail, ok, type CheckResult, type Estimate } from './check-result.ts';
import { fmt, short } from './describe-value.ts';
import type { ScaleFree } from './scale-free.ts';

/** mean = E C(x)/s, enumerated by expectation() at u; ratio is attached to a failure. */
export function checkExactBias(f: ScaleFree, mean: Float64Array, ratio: Estimate): CheckResult<undefined> {
  for (let j = 0; j < f.d; j++) {
    if (Math.abs(mean[j] - f.u[j]) > f.coordTol(j, mean[j])) {
      return fail(
        'bias',
        `E C(x) ≠ x (exact): coordinate ${j} has mean ${short(mean[j] * f.s)}, x_j = ${fmt(f.x[j])}`,
        ratio,
      );
    }
  }
  return ok(undefined);
}

/** out = C(x) of a deterministic compressor, which is its mean: declared unbiased, it must return x. */
export function checkDeterministicBias(f: ScaleFree, out: Float64Array, ratio: Estimate): CheckResult<undefined> {
  for (let j = 0; j < f.d; j++) {
    const cj = out[j] / f.s;
    if (Math.abs(cj - f.u[j]) > f.coordTol(j, cj)) {
      return fail(
        'bias',
        `E C(x) ≠ x: a deterministic compressor declared unbiased must return x, but C(x)[${j}] = ${fmt(out[j])}, x_j = ${fmt(f.x[j])}`,
        ratio,
      );
    }
  }
  return ok(undefined);
}
