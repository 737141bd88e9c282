/**
 * ADIANA's rounds to ε grow like √κ, DIANA's like κ, and the two meet at a measured κ.
 *
 * Setting: seeded strongly convex quadratics with κ exact (_lib/conditioned-instance.ts, commonMean, five curvature
 *   levels): d = 20, f_i(x) = ½Σ_j λ_j x_j² − b_iᵀx, λ ∈ [1/κ, 1] on every node (L_i = L = 1, μ = 1/κ), n = 10
 *   heterogeneous nodes, independent scaled rand-2 (ω = 9) — the setting of docs/theory.md §A1.5. Exact gradients,
 *   h_i⁰ = 0. κ = 10^{1/2 + j/4} up to 10⁴.
 * Algorithm: ADIANA (src/algorithms/adiana.ts; Li et al. 2020, Alg. 1) at the published parameters (docs/theory.md
 *   §A1.3 [P code]) and with η tuned on the grid 2^{−j/8}/L (the rest following η by the published rule); DIANA
 *   (src/algorithms/diana.ts) at the derived step γ = 1/(L + 6ωL_max/n), α = 1/(1 + ω) (docs/theory.md §A2.3 [D]);
 *   AGD (src/algorithms/agd.ts) for reference.
 * Claim: with T the exact rounds to E[f − f*] ≤ 10⁻⁶(f(x⁰) − f*), over κ ≥ 10³: the slope of ln T against ln κ
 *   (one intercept per instance) contains 1/2 for ADIANA, tuned and published, and 1 for DIANA, each up to a stated
 *   margin of 0.05 at z = 6 (the interval itself is wider at quick, about [0.38, 0.63] for the tuned fit with two
 *   instances, so κ^0.6 would pass there; at default it is [0.487, 0.526]). Measured, not judged: the κ at which
 *   DIANA meets ADIANA (§A1.5 measured ≈ 500).
 * Kind: rate. Every T is exact: on these instances the diagonal blocks of ADIANA's and DIANA's second moments close
 *   per coordinate (_lib/coordinate-law.ts [D], checked against the full recursions and, through them, the
 *   enumerated law of adiana.ts / diana.ts), so T is a deterministic number per instance.
 * Reference: Li, Kovalev, Qian, Richtárik (2020), ICML, ADIANA's Õ(ω + (1 + ω/√n + ω^{3/4}/n^{1/4})√κ) [P abstract];
 *   He, Huang, Yuan (2023), NeurIPS, arXiv 2305.16297, Õ(ω + (1 + ω/√n)√κ) [S]; DIANA's Õ(ω + κ + ωκ/n) [P abstract
 *   via Li et al.]; docs/theory.md §6.2, §A1.1, §A1.5, §A2.3; docs/unbiased-compression.md.
 * Teeth: the tuned fit must reject 0 (rounds free of κ) and 1 (DIANA's κ¹, no acceleration); DIANA's fit must reject
 *   1/2 — the same fit tells the accelerated method from the plain one.
 */
import { foldIn, key } from '../../src/rng/key.ts';
import { asObserved, deterministicVerdict } from '../../src/report/verdict.ts';
import { byBudget, theoremFile, type Budget, type Theorem, type TheoremMeta, type TheoremResult } from '../types.ts';
import { claimContext } from '../_lib/claim-context.ts';
import { conditionedInstance } from './_lib/conditioned-instance.ts';
import { exponentLawVerdicts, groupedFit } from './_lib/exponent-law.ts';
import { crossoverFigure, kappaNotes, kappaTable, type KappaFits } from './_lib/kappa-report.ts';
import { crossover, kappaSweep, window } from './_lib/kappa-sweep.ts';
import { UNBIASED_COMPRESSION_GROUP } from './_lib/group.ts';

export const meta: TheoremMeta = {
  id: 'adiana-rounds-vs-kappa',
  title: 'ADIANA’s exact rounds to ε grow like √κ (tuned and published η), DIANA’s like κ; where they cross',
  group: UNBIASED_COMPRESSION_GROUP,
  paper: { authors: 'Li, Kovalev, Qian, Richtárik; He, Huang, Yuan', year: 2023 },
  theorem: 'ADIANA rate in κ',
  provenance: 'D',
  kind: 'rate',
  statement:
    'Quadratics with κ exact, n = 10, d = 20, independent rand-2 (ω = 9): the exact rounds T to E[f − f*] ≤ 10⁻⁶(f(x⁰) − f*) satisfy, over κ ∈ [10³, 10⁴], slope(ln T vs ln κ) ∋ 1/2 for ADIANA with tuned η and at the published parameters, and ∋ 1 for DIANA at the derived step, each up to a margin of 0.05 at z = 6; the κ where DIANA meets ADIANA is measured (docs/theory.md §6.2, §A1.1, §A1.5, §A2.3; docs/unbiased-compression.md)',
  file: theoremFile(import.meta.url),
};

