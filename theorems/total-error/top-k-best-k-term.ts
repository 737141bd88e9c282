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
import { foldIn, key, split, type Key } from '../../src/rng/key.ts';
import { chooseK, integerBelow, normal } from '../../src/rng/sample.ts';
import { verdictOverTrials } from '../../src/report/verdict.ts';
import type { Sides } from '../../src/report/verdict.ts';
import { claimContext } from '../_lib/claim-context.ts';
import { bestKTermError, binomial } from './_lib/best-k-term.ts';
import { errorVsDensity } from './_lib/error-vs-density.ts';
import {
  budgetSizes,
  byBudget,
  theoremFile,
  type Budget,
  type JsonValue,
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

/** One seeded instance: d ∈ [1, maxD], k ∈ [1, d], p Gaussian or (half the time) small integers, which tie. */
function instance(k0: Key, maxD: number): { p: Vector; k: number; subset: Int32Array; rest: Key } {
  const [kd, kk, kp, kTies, kS, rest] = split(k0, 6);
  const d = 1 + integerBelow(kd, maxD);
  const k = 1 + integerBelow(kk, d);
  const z = normal(kp, d);
  const ties = integerBelow(kTies, 2) === 1;
  const p = ties ? z.map((v) => Math.round(2 * v)) : z;
  return { p, k, subset: chooseK(kS, d, k), rest };
}

const asJson = (
  p: ReadonlyVector,
  k: number,
  subset: ArrayLike<number>,
  extra: Record<string, number[]> = {},
): JsonValue => ({
  p: Array.from(p),
  k,
  S: Array.from(subset),
  ...extra,
});

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const { trials } = budgetSizes(budget);
  const root = key(seed);
  const ctx = { ...claimContext(meta, seed, budget), claim: CLAIM };

  // 1. The claim against random k-subsets.
  const main: Trial[] = [];
  for (let t = 0; t < trials; t++) {
    const { p, k, subset } = instance(foldIn(foldIn(root, 1), t), 12);
    main.push({ ...bestKTermSides(p, topKOutput(p, k), subset), instance: asJson(p, k, subset) });
  }
  // 2. Top-k attains the minimum over all k-subsets (enumeration, d ≤ 10).
  const enumerated: Trial[] = [];
  let subsetsEnumerated = 0;
  for (let t = 0; t < Math.ceil(trials / 4); t++) {
    const { p, k, subset } = instance(foldIn(foldIn(root, 2), t), 10);
    subsetsEnumerated += binomial(p.length, k);
    const lhs = compressionError(p, topKOutput(p, k));
    const rhs = bestKTermError(p, k);
    enumerated.push({ lhs, rhs, scale: lhs + rhs, instance: asJson(p, k, subset) });
  }
  // 3. Teeth: a (k−1)-sparse top-k, and the rand-k mask p_R, against random k-subsets.
  const fewer: Trial[] = [];
  const randMask: Trial[] = [];
  for (let t = 0; t < trials; t++) {
    const a = instance(foldIn(foldIn(root, 3), t), 12);
    if (a.k >= 2)
      fewer.push({ ...bestKTermSides(a.p, topKOutput(a.p, a.k - 1), a.subset), instance: asJson(a.p, a.k, a.subset) });
    const b = instance(foldIn(foldIn(root, 4), t), 12);
    const r = chooseK(b.rest, b.p.length, b.k);
    randMask.push({
      ...bestKTermSides(b.p, restrict(b.p, r), b.subset),
      instance: asJson(b.p, b.k, b.subset, { R: Array.from(r) }),
    });
  }
  const verdicts = [
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
    verdictOverTrials(
      {
        ...ctx,
        check: 'teeth: (k−1)-sparse top-k in place of top-k',
        claim: '‖p − TopK_{k−1}(p)‖² ≤ ‖p − p_S‖²',
        expectation: 'may-fail',
      },
      'deterministic',
      fewer,
    ),
    verdictOverTrials(
      {
        ...ctx,
        check: 'teeth: rand-k mask p_R in place of top-k',
        claim: '‖p − p_R‖² ≤ ‖p − p_S‖²',
        expectation: 'may-fail',
      },
      'deterministic',
      randMask,
    ),
  ];

  const density = errorVsDensity(
    root,
    byBudget(budget, { quick: 20, default: 200, deep: 1_000 }),
    compressionError,
    topKOutput,
    restrict,
  );
  return {
    verdicts,
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
