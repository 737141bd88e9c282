/**
 * Where compression limits ADIANA, its tuned rounds to ε grow linearly in ω at fixed n (rand-K with varied K).
 *
 * Setting: seeded strongly convex quadratics with κ = 10³ exact (_lib/conditioned-instance.ts, commonMean, eight
 *   curvature levels), d = 64, n heterogeneous nodes, independent scaled rand-K with K ∈ {1, 2, 4} (ω = d/K − 1 ∈
 *   {63, 31, 15}) and n ∈ {1, 2, 4}: every cell has 1 + ω ≥ 4n (compression-limited). Also, observed only, n = 256
 *   with K ∈ {4, 8, 16} (1 + ω ≤ 16 < n: anchor-limited, p = α/2). Exact gradients, h_i⁰ = 0.
 * Algorithm: ADIANA (src/algorithms/adiana.ts; Li et al. 2020, Alg. 1) with α, θ2, p by the published rule
 *   (docs/theory.md §A1.3 [P code]) and η tuned on the grid 2^{−j/8}/L, j ≥ 0 (θ1, γ, β following η by the rule).
 * Claim: with T* the exact tuned rounds to E[f − f*] ≤ 10⁻⁶(f(x⁰) − f*), the slope of ln T* against ln(1 + ω/√n),
 *   one intercept per (instance, n) — so the slope comes from ω alone — contains 1 up to a stated margin of 0.1 at
 *   z = 6: He, Huang, Yuan's Õ(ω + (1 + ω/√n)√κ) [S] at fixed n and κ (its additive ω is ≤ 6% of T here).
 *   Observed, not judged: the slope against ln n at fixed ω, and the anchor-limited slope against ln(1 + ω).
 *   At n ≤ 4 this fit cannot tell 1 + ω/√n from 1 + ω (slopes 1.00–1.03 either way): what it judges is linearity in
 *   ω; the √n is judged by adiana-independent-vs-shared. The z = 6 interval is about ±0.08 at quick, ±0.03 at
 *   default (Student t on few instances), so the stated margin is not what limits the verdict at quick.
 * Kind: rate (exact counts per instance, _lib/coordinate-law.ts [D]; log–log least squares with a Student-t interval).
 * Reference: He, Huang, Yuan (2023), "Unbiased compression saves communication in distributed optimization: when
 *   and how much?", NeurIPS, arXiv 2305.16297 [S for the rate]; Li, Kovalev, Qian, Richtárik (2020), ICML
 *   [P abstract: linear in ω for ω ≫ n too]; docs/theory.md §6.2, §A1.1, §A1.3; docs/unbiased-compression.md.
 * Teeth: the fit must reject 1/2 — the sqrt(1 + ω) the anchor probability p = α/2 imposes where compression does
 *   not limit (seen in the anchor-limited cells) — and 3/2.
 */
import { foldIn, key } from '../../src/rng/key.ts';
import { asObserved, rateVerdict } from '../../src/report/verdict.ts';
import { byBudget, theoremFile, type Budget, type Theorem, type TheoremMeta, type TheoremResult } from '../types.ts';
import { claimContext } from '../_lib/claim-context.ts';
import { conditionedInstance } from './_lib/conditioned-instance.ts';
import { exponentLawVerdicts } from './_lib/exponent-law.ts';
import { UNBIASED_COMPRESSION_GROUP } from './_lib/group.ts';
import { omegaFigure, omegaNotes, omegaTable } from './_lib/omega-report.ts';
import { nodesFit, omegaFit, omegaSweep, plainOmegaFit, shapeNodesExponent } from './_lib/omega-sweep.ts';

