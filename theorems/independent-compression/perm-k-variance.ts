/**
 * PermK: the aggregate is unbiased with variance exactly (1/n)Σ‖a_i‖² − ‖ā‖², and identical inputs come back exactly.
 *
 * Setting: n nodes with inputs a_1, …, a_n ∈ ℝ^d, ā = (1/n)Σ_i a_i, d ≥ n (d = qn + r; docs/theory.md states d = qn, and
 *   src/compressors/perm-k.ts extends it to r ≠ 0 with a random block-to-node assignment σ); and d < n with n = qd.
 * Algorithm: PermK, src/compressors/perm-k.ts: one shared uniform permutation π of the coordinates cut into n blocks,
 *   block b to node σ(b) (σ uniform), C_i(x) = n·Σ_{j∈B_i} x_j e_j; for d < n every coordinate goes to q nodes and is
 *   scaled by d. The master averages: (1/n)Σ_i C_i(a_i).
 * Claim: (i) d ≥ n: E(1/n)Σ_i C_i(a_i) = ā and E‖(1/n)Σ_i C_i(a_i) − ā‖² = (1/n)Σ_i‖a_i‖² − ‖ā‖² exactly (the
 *   AB-inequality with A = B = 1, with equality); (ii) d ≥ n: if a_i = a for all i then (1/n)Σ_i C_i(a) = a on every
 *   draw (the premise of He–Huang–Yuan's point that correlated compressors can beat independent ones);
 *   (iii) d < n, n = qd: the variance is ((d − 1)/(n − 1))·((1/n)Σ_i‖a_i‖² − ‖ā‖²) (perm-k.ts's derived form).
 * Kind: identity, exact: the law of the aggregate by enumerating every shared draw (π, σ) — d!·n! outcomes, d ≤ 6 —
 *   against the closed forms and against permKMoments; the sampler (compressAll) against the exact variance by Monte
 *   Carlo, two-sided at z = 6; identical inputs through compressAll on seeded keys, checked per draw.
 * Reference: Szlendak, Tyurin, Richtárik (2021), "Permutation compressors for provably faster distributed nonconvex
 *   optimization" (PermK, AB-inequality); He, Huang, Yuan (2023), NeurIPS (independent vs correlated compressors);
 *   docs/theory.md §1.3 [D] and §9.1 item 11: a derived form, not a constant of either paper.
 * Teeth: independent scaled rand-k with k = d/n in place of PermK (variance ((n − 1)/n)(1/n)Σ‖a_i‖², not the PermK
 *   identity; identical inputs do not come back), and PermK with a fixed block assignment σ = id when n ∤ d (biased:
 *   nodes with the smaller blocks cover a coordinate with probability q/d < 1/n), must violate the claims.
 */
import { norm2sq, type ReadonlyVector } from '../../src/linalg/vector.ts';
import { key } from '../../src/rng/key.ts';
import { verdictOverTrials, type Sides, type Trial, type VerdictContext } from '../../src/report/verdict.ts';
import { budgetSizes, theoremFile, type Budget, type Theorem, type TheoremMeta, type TheoremResult } from '../types.ts';
import { claimContext } from '../_lib/claim-context.ts';
import { twoSidedVerdicts } from '../_lib/two-sided-verdicts.ts';
import { absMeanOf, meanOf, type AggregateLaw } from './_lib/aggregate-law.ts';
import { unbiasedSides, varianceSides } from './_lib/aggregate-sides.ts';
import { permKEnumeration, shapeList } from './_lib/perm-k-enumeration.ts';
import { identicalInputTrials, sampledVariance } from './_lib/perm-k-sampler.ts';

export const meta: TheoremMeta = {
  id: 'perm-k-variance',
  title: 'PermK: unbiased aggregate with variance exactly (1/n)Σ‖a_i‖² − ‖ā‖²; identical inputs come back exactly',
  group: 'independent-compression',
  paper: { authors: 'Szlendak, Tyurin, Richtárik', year: 2021 },
  theorem: 'PermK AB-inequality (A = B = 1)',
  provenance: 'D',
  kind: 'identity',
  statement:
    'PermK, d ≥ n: E(1/n)Σ_i C_i(a_i) = ā, E‖(1/n)Σ_i C_i(a_i) − ā‖² = (1/n)Σ_i‖a_i‖² − ‖ā‖², and (1/n)Σ_i C_i(a) = a on every draw; d < n = qd: variance ((d−1)/(n−1))·((1/n)Σ‖a_i‖² − ‖ā‖²) (docs/theory.md §1.3)',
  file: theoremFile(import.meta.url),
};

/** What the verdicts state: (i) variance and mean, (ii) identical inputs, (iii) d < n; permKMoments = enumeration. */
const CLAIM = 'E‖(1/n)ΣC_i(a_i) − ā‖² = (1/n)Σ‖a_i‖² − ‖ā‖²';
const UNBIASED = '‖E(1/n)ΣC_i(a_i) − ā‖² = 0';
const SAME = '(1/n)ΣC_i(a) = a';
const SMALL_D = 'E‖agg − ā‖² = ((d−1)/(n−1))((1/n)Σ‖a_i‖² − ‖ā‖²)';
const MOMENTS = 'permKMoments variance = enumerated variance';

