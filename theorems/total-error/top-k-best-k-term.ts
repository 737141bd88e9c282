/**
 * Top-k is the best k-term approximation.
 *
 * Setting: any p ∈ ℝ^d (in EF-SGD, p = e + γg, the error-corrected update of one node), any budget 1 ≤ k ≤ d.
 * Algorithm: the top-k sparsifier of src/compressors/top-k.ts (ties: lowest index), compared with every output
 *   that keeps k coordinates of p unchanged, p_S for a k-subset S (p_S = p on S, 0 elsewhere).
 * Claim: ‖p − TopK(p)‖² ≤ ‖p − p_S‖² for every k-subset S; equivalently ‖p − TopK(p)‖² = min_{|S|=k} ‖p − p_S‖².
 *   So top-k minimises the one-step error ‖e_{t+1}‖² of EF-SGD among k-sparse outputs of this form.
 * Kind: deterministic (pathwise, per input). Checked on seeded random p against random k-subsets, and as an
 *   identity against the best subset found by enumerating all C(d, k) subsets for d ≤ 10.
 * Reference: Sahu, Dutta, Abdelmoniem, Banerjee, Canini, Kalnis (2021), "Rethinking gradient sparsification as
 *   total error minimization", NeurIPS, Claim 1 (stated in the abstract; the one-line proof is ours).
 *   docs/theory.md §8, provenance [D]: the property is derived here, so reports call it a derived form of Claim 1.
 * Teeth: the same check with TopK replaced by a (k−1)-sparse top-k, or by the unscaled rand-k mask p_R with R a
 *   uniform k-subset, must find a violation (the theory allows one: neither is the best k-term approximation).
 */
import { topK } from '../../src/compressors/top-k.ts';
import type { ReadonlyVector, Vector } from '../../src/linalg/vector.ts';
import { key } from '../../src/rng/key.ts';
import { chooseK } from '../../src/rng/sample.ts';
import { verdictOverTrials, type Sides } from '../../src/report/verdict.ts';
import { claimContext } from '../_lib/claim-context.ts';
import { seededTrials } from '../_lib/seeded-trials.ts';
import { bestKTermError, binomial } from './_lib/best-k-term.ts';
import { errorVsDensity } from './_lib/error-vs-density.ts';
import { kSubsetInstance, kSubsetJson } from './_lib/k-subset-instance.ts';
import {
  budgetSizes,
  byBudget,
  theoremFile,
  type Budget,
  type Theorem,
  type TheoremMeta,
  type TheoremResult,
  type Trial,
} from '../types.ts';

export const meta: TheoremMeta = {
  id: 'top-k-best-k-term',
  title: 'Top-k is the best k-term approximation',
  group: 'total-error',
  paper: { authors: 'Sahu et al.', year: 2021 },
  theorem: 'Claim 1',
  provenance: 'D',
  kind: 'deterministic',
  statement: 'For every p ∈ ℝ^d, 1 ≤ k ≤ d and k-subset S: ‖p − TopK(p)‖² ≤ ‖p − p_S‖² (docs/theory.md §8)',
  file: theoremFile(import.meta.url),
};

const CLAIM = '‖p − TopK(p)‖² ≤ ‖p − p_S‖²';

/** ‖p − c‖². */
export function compressionError(p: ReadonlyVector, c: ReadonlyVector): number {
  let s = 0;
  for (let j = 0; j < p.length; j++) s += (p[j] - c[j]) ** 2;
  return s;
}

/** p_S: p on the index set S, 0 elsewhere (what any "keep k coordinates" sparsifier can send). */
export function restrict(p: ReadonlyVector, subset: ArrayLike<number>): Vector {
  const out = new Float64Array(p.length);
  for (let i = 0; i < subset.length; i++) out[subset[i]] = p[subset[i]];
  return out;
}

/** TopK(p) with the suite's top-k (deterministic: the key is ignored, any key gives the same output). */
export function topKOutput(p: ReadonlyVector, k: number): Vector {
  return topK(p.length, k).compress(p, key(0));
}

/**
 * Both sides of the claim for a candidate output c (TopK(p) for the claim; a weaker sparsifier for the teeth):
 * lhs = ‖p − c‖², rhs = ‖p − p_S‖², scale = lhs + rhs (every summand is a non-negative square).
 */