export const SETTING = { n: 10, d: 20, k: 2, levels: 5, epsilon: 1e-6, perOctave: 8, window: 1e3 } as const;
export const OMEGA = SETTING.d / SETTING.k - 1;
/** κ = 10^{1/2 + j/4}, j = 0…14: 10^{0.5} … 10⁴. */
export const KAPPAS: readonly number[] = Array.from({ length: 15 }, (_, j) => 10 ** (0.5 + j / 4));
/** The stated resolution in the exponent (kappa-report.ts's notes say where it comes from). */
export const MARGIN = 0.05;

const INSTANCES: Readonly<Record<Budget, number>> = { quick: 2, default: 4, deep: 8 };

export function instanceFor(seed: number, r: number, kappa: number) {
  const { n, d, levels } = SETTING;
  return conditionedInstance(foldIn(foldIn(key(seed), 1), r), { n, d, kappa, commonMean: true, levels });
}

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const instances = byBudget(budget, INSTANCES);
  const ctx = claimContext(meta, seed, budget);
  const s = { omega: OMEGA, epsilon: SETTING.epsilon, perOctave: SETTING.perOctave };
  const sweep = kappaSweep((r, kappa) => instanceFor(seed, r, kappa), instances, KAPPAS, s);
  const large = window(sweep, SETTING.window);
  const fits: KappaFits = {
    tuned: groupedFit(large.kappas, large.tuned),
    published: groupedFit(large.kappas, large.published),
    diana: groupedFit(large.kappas, large.diana),
    agd: groupedFit(large.kappas, large.agd),
  };
  const claim = (e: number) => `slope of ln T vs ln κ (κ ≥ ${SETTING.window}) ∋ ${e}`;
  const details = { instances, window: SETTING.window };
  const crossPublished = crossover(sweep, sweep.published);
  const crossTuned = crossover(sweep, sweep.tuned);
  const noCross = -1;
  return {
    verdicts: [
      ...exponentLawVerdicts(ctx, {
        what: 'ADIANA with tuned η: exact rounds against κ',
        claim,
        fit: fits.tuned,
        predicted: 0.5,
        margin: MARGIN,
        wrong: [
          { exponent: 0, stands: 'rounds free of κ' },
          { exponent: 1, stands: 'DIANA’s κ¹, no acceleration' },
        ],
        details,
      }),
      ...exponentLawVerdicts(ctx, {
        what: 'ADIANA at the published parameters: exact rounds against κ',
        claim,
        fit: fits.published,
        predicted: 0.5,
        margin: MARGIN,
        wrong: [],
        details,
      }),
      ...exponentLawVerdicts(ctx, {
        what: 'DIANA at the derived step: exact rounds against κ',
        claim,
        fit: fits.diana,
        predicted: 1,
        margin: MARGIN,
        wrong: [{ exponent: 0.5, stands: 'the accelerated √κ' }],
        details,
      }),
      asObserved(
        deterministicVerdict(
          {
            ...ctx,
            check: 'where DIANA meets ADIANA at the published parameters (docs/theory.md §A1.5: ≈ 500)',
            claim: 'κ_c(DIANA = ADIANA published) against 500',
            details: { crossTuned: crossTuned ?? noCross },
          },
          { lhs: crossPublished ?? noCross, rhs: 500, scale: 500 },
        ),
        'a measured location, not a derived one: §A1.5 extrapolated ≈ 500 from other instances (random dense quadratics); nothing predicts κ_c to a tolerance',
      ),
    ],
    tables: [kappaTable(sweep, { ...SETTING, omega: OMEGA })],
    figures: [crossoverFigure(sweep, crossPublished, crossTuned)],
    notes: kappaNotes(fits, SETTING.window, MARGIN),
  };
}

export const theorem: Theorem = { meta, check };
