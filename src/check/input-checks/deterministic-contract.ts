/**
 * The contract from one call, for a compressor that is deterministic (declared, or drew no uniform, and confirmed
 * by determinism.ts): its one output is its distribution, so the ratio is exact; then E C(x) = x when unbiased.
 */
import { checkDeterministicBias } from './bias.ts';
import { fail, ok, type CheckResult, type Estimate } from './check-result.ts';
import { short } from './describe-value.ts';
import type { ScaleFree } from './scale-free.ts';

export function checkDeterministicContract(f: ScaleFree, out: Float64Array): CheckResult<Estimate> {
  const r = f.ratioOf(out);
  const ratio: Estimate = { estimate: r, low: r, high: r, bound: f.bound, method: 'deterministic' };
  if (f.exceeds(r))
    return fail('contract', `${f.lhs} = ${short(r)} (deterministic) > ${f.absolute ? 1 : f.describeContract()}`, ratio);
  if (f.contract.kind === 'unbiased') {
    const bias = checkDeterministicBias(f, out, ratio);
    if (!bias.ok) return bias;
  }
  return ok(ratio);
}