export function bestKTermSides(p: ReadonlyVector, candidate: ReadonlyVector, subset: ArrayLike<number>): Sides {
  const lhs = compressionError(p, candidate);
  const rhs = compressionError(p, restrict(p, subset));
  return { lhs, rhs, scale: lhs + rhs };
}

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const { trials } = budgetSizes(budget);
  const root = key(seed);
  const ctx = { ...claimContext(meta, seed, budget), claim: CLAIM };
  // 1. The claim against random k-subsets.
  const main = seededTrials(root, 1, trials, (k0) => {
    const { p, k, subset } = kSubsetInstance(k0, 12);
    return { ...bestKTermSides(p, topKOutput(p, k), subset), instance: kSubsetJson(p, k, subset) };
  });
  // 2. Top-k attains the minimum over all k-subsets (enumeration, d ≤ 10).
  let subsetsEnumerated = 0;
  const enumerated = seededTrials(root, 2, Math.ceil(trials / 4), (k0) => {
    const { p, k, subset } = kSubsetInstance(k0, 10);
    subsetsEnumerated += binomial(p.length, k);
    const lhs = compressionError(p, topKOutput(p, k));
    const rhs = bestKTermError(p, k);
    return { lhs, rhs, scale: lhs + rhs, instance: kSubsetJson(p, k, subset) };
  });
  // 3. Teeth: a (k−1)-sparse top-k, and the rand-k mask p_R, against random k-subsets.
  const fewer = seededTrials(root, 3, trials, (k0): Trial[] => {
    const { p, k, subset } = kSubsetInstance(k0, 12);
    return k < 2 ? [] : [{ ...bestKTermSides(p, topKOutput(p, k - 1), subset), instance: kSubsetJson(p, k, subset) }];
  }).flat();
  const randMask = seededTrials(root, 4, trials, (k0) => {
    const { p, k, subset, rest } = kSubsetInstance(k0, 12);
    const R = chooseK(rest, p.length, k);
    return { ...bestKTermSides(p, restrict(p, R), subset), instance: kSubsetJson(p, k, subset, { R: Array.from(R) }) };
  });
  const teeth = (check: string, claim: string, violating: Trial[]) =>
    verdictOverTrials({ ...ctx, check, claim, expectation: 'may-fail' }, 'deterministic', violating);
  const density = errorVsDensity(
    root,
    byBudget(budget, { quick: 20, default: 200, deep: 1_000 }),
    compressionError,
    topKOutput,
    restrict,
  );
  return {
    verdicts: [
      verdictOverTrials({ ...ctx, check: 'top-k against random k-subsets' }, 'deterministic', main),
      verdictOverTrials(
        {
          ...ctx,
          check: 'top-k attains the best k-subset (enumeration, d ≤ 10)',
          claim: '‖p − TopK(p)‖² = min_{|S|=k} ‖p − p_S‖²',
          details: { subsetsEnumerated },
        },
        'identity',
        enumerated,
      ),
      teeth('teeth: (k−1)-sparse top-k in place of top-k', '‖p − TopK_{k−1}(p)‖² ≤ ‖p − p_S‖²', fewer),
      teeth('teeth: rand-k mask p_R in place of top-k', '‖p − p_R‖² ≤ ‖p − p_S‖²', randMask),
    ],
    tables: [density.table],
    figures: [density.figure],
    notes: [
      `Random instances: d uniform in 1…12 (1…10 for enumeration), k uniform in 1…d, p standard Gaussian or, half the time, Gaussian rounded to multiples of 1/2 so that ties and zeros occur; S a uniform k-subset. ${trials} instances for the main check and for each teeth check, ${Math.ceil(trials / 4)} for enumeration.`,
      'Tolerance: 1e-12·(lhs + rhs) + 1e-300, the rounding of the summed squares. The verdict shows the worst instance (smallest scale-free margin).',
      'Teeth: replacing top-k with a (k−1)-sparse top-k, or with the unscaled rand-k mask, must produce a violation on some instance; those verdicts pass when one is found.',
    ],
  };
}

export const theorem: Theorem = { meta, check };
