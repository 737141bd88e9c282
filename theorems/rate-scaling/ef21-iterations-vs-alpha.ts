/**
 * EF21's iterations to reach ε, run at the implementation's theory step, grow in α as Theorem 1's step predicts.
 *
 * Setting: seeded heterogeneous diagonal quadratics (src/problems/diagonal-quadratic.ts), n = 2 nodes, d = 64:
 *   a_ij = λ_j(1 + ½(2u_ij − 1)) with λ_j log-spaced in [1/κ, 1], κ = 100, u_ij uniform; b_ij standard normal (so
 *   every ∇f_i(x*) ≠ 0 and each node's compressed difference stays dense); x⁰ standard normal. Exact gradients.
 *   ε = ‖∇f(x⁰)‖²/10. L and L̃ are within a few per cent of each other here, so L is not negligible beside L̃ξ(α)
 *   at the large-α end of the grid: the predicted exponent depends on how ξ grows, not only on its 1/α limit.
 * Algorithm: EF21 from src/algorithms/registry.ts with top-k, k/d = α ∈ {1/2, 1/4, …, 1/64}, g_i⁰ = ∇f_i(x⁰), at
 *   the step `efcheck run --gamma theory` uses (the registry's theoryStepSize for ef21 and this compressor).
 * Claim: T_ε(α), the smallest T with (1/T)Σ_{t<T}‖∇f(x^t)‖² ≤ ε (the quantity Theorem 1 bounds), scales like the
 *   inverse of Theorem 1's step, L + L̃ξ(α) with ξ(α) = sqrt(β/θ), θ = 1 − sqrt(1 − α), β = (1 − α)/(1 − sqrt(1 − α))
 *   — computed in _lib/ef21-step.ts from the paper, not imported from the implementation: the z = 6-level interval
 *   of the fitted slope of ln T_ε against ln α contains the least-squares slope of ln(L + L̃ξ(α)) over the grid
 *   (≈ −1.04; −1 is its α → 0 limit), up to a stated margin of 0.01 (MARGIN). Same for the last-iterate
 *   criterion ‖∇f(x^t)‖² ≤ ε. And on every run T_ε ≤ 2δ_0/(γε), Theorem 1's guarantee at the paper's step
 *   (pathwise: top-k and exact gradients make the run deterministic; G⁰ = 0). And the step itself equals the
 *   paper's to rounding (an identity naming the cause when the dynamics fail).
 * Kind: rate (log–log least squares over every (instance, α) run with one intercept per instance, Student-t
 *   interval at the z = 6 level; the 95% interval is reported beside it), and a deterministic bound.
 * Reference: Richtárik, Sokolov, Fatkhullin (2021), "EF21: A New, Simpler, Theoretically Better, and Practically
 *   Faster Error Feedback", NeurIPS, Theorem 1: γ = 1/(L + L̃ξ(α)), T = O((L + L̃ξ(α))δ_0/ε) rounds for
 *   E‖∇f(x̂^T)‖² ≤ ε; docs/theory.md §3.2 (statement [M], rate [D]). The grid exponent is derived from the paper's
 *   ξ(α), so this is a derived form of Theorem 1. The instances are this file's design.
 * What drives the count (measured, in the table): the compression term. T_EF21/T_GD, GD at its own step 1/L, is
 *   ≈ (L + L̃ξ(α))/L, from ≈ 3.5 at α = 1/2 to ≈ 130 at α = 1/64; at the SAME step the two need the same rounds
 *   (ratio ≈ 0.99: GD's Σ‖∇f‖² is ≈ δ_0/γ, Theorem 1 bounds EF21's by 2δ_0/γ when G⁰ = 0). So this claim tests the
 *   step rule's α-dependence through the rounds it costs; a compressor whose real contraction is worse than its
 *   declared α is invisible here while the run stays stable (the compressor's own contract check catches it).
 * Teeth: the same fit must reject the predicted exponent ± 0.5 (a step ∝ α^{1.5} or ∝ α^{0.5}), and a mutated
 *   step rule (ξ(α)/sqrt(α), or ξ computed for a compressor 4× milder than the real one) fails the claim at the
 *   quick budget (measured by hand, recorded in the spec's comments).
 */
import { methodEntry } from '../../src/algorithms/registry.ts';
import type { topK } from '../../src/compressors/top-k.ts';
import { diagonalQuadratic } from '../../src/problems/diagonal-quadratic.ts';
import type { Problem } from '../../src/problems/types.ts';
import { foldIn, key, type Key } from '../../src/rng/key.ts';
import { normal, uniform } from '../../src/rng/sample.ts';
import { budgetSizes, byBudget, theoremFile } from '../types.ts';
import type { Budget, Theorem, TheoremMeta, TheoremResult } from '../types.ts';
import { claimContext } from '../_lib/claim-context.ts';
import { alphaFigure, alphaFits, alphaLawVerdicts, alphaNotes, alphaTable } from './_lib/alpha-fits.ts';
import { alphaRunVerdicts, alphaRuns } from './_lib/alpha-runs.ts';
import { paperInverseStep } from './_lib/ef21-step.ts';
import { exponentTeeth } from './_lib/exponent-teeth.ts';
import { gridExponent } from './_lib/stationary-error.ts';