/** The closed form A·(1/n)Σ‖a_i‖² − B·‖ā‖² with A = B = 1 (d ≥ n) or (d − 1)/(n − 1) (d < n), and its scale. */
export function permKVarianceClosedForm(as: readonly ReadonlyVector[]): { value: number; scale: number } {
  const n = as.length;
  const d = as[0].length;
  const ab = d >= n ? 1 : (d - 1) / (n - 1);
  const meanSq = as.reduce((s, a) => s + norm2sq(a), 0) / n;
  const abarSq = norm2sq(meanOf(as));
  return { value: ab * (meanSq - abarSq), scale: ab * (meanSq + norm2sq(absMeanOf(as))) };
}

/** Variance of an aggregate law against a closed form (both sides' summand magnitudes in the scale). */
export function lawVarianceSides(law: AggregateLaw, closed: { value: number; scale: number }): Sides {
  return varianceSides(law, closed.value, closed.scale);
}

/** ‖E agg − ā‖² against 0. */
export const lawBiasSides = unbiasedSides;

/** ‖(1/n)Σ_i C_i(a) − a‖² against 0 for one draw of outputs (scale: the squared magnitudes of the summands). */
export function identicalInputSides(outputs: readonly ReadonlyVector[], a: ReadonlyVector): Sides {
  const n = outputs.length;
  let gap = 0;
  let scale = 0;
  for (let j = 0; j < a.length; j++) {
    let s = 0;
    let m = 0;
    for (const c of outputs) {
      s += c[j] / n;
      m += Math.abs(c[j]) / n;
    }
    gap += (s - a[j]) ** 2;
    scale += (m + Math.abs(a[j])) ** 2;
  }
  return { lhs: gap, rhs: 0, scale };
}

/** Shapes (d, n) small enough to enumerate d!·n! draws: n | d, n ∤ d, d = n, and d < n with n = qd. */
export const SHAPES = [
  [4, 2],
  [6, 3],
  [6, 2],
  [5, 2],
  [5, 3],
  [4, 4],
  [3, 1],
  [2, 4],
  [3, 6],
  [1, 3],
] as const;

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const { trials, samples } = budgetSizes(budget);
  const root = key(seed);
  const ctx = claimContext(meta, seed, budget);
  const perShape = Math.max(2, Math.ceil(trials / 100));
  // (i), (iii) and permKMoments, every shared draw enumerated, with both teeth on the same instances.
  const exact = permKEnumeration(root, SHAPES, perShape, permKVarianceClosedForm);
  // (ii) Identical inputs through the sampler itself, on seeded keys (d ≥ n), and the rand-k teeth on the same keys.
  const identical = identicalInputTrials(root, SHAPES, perShape * 10, identicalInputSides);
  // The sampler's variance against the exact value (permKMoments and the closed form are tied to enumeration above).
  const sampled = sampledVariance(root, samples, permKVarianceClosedForm);
  const identity = (ts: readonly Trial[], check: string, claim: string, more: Partial<VerdictContext> = {}) =>
    verdictOverTrials({ ...ctx, claim, check, ...more }, 'identity', ts);
  const teeth = { expectation: 'may-fail' } as const;
  const sampledSide = (side: '≤' | '≥') => ({
    ...ctx,
    claim: `${CLAIM} (${side})`,
    check: `compressAll, d = ${sampled.d}, n = ${sampled.n}: sample mean ${side} exact`,
  });
  return {
    verdicts: [
      identity(exact.variance, `d ≥ n: every shared draw (π, σ) enumerated, shapes ${shapeList(SHAPES, true)}`, CLAIM, {
        details: { draws: exact.draws },
      }),
      identity(exact.unbiased, 'the aggregate is unbiased (all shapes, enumerated)', UNBIASED),
      identity(identical.permK, `identical inputs, compressAll on ${identical.permK.length} seeded draws`, SAME),
      identity(exact.smallD, `d < n = qd (perm-k.ts's derived form), shapes ${shapeList(SHAPES, false)}`, SMALL_D),
      identity(exact.moments, 'src/compressors/perm-k.ts permKMoments against enumeration', MOMENTS),
      ...twoSidedVerdicts(sampledSide, sampled.stats, sampled.exact),
      identity(exact.randK, 'teeth: independent scaled rand-k (k = d/n) in place of PermK, enumerated', CLAIM, teeth),
      identity(identical.randK, 'teeth: independent scaled rand-k (k = ⌊d/n⌋) with identical inputs', SAME, teeth),
      identity(exact.fixedSigma, 'teeth: fixed block assignment σ = id with n ∤ d', UNBIASED, teeth),
    ],
    tables: [sampled.table],
    notes: [
      `Enumeration: every (π, σ) ∈ S_d × S_n for the shapes (d, n) ∈ {${SHAPES.map(([a, b]) => `(${a}, ${b})`).join(', ')}}, ${perShape} Gaussian instances each, ${exact.draws} draws in all; outcomes built with permKBlocks, the function compressAll samples. Tolerance 1e-12·Σ(magnitudes of the summands)² + 1e-300 (ā and the aggregate may cancel).`,
      'docs/theory.md §1.3 states the identity for d = qn; perm-k.ts extends PermK to n ∤ d with a random block-to-node assignment, and the same identity holds there (checked); the d < n formula is perm-k.ts’s own derived form.',
      'Teeth: independent rand-k with the same per-node budget has variance ((n − 1)/n)(1/n)Σ‖a_i‖² and does not return identical inputs; a fixed block assignment with n ∤ d is biased. Each must violate the PermK claims on some instance.',
    ],
  };
}

export const theorem: Theorem = { meta, check };
