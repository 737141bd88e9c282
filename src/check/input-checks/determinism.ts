/**
 * Same key → same output, bitwise: compress at foldIn(key, 0) twice, and, for a compressor that is taken to be
 * deterministic, DETERMINISM_REPEATS times more.
 */
import type { Key } from '../../rng/key.ts';
import type { CheckSubject } from '../types.ts';
import type { Call, Sample } from './call.ts';
import { fail, ok, type CheckResult } from './check-result.ts';
import { firstDifference, fmt } from './describe-value.ts';

/** Extra calls that confirm a compressor judged deterministic (a hidden coin repeats itself 14 times w.p. 2^-14). */
const DETERMINISM_REPEATS = 14;

export interface Reproduced {
  /** The output at k0, which the contract checks go on with (it is also Monte Carlo's first sample). */
  readonly first: Sample;
  /** Declared so, or no call drew a uniform: one call then gives the ratio exactly. */
  readonly deterministic: boolean;
}

export function checkDeterminism(subject: CheckSubject, call: Call, k0: Key): CheckResult<Reproduced> {
  const first = call(k0);
  if (!first.ok) return first;
  const second = call(k0);
  if (!second.ok) return second;
  const out = first.value.out;
  const j = firstDifference(out, second.value.out);
  if (j >= 0) {
    return fail(
      'reproducibility',
      `the same random stream gave different outputs (index ${j}: ${fmt(out[j])} then ${fmt(second.value.out[j])}); ` +
        'is randomness taken from somewhere other than the given source?',
    );
  }
  let deterministic = subject.deterministic || (first.value.draws === 0 && second.value.draws === 0);
  if (deterministic) {
    // One call is then taken as exact, so make sure the output really is fixed: a compressor drawing from a
    // hidden unseeded source (the global generator) repeats itself by chance, e.g. half the time at d = 2 with k = 1.
    for (let i = 0; i < DETERMINISM_REPEATS; i++) {
      const again = call(k0);
      if (!again.ok) return again;
      const jj = firstDifference(out, again.value.out);
      if (jj >= 0) {
        return fail(
          'reproducibility',
          `the output changed between calls that drew nothing from the given source (index ${jj}: ${fmt(out[jj])} then ${fmt(again.value.out[jj])}); ` +
            'is randomness taken from somewhere other than the given source?',
        );
      }
      if (again.value.draws !== undefined && again.value.draws > 0) deterministic = subject.deterministic;
    }
  }
  return ok({ first: first.value, deterministic });
}
