/**
 * The checker's core: one input x, one compressor, one key → either a failure or a ratio estimate.
 *
 * Order of checks (each in src/check/input-checks/, returning a CheckResult; the first failure ends the input):
 *   1. the call itself, on every call (throws, writes to x, wrong type/length, NaN): call.ts;
 *   2. reproducibility (same key twice, bitwise; more for a compressor taken to be deterministic): determinism.ts;
 *   3. C(0) = 0, which alone decides the zero input: zero-input.ts;
 *   4. the contract, in scale-free form (docs/design.md §3, scale-free.ts):
 *      - exact when the compressor enumerates E C(x) and E‖C(x) − x‖² (expectation(), checked well-formed:
 *        expectation.ts; exact-contract.ts); the sampler is then cross-checked against it, so a correct
 *        expectation() cannot hide a wrong compress (expectation.ts, or monte-carlo.ts with a reference);
 *      - exact from one call when the compressor is deterministic (declared, or drew no uniform):
 *        deterministic-contract.ts;
 *      - otherwise Monte Carlo, refuting E[R] ≤ b only if mean − z·se > b (src/stats/mean-se.ts, z = 6), doubling
 *        the sample count while the estimate sits above the bound and is not yet significant: monte-carlo.ts;
 *      each followed, for unbiased contracts, by E C(x) = x (bias.ts, sampled-mean.ts).
 * Absolute contracts are not scale-free and are judged on the raw x, on every sample.
 */
import { copy } from '../linalg/vector.ts';
import { foldIn, type Key } from '../rng/key.ts';
import { Z_DEFAULT } from '../stats/mean-se.ts';
import { checkCall, type Call } from './input-checks/call.ts';
import type { CheckResult, Estimate, InputFailure } from './input-checks/check-result.ts';
import { checkDeterminism } from './input-checks/determinism.ts';
import { checkDeterministicContract } from './input-checks/deterministic-contract.ts';
import { checkExactContract } from './input-checks/exact-contract.ts';
import { crossCheckDeterministic, readExpectation } from './input-checks/expectation.ts';
import { checkMonteCarlo, type SampleBudget } from './input-checks/monte-carlo.ts';
import { ratioBound } from './input-checks/ratio-bound.ts';
import { scaleFree } from './input-checks/scale-free.ts';
import { checkZeroInput, isZeroInput } from './input-checks/zero-input.ts';
import type { CheckSubject, Failure, RatioEstimate } from './types.ts';

// Moved to input-checks/ and re-exported here, so that their importers (user-module.ts, src/method-check/) need not change.
export { describeError, describeValue } from './input-checks/describe-value.ts';
export { ratioBound } from './input-checks/ratio-bound.ts';
export type { SampleBudget } from './input-checks/monte-carlo.ts';

export interface InputEvaluation {
  readonly d: number;
  readonly x: Float64Array;
  readonly failure?: Failure;
  /** Present unless a failure stopped the evaluation before any estimate. */
  readonly ratio?: RatioEstimate;
  /** compress calls made. */
  readonly samples: number;
  readonly exact: boolean;
}

/**
 * Checks one input. Deterministic given (subject, x, key, budget): the Monte Carlo stream is foldIn(key, i) for
 * sample i, so fast-check can shrink a failing input and replays reproduce it. Failures are returned, not thrown;
 * what propagates is a ContractDeclarationError (a malformed declaration), a RangeError (x of the wrong length)
 * and anything a built-in's expectation() throws.
 */
export function evaluateInput(
  subject: CheckSubject,
  x: Float64Array,
  k: Key,
  budget: SampleBudget,
  z: number = Z_DEFAULT,
): InputEvaluation {
  const d = subject.dim;
  if (x.length !== d) throw new RangeError(`evaluateInput: input has length ${x.length}, ${subject.name} has d=${d}`);
  const bound = ratioBound(subject.contract, subject.name);
  const snapshot = copy(x);
  let calls = 0;
  const call: Call = (kk) => {
    calls++;
    return checkCall(subject, x, snapshot, kk);
  };
  // Every estimate of this input, the one a failure carries included, reports the calls the whole input cost.
  const stamped = (r: Estimate): RatioEstimate => ({ ...r, samples: calls });
  // A failed input is never counted as exact, whichever check failed.
  const failed = (f: InputFailure): InputEvaluation => {
    const ratio = f.ratio === undefined ? {} : { ratio: stamped(f.ratio) };
    const failure: Failure = { kind: f.kind, message: f.message, d, x: Array.from(snapshot), samples: calls, ...ratio };
    return { d, x: snapshot, failure, samples: calls, exact: false, ...ratio };
  };
  const judged = (r: CheckResult<Estimate>, exact: boolean): InputEvaluation =>
    r.ok ? { d, x: snapshot, ratio: stamped(r.value), samples: calls, exact } : failed(r.failure);

  // 1–2. The call (checked on every call) and same key → same output.
  const repeat = checkDeterminism(subject, call, foldIn(k, 0));
  if (!repeat.ok) return failed(repeat.failure);
  const { first, deterministic } = repeat.value;

  // 3. C(0) = 0.
  if (isZeroInput(x)) return judged(checkZeroInput(first.out, bound), true);

  // 4. The contract: exactly from expectation() (then the sampler against it), from one deterministic call, or by Monte Carlo.
  const frame = scaleFree(subject.contract, bound, x);
  const expectation = readExpectation(subject, frame);
  if (!expectation.ok) return failed(expectation.failure);
  const moments = expectation.value;
  if (moments !== undefined) {
    const exact = checkExactContract(frame, moments);
    if (!exact.ok) return failed(exact.failure);
    const sampler = deterministic
      ? crossCheckDeterministic(frame, first.out, moments, exact.value)
      : checkMonteCarlo(frame, call, k, first.out, budget, z, moments);
    return sampler.ok ? judged(exact, true) : failed(sampler.failure);
  }
  if (deterministic) return judged(checkDeterministicContract(frame, first.out), true);
  return judged(checkMonteCarlo(frame, call, k, first.out, budget, z), false);
}