export const meta: TheoremMeta = {
  id: 'ef21-iterations-vs-alpha',
  title: 'EF21’s iterations to reach ε at the implementation’s theory step grow like Theorem 1’s L + L̃ξ(α)',
  group: 'rate-scaling',
  paper: { authors: 'Richtárik, Sokolov, Fatkhullin', year: 2021 },
  theorem: 'Thm 1',
  provenance: 'D',
  kind: 'rate',
  statement:
    'With exact gradients, top-k (α = k/d ∈ [1/64, 1/2]) and the implementation’s theory step, the rounds T_ε to reach (1/T)Σ_{t<T}‖∇f(x^t)‖² ≤ ε scale like the paper’s L + L̃ξ(α), ξ = sqrt(β/θ) (computed from the paper, not from the implementation): the z = 6-level interval of the fitted slope of ln T_ε vs ln α (one intercept per instance), widened by a stated margin of 0.01, contains the grid exponent of ln(L + L̃ξ(α)) (≈ −1.04); and every run meets Theorem 1’s guarantee T_ε ≤ 2δ_0/(γε) at the paper’s γ (docs/theory.md §3.2)',
  file: theoremFile(import.meta.url),
};

export const SETTING = {
  n: 2,
  d: 64,
  kappa: 100,
  heterogeneity: 0.5,
  epsilonFraction: 1 / 10,
  alphaInverse: [2, 4, 8, 16, 32, 64],
} as const;

/**
 * The claim's resolution in the exponent. T_ε ∝ 1/γ(α) is the order of Theorem 1's bound, not an identity: the
 * fitted slope sits about +0.004 above the grid exponent on every instance (measured: 30 seeds at quick, seeds 1–2
 * at default and deep). That offset is shared by all instances, so more instances shrink the interval around it;
 * without a margin the z = 6 verdict would refute a correct law at about 200 instances. 0.01 is 2.5× the measured
 * offset and a fiftieth of the distance to the teeth's exponents (prediction ± 0.5).
 */
export const MARGIN = 0.01;

/**
 * Instances per budget (null: the budget's repeats). Each costs ~15k rounds of top-k at d = 64 (~0.15 s); quick
 * runs 6 so that a step rule off by a constant factor in ξ (its exponent shifts by ~0.17) is refuted there too.
 */
const QUICK_INSTANCES: Readonly<Record<Budget, number | null>> = { quick: 6, default: null, deep: null };

/** One seeded instance of the setting, and its start point. */
export function seededInstance(k: Key): { problem: Problem; x0: Float64Array } {
  const { n, d, kappa, heterogeneity } = SETTING;
  const a: number[][] = [];
  const b: number[][] = [];
  for (let i = 0; i < n; i++) {
    const u = uniform(foldIn(foldIn(k, 1), i), d);
    const z = normal(foldIn(foldIn(k, 2), i), d);
    a.push(Array.from({ length: d }, (_, j) => kappa ** (-j / (d - 1)) * (1 + heterogeneity * (2 * u[j] - 1))));
    b.push(Array.from(z));
  }
  return { problem: diagonalQuadratic(a, b), x0: normal(foldIn(k, 3), d) };
}

/**
 * The exponent Theorem 1's step predicts for ln T against ln α on a grid, for instances measured at every grid
 * point: the slope of the mean over instances of ln(L + L̃ξ(α)) (what a law T = c_r/γ_r(α) gives when every
 * instance r is fitted jointly), with the paper's ξ.
 */
export function predictedExponent(problems: readonly Pick<Problem, 'L' | 'Li'>[], alphas: readonly number[]): number {
  return gridExponent(alphas, (alpha) =>
    Math.exp(problems.reduce((s, p) => s + Math.log(paperInverseStep(p, alpha)), 0) / problems.length),
  );
}

/** The step `efcheck run --gamma theory` gives EF21 with this compressor (src/cli/run-command.ts does the same). */
export function implementationStep(problem: Problem, compressor: ReturnType<typeof topK>): number {
  return methodEntry('ef21').theoryStepSize(problem, { compressor }).gamma;
}

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const repeats = byBudget(budget, QUICK_INSTANCES) ?? budgetSizes(budget).repeats;
  // GD at the same steps doubles the cost; the quick budget (a smoke run) leaves that mechanism column out.
  const withSameStepGd = byBudget(budget, { quick: false, default: true, deep: true });
  const root = key(seed);
  const alphas = SETTING.alphaInverse.map((m) => 1 / m);
  const ctx = claimContext(meta, seed, budget);
  const instances = Array.from({ length: repeats }, (_, r) => seededInstance(foldIn(foldIn(root, 1), r)));
  const problems = instances.map((i) => i.problem);
  const { d, epsilonFraction } = SETTING;
  const runs = alphaRuns(meta.id, instances, { d, alphas, epsilonFraction, withSameStepGd, implementationStep }, root);
  const fits = alphaFits(problems, alphas, runs.perAlpha, predictedExponent(problems, alphas));
  const details = { instances: repeats, predictedAsymptotic: -1 };
  return {
    verdicts: [
      // The law in α for both criteria, and its shape against the paper's inverse step, to within MARGIN.
      ...alphaLawVerdicts(ctx, fits, details, MARGIN),
      // Theorem 1's guarantee on every run, and the implementation's step against the paper's.
      ...alphaRunVerdicts(ctx, runs),
      ...exponentTeeth(ctx, fits.average, fits.predicted, (offset, exponent) => ({
        check: `teeth: the same fit against the exponent ${offset > 0 ? '+' : '−'}0.5 away (a step ∝ α^${(1 - offset).toFixed(1)})`,
        claim: `slope of ln T_ε vs ln α ∋ ${exponent.toFixed(3)}`,
        details: { ...details, offset },
      })),
    ],
    tables: [alphaTable(SETTING.alphaInverse, problems, runs.perAlpha, fits)],
    figures: [alphaFigure(alphas, repeats, runs.perAlpha, fits)],
    notes: alphaNotes(SETTING, MARGIN, fits),
  };
}

export const theorem: Theorem = { meta, check };
