/**
 * The expectation-mismatch checks: expectation() must be well-formed, and the sampler must agree with it, so that
 * a correct expectation() cannot hide a wrong compress. A random compressor is cross-checked by Monte Carlo against
 * the enumeration (monte-carlo.ts with a reference); a deterministic one here, from its one output.
 */
import type { ExactMoments } from '../../compressors/types.ts';
import type { CheckSubject } from '../types.ts';
import { fail, ok, type CheckResult, type Estimate } from './check-result.ts';
import { describeValue, short } from './describe-value.ts';
import type { ScaleFree } from './scale-free.ts';

/**
 * expectation() at u, or undefined when the compressor has none, cannot enumerate this x, or its contract is
 * absolute (not scale-free, and judged on every sample instead).
 */
export function readExpectation(subject: CheckSubject, f: ScaleFree): CheckResult<ExactMoments | undefined> {
  const exact = !f.absolute && subject.expectation !== undefined ? subject.expectation(f.u) : undefined;
  if (exact === undefined) return ok(undefined);
  const m = exact.mean;
  if (!(m instanceof Float64Array) || m.length !== f.d || !Number.isFinite(exact.errorSq) || exact.errorSq < 0) {
    return fail(
      'expectation-mismatch',
      `expectation() returned a malformed result (mean ${describeValue(m)}, errorSq ${exact.errorSq})`,
    );
  }
  return ok(exact);
}

/** out = C(x) of a deterministic compressor against the enumeration; ratio (the exact one) is attached to a failure. */
export function crossCheckDeterministic(
  f: ScaleFree,
  out: Float64Array,
  moments: ExactMoments,
  ratio: Estimate,
): CheckResult<undefined> {
  const m = moments.mean;
  const r = ratio.estimate;
  const rs = f.ratioOf(out);
  for (let j = 0; j < f.d; j++) {
    if (Math.abs(out[j] / f.s - m[j]) > f.coordTol(j, m[j])) {
      return fail(
        'expectation-mismatch',
        `compress(x)[${j}] = ${out[j]} but expectation() says ${m[j] * f.s} for a deterministic compressor`,
        ratio,
      );
    }
  }
  if (Math.abs(rs - r) > f.slack(Math.max(rs, r))) {
    return fail(
      'expectation-mismatch',
      `compress gives ${f.lhs} = ${short(rs)}, expectation() says ${short(r)}`,
      ratio,
    );
  }
  return ok(undefined);
}
