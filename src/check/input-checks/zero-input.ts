/** C(0) = 0: at x = 0 the contract is decided by this alone, exactly (docs/design.md §3: treat x = 0 exactly). */
import { fail, ok, type CheckResult, type Estimate } from './check-result.ts';
import { fmt } from './describe-value.ts';

export function isZeroInput(x: Float64Array): boolean {
  for (let j = 0; j < x.length; j++) if (x[j] !== 0) return false;
  return true;
}

/** out = C(0) at the zero input; the ratio is then 0 against the declared bound. */
export function checkZeroInput(out: Float64Array, bound: number): CheckResult<Estimate> {
  for (let j = 0; j < out.length; j++) {
    if (out[j] !== 0) return fail('zero', `C(0) must be 0, got ${fmt(out[j])} at index ${j}`);
  }
  return ok({ estimate: 0, low: 0, high: 0, bound, method: 'deterministic' });
}
