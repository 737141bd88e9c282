/**
 * The contract exactly, from the compressor's own enumeration of E C(x) and E‖C(x) − x‖² (expectation(), at u:
 * compressors commute with powers of two), then E C(x) = x for unbiased contracts.
 */
import type { ExactMoments } from '../../compressors/types.ts';
import { checkExactBias } from './bias.ts';
import { fail, ok, type CheckResult, type Estimate } from './check-result.ts';
import { short } from './describe-value.ts';
import type { ScaleFree } from './scale-free.ts';

/** moments: expectation() at u, already checked well-formed (expectation.ts). Returns the exact ratio. */
export function checkExactContract(f: ScaleFree, moments: ExactMoments): CheckResult<Estimate> {
  const r = moments.errorSq / f.uNormSq;
  const ratio: Estimate = { estimate: r, low: r, high: r, bound: f.bound, method: 'exact' };
  if (f.exceeds(r)) return fail('contract', `${f.lhs} = ${short(r)} (exact) > ${f.describeContract()}`, ratio);
  if (f.contract.kind === 'unbiased') {
    const bias = checkExactBias(f, moments.mean, ratio);
    if (!bias.ok) return bias;
  }
  return ok(ratio);
}