export const meta: TheoremMeta = {
  id: 'adiana-rounds-vs-omega',
  title:
    'ADIANA’s exact tuned rounds grow linearly in ω at fixed n where compression limits them (rand-K, ω = d/K − 1)',
  group: UNBIASED_COMPRESSION_GROUP,
  paper: { authors: 'He, Huang, Yuan', year: 2023 },
  theorem: 'ADIANA rate in ω',
  provenance: 'D',
  kind: 'rate',
  statement:
    'Quadratics with κ = 10³, d = 64, independent rand-K, K ∈ {1, 2, 4}, n ∈ {1, 2, 4} (1 + ω ≥ 4n): the exact tuned rounds T* to E[f − f*] ≤ 10⁻⁶(f(x⁰) − f*) satisfy slope(ln T* vs ln(1 + ω/√n), one intercept per instance and n) ∋ 1 up to a margin of 0.1 at z = 6; the n-slope and the anchor-limited regime (n = 256) are observed (docs/theory.md §6.2, §A1.3; docs/unbiased-compression.md)',
  file: theoremFile(import.meta.url),
};

export const SETTING = { d: 64, levels: 8, kappa: 1e3, epsilon: 1e-6, perOctave: 8 } as const;
/** Compression-limited cells (judged) and anchor-limited ones (observed). */
export const LIMITED = [1, 2, 4].flatMap((n) => [1, 2, 4].map((K) => ({ n, K })));
export const ANCHORED = [4, 8, 16].map((K) => ({ n: 256, K }));
/** The stated resolution in the exponent: the measured offset is ≈ +0.04 (notes), the margin 2.5 times that. */
export const MARGIN = 0.1;

const INSTANCES: Readonly<Record<Budget, number>> = { quick: 2, default: 4, deep: 8 };

export function instanceFor(seed: number, r: number, n: number) {
  const { d, kappa, levels } = SETTING;
  return conditionedInstance(foldIn(foldIn(key(seed), 1), r), { n, d, kappa, commonMean: true, levels });
}

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const instances = byBudget(budget, INSTANCES);
  const ctx = claimContext(meta, seed, budget);
  const at = (r: number, n: number) => instanceFor(seed, r, n);
  const limited = omegaSweep(at, instances, LIMITED, SETTING);
  const anchored = omegaSweep(at, instances, ANCHORED, SETTING);
  const fits = { omega: omegaFit(limited), nodes: nodesFit(limited), plain: plainOmegaFit(anchored) };
  const shapeNodes = shapeNodesExponent(limited);
  const details = { instances, kappa: SETTING.kappa };
  const why = 'Li et al.’s parameters, not the refined ones the rate is stated for (not retrieved): measured only';
  return {
    verdicts: [
      ...exponentLawVerdicts(ctx, {
        what: 'tuned ADIANA, compression-limited cells: ln T* against ln(1 + ω/√n) within each n',
        claim: (e) => `slope of ln T* vs ln(1 + ω/√n) ∋ ${e}`,
        fit: fits.omega,
        predicted: 1,
        margin: MARGIN,
        wrong: [
          { exponent: 0.5, stands: 'the anchor-limited sqrt(1 + ω)' },
          { exponent: 1.5, stands: 'a rate worse than linear in ω' },
        ],
        details,
      }),
      asObserved(
        rateVerdict(
          {
            ...ctx,
            check: 'tuned ADIANA, compression-limited cells: ln T* against ln n within each ω',
            claim: `slope of ln T* vs ln n ∋ ${shapeNodes.toFixed(3)} (the shape 1 + ω/√n on this grid)`,
            details,
          },
          fits.nodes,
          shapeNodes,
        ),
        why,
      ),
      asObserved(
        rateVerdict(
          {
            ...ctx,
            check: 'tuned ADIANA, anchor-limited cells (n = 256): ln T* against ln(1 + ω)',
            claim: 'slope of ln T* vs ln(1 + ω) ∋ 1/2 (rate ~ sqrt(ημp), p = 1/(2(1 + ω)), η ≤ 1/L)',
            details,
          },
          fits.plain,
          0.5,
        ),
        `${why}; the 1/2 is a measured mechanism, not a bound`,
      ),
    ],
    tables: [omegaTable([...limited, ...anchored], SETTING)],
    figures: [omegaFigure([...limited, ...anchored])],
    notes: omegaNotes(fits, shapeNodes),
  };
}

export const theorem: Theorem = { meta, check };
