/**
 * What each check of one input returns instead of throwing: a value to go on with, or the failure that ends the
 * evaluation. evaluateInput (../evaluate-input.ts) runs the checks in order and stops at the first failure.
 */
import type { FailureKind, RatioEstimate } from '../types.ts';

/**
 * A ratio estimate before evaluateInput stamps the call count on it: every estimate of one input, on success or
 * attached to a failure, reports the compress calls the whole input cost, and only evaluateInput counts them.
 */
export type Estimate = Omit<RatioEstimate, 'samples'>;

/** A failure as a check sees it; evaluateInput adds the input (d, x) and the calls spent (a Failure, ../types.ts). */
export interface InputFailure {
  readonly kind: FailureKind;
  /** One line, no stack trace. */
  readonly message: string;
  readonly ratio?: Estimate;
}

export interface Passed<T> {
  readonly ok: true;
  readonly value: T;
}

export interface Refuted {
  readonly ok: false;
  readonly failure: InputFailure;
}

export type CheckResult<T> = Passed<T> | Refuted;

export const ok = <T>(value: T): Passed<T> => ({ ok: true, value });

export const fail = (kind: FailureKind, message: string, ratio?: Estimate): Refuted => ({
  ok: false,
  failure: ratio === undefined ? { kind, message } : { kind, message, ratio },
});
