/**
 * Independent unbiased compressors divide the aggregated compression variance by n; shared randomness does not.
 *
 * Setting: n nodes with inputs a_1, …, a_n ∈ ℝ^d, ā = (1/n)Σ_i a_i; unbiased compressors C_i ∈ U(ω): scaled rand-k
 *   (ω = d/k − 1, src/compressors/rand-k.ts) and natural compression (ω = 1/8, src/compressors/natural.ts).
 * Algorithm: the master's aggregate (1/n)Σ_i C_i(a_i), with the nodes' randomness independent (key foldIn(k, i))
 *   or shared (every node uses the round's key), as src/algorithms/validate.ts compressorKey chooses.
 * Claim: (i) independent: E(1/n)Σ_i C_i(a_i) = ā and E‖(1/n)Σ_i C_i(a_i) − ā‖² = (1/n²)Σ_i E‖C_i(a_i) − a_i‖²
 *   (≤ (ω/n)(1/n)Σ_i‖a_i‖², with equality for scaled rand-k); (ii) shared rand-k (one subset for all nodes):
 *   (1/n)Σ_i C(a_i) = C(ā), so the variance is ω‖ā‖², and with all a_i = a it is ω‖a‖²: no 1/n.
 * Kind: identity, exact: the left sides by enumerating the joint law (C(d, k)^n subset tuples for independent rand-k,
 *   2^{dn} roundings for natural, C(d, k) shared subsets), the right sides from each compressor's expectation()
 *   (its exact moments). The simulator's draws (compress with independent / shared keys) are checked against the
 *   exact values by Monte Carlo, two-sided at z = 6, and measured against n in a table and figure.
 * Reference: He, Huang, Yuan (2023), "Unbiased compression saves communication in distributed optimization: when
 *   and how much?", NeurIPS (independence assumption); Szlendak, Tyurin, Richtárik (2021) (AB-inequality);
 *   docs/theory.md §1.3 and §6.1 [D], §9.1 item 12: a derived form, not a constant of either paper.
 * Teeth: the 1/n identity applied to shared randomness with identical inputs (a_i = a) must fail for n ≥ 2.
 */
import type { Compressor } from '../../src/compressors/types.ts';
import type { ReadonlyVector } from '../../src/linalg/vector.ts';
import { key } from '../../src/rng/key.ts';
import { verdictOverTrials } from '../../src/report/verdict.ts';
import { budgetSizes, theoremFile, type Budget, type Theorem, type TheoremMeta, type TheoremResult } from '../types.ts';
import { claimContext } from '../_lib/claim-context.ts';
import { independentLawTrials } from './_lib/independent-law-trials.ts';
import { varianceVsN } from './_lib/variance-vs-n.ts';

export { unbiasedSides, varianceSides } from './_lib/aggregate-sides.ts';

export const meta: TheoremMeta = {
  id: 'independent-vs-shared',
  title: 'Independent unbiased compressors divide the aggregated variance by n; shared randomness does not',
  group: 'independent-compression',
  paper: { authors: 'He, Huang, Yuan', year: 2023 },
  theorem: 'independent-compressor assumption',
  provenance: 'D',
  kind: 'identity',
  statement:
    'Independent C_i ∈ U(ω): E‖(1/n)Σ_i C_i(a_i) − ā‖² = (1/n²)Σ_i E‖C_i(a_i) − a_i‖² (= (ω/n)(1/n)Σ‖a_i‖² for scaled rand-k); shared rand-k: = ω‖ā‖², i.e. ω‖a‖² when all a_i = a (docs/theory.md §1.3)',
  file: theoremFile(import.meta.url),
};

/** The 1/n side: (1/n²)Σ_i E‖C_i(a_i) − a_i‖² from each compressor's exact moments (expectation()). */
export function oneOverNSide(C: Compressor, as: readonly ReadonlyVector[]): number {
  const n = as.length;
  let s = 0;
  for (const a of as) {
    const e = C.expectation?.(a);
    if (e === undefined) throw new RangeError(`independent-vs-shared: ${C.name} has no exact expectation`);
    s += e.errorSq;
  }
  return s / (n * n);
}

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const { trials, samples } = budgetSizes(budget);
  const root = key(seed);
  const ctx = claimContext(meta, seed, budget);
  const claim = 'E‖(1/n)ΣC_i(a_i) − ā‖² = (1/n²)ΣE‖C_i(a_i) − a_i‖²';
  const count = Math.max(20, Math.ceil(trials / 10));
  // (i) and (ii), exact: each joint law enumerated on seeded instances (n ≤ 3, d ≤ 4), with the teeth.
  const law = independentLawTrials(root, count, oneOverNSide);
  // Simulator draws against the exact values, and the picture against n (d = 8, k = 2, identical unit inputs).
  const mc = varianceVsN(ctx, root, samples, oneOverNSide);
  return {
    verdicts: [
      verdictOverTrials(
        {
          ...ctx,
          claim,
          check: `independent scaled rand-k, ${count} instances (n ≤ 3, d ≤ 4), joint law enumerated`,
          details: { jointOutcomes: law.outcomes },
        },
        'identity',
        law.independentRandK,
      ),
      verdictOverTrials(
        {
          ...ctx,
          claim,
          check: `independent natural compression, ${count} instances (n ≤ 3, d ≤ 3), joint law enumerated`,
        },
        'identity',
        law.independentNatural,
      ),
      verdictOverTrials(
        {
          ...ctx,
          claim: '‖E(1/n)ΣC_i(a_i) − ā‖² = 0',
          check: 'the aggregate is unbiased (both compressors, enumerated)',
        },
        'identity',
        law.unbiased,
      ),
      verdictOverTrials(
        {
          ...ctx,
          claim: '(1/n²)ΣE‖C_i(a_i) − a_i‖² = (ω/n)(1/n)Σ‖a_i‖²',
          check: 'scaled rand-k attains the bound (ω = d/k − 1)',
        },
        'identity',
        law.equality,
      ),
      verdictOverTrials(
        { ...ctx, claim: 'shared rand-k: E‖(1/n)ΣC(a_i) − ā‖² = ω‖ā‖²', check: 'one subset for all nodes, enumerated' },
        'identity',
        law.shared,
      ),
      verdictOverTrials(
        { ...ctx, claim, check: 'teeth: shared rand-k with identical inputs a_i = a, n ≥ 2', expectation: 'may-fail' },
        'identity',
        law.teeth,
      ),
      ...mc.verdicts,
    ],
    tables: [mc.table],
    figures: [mc.figure],
    notes: [
      `Exact checks: ${count} seeded instances each, Gaussian inputs, n ∈ 1…3, d ∈ 2…4 with k ∈ 1…d−1 for rand-k (C(d, k)^n joint subset tuples) and d ∈ 1…3 for natural compression (2^{dn} joint roundings); ${law.outcomes} joint outcomes in all. The right sides use the compressors' own expectation() (exact moments). Tolerance 1e-12·Σ_outcomes p·Σ_j(A_j + B_j)² + 1e-300, A_j and B_j the sums of the magnitudes of the summands of the aggregate and of ā (both may cancel).`,
      `Simulator: compress() with independent keys foldIn(k, i) or the shared key (src/algorithms/validate.ts compressorKey), ${mc.draws} draws per n; at n = 8 the sample mean is checked two-sided against the exact value at z = 6.`,
      'Teeth: with shared randomness and identical inputs the 1/n identity must fail (the variance is ω‖a‖², n times the 1/n side).',
    ],
  };
}

export const theorem: Theorem = { meta, check };
