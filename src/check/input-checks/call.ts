/**
 * The call itself, checked on every compress call: it must not throw, must leave x untouched and must return a
 * fresh finite Float64Array of length d.
 */
import type { Key } from '../../rng/key.ts';
import { ContractDeclarationError, type CheckSubject, type RunResult } from '../types.ts';
import { fail, ok, type CheckResult } from './check-result.ts';
import { describeError, describeValue, firstDifference, fmt } from './describe-value.ts';

/** One checked output, and the uniforms the call drew (undefined when not observable, built-ins). */
export interface Sample {
  readonly out: Float64Array;
  readonly draws: number | undefined;
}

/** compress at one key, checked; evaluateInput's version also counts the call. */
export type Call = (k: Key) => CheckResult<Sample>;

/**
 * Runs compress on x at key k and checks the call. snapshot is x's value before any call: a write to x is found
 * by comparing with it, and undone, so that the reported input is the one the compressor was given.
 */
export function checkCall(subject: CheckSubject, x: Float64Array, snapshot: Float64Array, k: Key): CheckResult<Sample> {
  const d = subject.dim;
  let r: RunResult;
  try {
    r = subject.run(x, k);
  } catch (e) {
    // A malformed declaration is the declarer's error (exit code 2), not a verdict on compress.
    if (e instanceof ContractDeclarationError) throw e;
    return fail('threw', `compress threw ${describeError(e)}`);
  }
  const j = firstDifference(x, snapshot);
  if (j >= 0) {
    const written = x[j];
    x.set(snapshot); // restore, so the reported input is the one the compressor was given
    return fail('purity', `compress wrote to its input: x[${j}] changed from ${fmt(snapshot[j])} to ${fmt(written)}`);
  }
  const out = r.output;
  if (out === x) return fail('purity', 'compress returned its input array; it must return a new vector');
  if (!(out instanceof Float64Array))
    return fail('shape', `compress must return a Float64Array of length d=${d}, got ${describeValue(out)}`);
  if (out.length !== d) return fail('shape', `compress returned a vector of length ${out.length}, expected d=${d}`);
  for (let i = 0; i < d; i++) {
    if (!Number.isFinite(out[i]))
      return fail('finiteness', `compress returned ${out[i]} at index ${i} for a finite input`);
  }
  return ok({ out, draws: r.draws });
}
