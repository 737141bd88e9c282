/**
 * The contract by Monte Carlo, for a compressor that is random and does not enumerate its expectation, and the
 * cross-check of a random sampler against expectation() when it does. Sample i is compress at foldIn(key, i)
 * (i ≥ 1; the determinism check's call at foldIn(key, 0) is sample 0), so the estimate is a deterministic function
 * of the key, and fast-check can shrink a failing input and replays reproduce it. A bound is refuted only if
 * mean − z·se > bound (src/stats/mean-se.ts, z = 6; docs/design.md §3), and the sample count doubles, up to
 * budget.maxSamples, while an estimate sits above its bound but is not yet significant. Absolute contracts bound
 * every sample, so there the largest ratio seen is judged, on the first budget.samples samples.
 */
import type { ExactMoments } from '../../compressors/types.ts';
import { foldIn, type Key } from '../../rng/key.ts';
import type { Call } from './call.ts';
import { fail, ok, type CheckResult, type Estimate } from './check-result.ts';
import { short } from './describe-value.ts';
import { Moments } from './moments.ts';
import { checkSampledMean } from './sampled-mean.ts';
import type { ScaleFree } from './scale-free.ts';

/** ln(1e9): n draws miss an event of probability p with chance (1 − p)^n ≤ e^{−np}. */
const UNSEEN_LOG = Math.log(1e9);

export interface SampleBudget {
  readonly samples: number;
  readonly maxSamples: number;
}

/**
 * Without a reference, tests the contract and (unbiased) E C(x) = x; with reference = expectation() at u, tests
 * the samples' agreement with it instead. firstOut is C(x) at foldIn(key, 0). Returns the final estimate.
 */
export function checkMonteCarlo(
  f: ScaleFree,
  call: Call,
  k: Key,
  firstOut: Float64Array,
  budget: SampleBudget,
  z: number,
  reference?: ExactMoments,
): CheckResult<Estimate> {
  const acc = new Moments(f.d);
  const testMean = f.contract.kind === 'unbiased' || reference !== undefined;
  let target = budget.samples;
  let next = 1;
  acc.add(f, firstOut, -1);
  while (true) {
    for (; acc.n < target; next++) {
      const sample = call(foldIn(k, next));
      if (!sample.ok) return sample;
      acc.add(f, sample.value.out, next);
    }
    if (f.absolute) return checkEverySample(f, acc);
    const seR = Math.sqrt(acc.m2R / (acc.n - 1) / acc.n);
    const est: Estimate = {
      estimate: acc.meanR,
      low: acc.meanR - z * seR,
      high: acc.meanR + z * seR,
      bound: f.bound,
      method: 'monte-carlo',
    };
    const ratio = checkMeanRatio(f, acc, seR, reference, z, est);
    if (!ratio.ok) return ratio;
    const mean = testMean ? checkSampledMean(f, acc, reference, z, est) : ok(false);
    if (!mean.ok) return mean;
    if (!(ratio.value || mean.value) || target >= budget.maxSamples) return ok(est);
    target = Math.min(2 * target, budget.maxSamples);
  }
}

/** Absolute contracts: the largest ‖C(x) − x‖²/deltaSq over the samples against 1. */
function checkEverySample(f: ScaleFree, acc: Moments): CheckResult<Estimate> {
  const est: Estimate = { estimate: acc.maxR, low: acc.maxR, high: acc.maxR, bound: f.bound, method: 'every-sample' };
  if (f.exceeds(acc.maxR))
    return fail('contract', `${f.lhs} = ${short(acc.maxR)} on sample ${acc.maxRAt} > 1 (${f.describeContract()})`, est);
  return ok(est);
}

/**
 * The mean ratio against the bound (or, with a reference, against the exact ratio) by the z rule. Returns whether
 * it is suspicious: above its bound by more than one standard error, though not significantly.
 */
function checkMeanRatio(
  f: ScaleFree,
  acc: Moments,
  seR: number,
  reference: ExactMoments | undefined,
  z: number,
  est: Estimate,
): CheckResult<boolean> {
  const n = acc.n;
  const against = reference === undefined ? f.bound : reference.errorSq / f.uNormSq;
  // R ≥ 0, so outcomes too rare to show in n samples can only have pulled the sample mean *up*, by a factor
  // of at most 1/(1 − p*), where p* = ln(1e9)/n is the largest probability that stays unseen in n draws
  // with chance ≥ 1e-9 ((1 − p*)^n ≤ e^{−n·p*}). Without this, (1, ε, …, ε) under rand-1 at d = 100 reads
  // as ratio 1 with se = 0 against an exact 0.99.
  const unseen = Math.min(UNSEEN_LOG / n, 0.5);
  const ceiling = against / (1 - unseen) + f.slack(acc.meanR);
  if (acc.meanR - z * seR > ceiling) {
    return reference === undefined
      ? fail(
          'contract',
          `${f.lhs} ≈ ${short(acc.meanR)} ± ${z}·${short(seR)} (${n} samples) > ${f.describeContract()}`,
          est,
        )
      : fail(
          'expectation-mismatch',
          `compress gives ${f.lhs} ≈ ${short(acc.meanR)} ± ${z}·${short(seR)} (${n} samples), expectation() says ${short(against)}`,
          est,
        );
  }
  return ok(acc.meanR - seR > against + f.slack(acc.meanR));
}
