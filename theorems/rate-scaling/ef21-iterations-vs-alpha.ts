/**
 * EF21's iterations to reach ε grow like 1/α, because its theory step does.
 *
 * Setting: seeded heterogeneous diagonal quadratics (src/problems/diagonal-quadratic.ts), n = 2 nodes, d = 64:
 *   a_ij = λ_j(1 + ½(2u_ij − 1)) with λ_j log-spaced in [1/κ, 1], κ = 100, u_ij uniform; b_ij standard normal (so
 *   every ∇f_i(x*) ≠ 0 and each node's compressed difference stays dense); x⁰ standard normal. Exact gradients.
 *   ε = ‖∇f(x⁰)‖²/10.
 * Algorithm: EF21 (src/algorithms/ef21.ts) with top-k, k/d = α ∈ {1/2, 1/4, …, 1/64}, g_i⁰ = ∇f_i(x⁰), at the
 *   theory step γ(α) = 1/(L + L̃ξ(α)) (src/algorithms/step-sizes.ts). GD at the same γ(α) for comparison.
 * Claim: T_ε(α), the smallest T with (1/T)Σ_{t<T}‖∇f(x^t)‖² ≤ ε (the quantity Theorem 1 bounds), scales like the
 *   inverse theory step L + L̃ξ(α), ξ(α) = (1 + √(1−α))/α − 1 ~ 2/α: the z = 6-level interval of the fitted slope of
 *   ln T_ε against ln α contains the exponent the theory step predicts on this grid, the least-squares slope of
 *   ln(L + L̃ξ(α)) (≈ −1.04; −1 is its α → 0 limit, the complexity table's 1/α), up to a stated margin of 0.01
 *   (MARGIN). Same for the last-iterate criterion ‖∇f(x^t)‖² ≤ ε.
 * Kind: rate (log–log least squares over every (instance, α) run with one intercept per instance, Student-t
 *   interval at the z = 6 level; the 95% interval is reported beside it).
 * Reference: Richtárik, Sokolov, Fatkhullin (2021), "EF21: A New, Simpler, Theoretically Better, and Practically
 *   Faster Error Feedback", NeurIPS, Theorem 1: T = O((L + L̃ξ(α))δ_0/ε) = O(L̃δ_0/(αε)) rounds for
 *   E‖∇f(x̂^T)‖² ≤ ε; THEORY.md §3.2 (statement [M], rate [D]) and §0.2 for ξ(α); the 1/α column of §5.5 [P].
 *   The grid exponent is derived here from ξ(α), so this is a derived form of Theorem 1. The instances are this
 *   file's design.
 * Mechanism (measured, reported in the table): at the theory step EF21 needs the same number of rounds as GD with
 *   that step (ratio ≈ 1.00) — the compression costs nothing beyond the step it forces, so ξ(α) ≈ 2/α is what
 *   drives the 1/α. And T_ε is within a small factor of Theorem 1's own guarantee 2Φ_0/(γε), so the bound is not
 *   loose by orders of magnitude on the criterion it bounds.
 * Teeth: the same fit must reject the exponent −2 (a 1/α² law, what a step ∝ α² would give).
 */
import { ef21 } from '../../src/algorithms/ef21.ts';
import { gd } from '../../src/algorithms/gd.ts';
import { ef21StepSize, xi } from '../../src/algorithms/step-sizes.ts';
import { topK } from '../../src/compressors/top-k.ts';
import { norm2sq } from '../../src/linalg/vector.ts';
import { exactOracle } from '../../src/oracles/exact.ts';
import { diagonalQuadratic } from '../../src/problems/diagonal-quadratic.ts';
import { gradient, lTilde, objective, type Problem } from '../../src/problems/types.ts';
import { foldIn, key, type Key } from '../../src/rng/key.ts';
import { normal, uniform } from '../../src/rng/sample.ts';
import { exponentInInterval, logLogFitGrouped } from '../../src/stats/log-log-fit.ts';
import { meanSe } from '../../src/stats/mean-se.ts';
import { rateVerdict } from '../../src/report/verdict.ts';
import { budgetSizes, byBudget, theoremFile, type Budget, type Theorem, type TheoremMeta, type TheoremResult } from '../types.ts';
import { gridExponent, iterationsToEpsilon, slopeSummary } from './stationary-error.ts';

export const meta: TheoremMeta = {
  id: 'ef21-iterations-vs-alpha',
  title: 'EF21’s iterations to reach ε grow like 1/α (through its theory step)',
  group: 'rate-scaling',
  paper: { authors: 'Richtárik, Sokolov, Fatkhullin', year: 2021 },
  theorem: 'Thm 1',
  provenance: 'D',
  kind: 'rate',
  statement:
    'With exact gradients, top-k (α = k/d ∈ [1/64, 1/2]) and γ = 1/(L + L̃ξ(α)), the rounds T_ε to reach (1/T)Σ_{t<T}‖∇f(x^t)‖² ≤ ε scale like L + L̃ξ(α) ~ 2L̃/α: the z = 6-level interval of the fitted slope of ln T_ε vs ln α (one intercept per instance), widened by a stated margin of 0.01, contains the grid exponent of ln(L + L̃ξ(α)) (≈ −1.04, → −1 as α → 0) (THEORY.md §3.2)',
  file: theoremFile(import.meta.url),
};

export const SETTING = { n: 2, d: 64, kappa: 100, heterogeneity: 0.5, epsilonFraction: 1 / 10, alphaInverse: [2, 4, 8, 16, 32, 64] } as const;

/**
 * The claim's resolution in the exponent. T_ε ∝ 1/γ(α) is the order of Theorem 1's bound, not an identity: the
 * fitted slope sits about +0.004 above the grid exponent on every instance (measured: 30 seeds at quick, seeds 1–2
 * at default and deep). That offset is shared by all instances, so more instances shrink the interval around it
 * and the deep budget's 95% interval already excludes the prediction; without a margin the z = 6 verdict would
 * refute a correct law at about 200 instances. 0.01 is 2.5× the measured offset and a fortieth of the distance to
 * the nearest competing law the teeth test (−2).
 */
export const MARGIN = 0.01;

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

/** 1/γ(α) = L + L̃ξ(α), the inverse theory step [THEORY.md §3.2]. */
export function inverseTheoryStep(p: Pick<Problem, 'L' | 'Li'>, alpha: number): number {
  return p.L + lTilde(p) * xi(alpha);
}

/**
 * The exponent the theory step predicts for ln T against ln α on a grid, for a set of instances measured at every
 * grid point: the slope of the mean over instances of ln(L + L̃ξ(α)) (what a law T = c_r/γ_r(α) gives when every
 * instance r is fitted jointly).
 */
export function predictedExponent(problems: readonly Pick<Problem, 'L' | 'Li'>[], alphas: readonly number[]): number {
  return gridExponent(alphas, (alpha) => Math.exp(problems.reduce((s, p) => s + Math.log(inverseTheoryStep(p, alpha)), 0) / problems.length));
}

/** mean ± se of T_EF21/T_GD, or why there is none. */
function gdColumn(ratios: readonly number[]): string {
  if (ratios.length === 0) return 'not run at this budget';
  if (ratios.length === 1) return ratios[0].toFixed(4);
  const s = meanSe(ratios);
  return `${s.mean.toFixed(4)} ± ${s.se.toExponential(1)}`;
}

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  // Instances: the budget's repeats, but two at quick (each costs ~15k rounds of top-k at d = 64).
  const repeats = budget === 'quick' ? 2 : budgetSizes(budget).repeats;
  // GD at the same steps doubles the cost; the quick budget (a smoke run) leaves the mechanism column out.
  const withGd = byBudget(budget, { quick: false, default: true, deep: true });
  const root = key(seed);
  const alphas = SETTING.alphaInverse.map((m) => 1 / m);
  const { d } = SETTING;
  const ctx = { id: meta.id, seed, budget, provenance: meta.provenance };
  const problems: Problem[] = [];
  const perAlpha = alphas.map(() => ({ average: [] as number[], last: [] as number[], gdRatio: [] as number[], boundRatio: [] as number[] }));
  for (let r = 0; r < repeats; r++) {
    const { problem, x0 } = seededInstance(foldIn(foldIn(root, 1), r));
    problems.push(problem);
    const oracle = exactOracle(problem);
    const g0 = norm2sq(gradient(problem, x0));
    const epsilon = SETTING.epsilonFraction * g0;
    const delta0 = objective(problem, x0) - problem.fInf;
    alphas.forEach((alpha, a) => {
      const gamma = ef21StepSize(problem, alpha);
      // Generous cap: Theorem 1 guarantees the average criterion by 2Φ_0/(γε) (Φ_0 = δ_0 here, G_0 = 0).
      const cap = Math.ceil((4 * delta0) / (gamma * epsilon)) + 10;
      const k = foldIn(foldIn(root, 2), r);
      const ef = iterationsToEpsilon(ef21({ gamma, compressor: topK(d, Math.round(alpha * d)), x0 }), oracle, epsilon, cap, k);
      const plain = withGd ? iterationsToEpsilon(gd({ gamma, x0 }), oracle, epsilon, cap, k) : null;
      if (ef.average === null || ef.last === null || (plain !== null && plain.average === null)) {
        throw new RangeError(`${meta.id}: instance ${r}, α = ${alpha}: ε not reached within ${cap} rounds`);
      }
      perAlpha[a].average.push(ef.average);
      perAlpha[a].last.push(ef.last);
      if (plain?.average != null) perAlpha[a].gdRatio.push(ef.average / plain.average);
      perAlpha[a].boundRatio.push((2 * delta0) / (gamma * epsilon) / ef.average);
    });
  }
  const predicted = predictedExponent(problems, alphas);
  const geo = (xs: readonly number[]): number => Math.exp(xs.reduce((s, v) => s + Math.log(v), 0) / xs.length);
  // One group per instance, each with its own intercept: an instance's constant factor (its γT) is common to all
  // its α and cancels, so the interval reflects departures from the law, not how instances differ, and rests on
  // (instances·(grid − 1) − 1) degrees of freedom instead of the grid's 4.
  const byInstance = (pick: (p: (typeof perAlpha)[number]) => readonly number[]) =>
    problems.map((_, r) => ({ x: alphas, y: perAlpha.map((p) => pick(p)[r]) }));
  const fitAverage = logLogFitGrouped(byInstance((p) => p.average));
  const fitLast = logLogFitGrouped(byInstance((p) => p.last));
  const claimAvg = 'slope of ln T_ε vs ln α ∋ grid exponent of ln(L + L̃ξ(α))';
  const details = { instances: repeats, predictedAsymptotic: -1 };
  const verdicts = [
    rateVerdict({ ...ctx, check: 'average criterion (1/T)Σ‖∇f(x^t)‖² ≤ ε, the quantity Theorem 1 bounds', claim: claimAvg, details }, fitAverage, predicted, { margin: MARGIN }),
    rateVerdict({ ...ctx, check: 'last-iterate criterion ‖∇f(x^t)‖² ≤ ε', claim: claimAvg, details }, fitLast, predicted, { margin: MARGIN }),
    rateVerdict(
      { ...ctx, check: 'teeth: the same fit against a 1/α² law', claim: 'slope of ln T_ε vs ln α ∋ −2', expectation: 'may-fail', details },
      fitAverage,
      -2,
    ),
  ];
  const rows = alphas.map((alpha, a) => {
    const p = perAlpha[a];
    return [
      `1/${SETTING.alphaInverse[a]}`,
      geo(problems.map((q) => inverseTheoryStep(q, alpha))),
      geo(p.average),
      geo(p.last),
      gdColumn(p.gdRatio),
      geo(p.boundRatio),
    ];
  });
  return {
    verdicts,
    tables: [
      {
        title: `Rounds to reach ε = ‖∇f(x⁰)‖²/10 against α = k/d (geometric means over ${repeats} instances)`,
        columns: ['α', '1/γ = L + L̃ξ(α)', 'T_ε (average criterion)', 'T_ε (last iterate)', 'T_EF21/T_GD at the same γ (mean ± se)', 'Theorem 1 guarantee 2δ_0/(γε) ÷ T_ε'],
        rows,
        caption: `Fitted slopes: average criterion ${slopeSummary(fitAverage, 4)}, last iterate ${slopeSummary(fitLast, 4)}; predicted from the theory step on this grid ${predicted.toFixed(4)} (→ −1 as α → 0).`,
      },
    ],
    figures: [
      {
        kind: 'fit',
        name: 'iterations-vs-alpha',
        title: 'EF21 rounds to reach ε vs α (theory step, top-k, d = 64)',
        x: { label: 'α = k/d' },
        y: { label: 'T_ε (average criterion)' },
        points: alphas.map((alpha, a) => [alpha, geo(perAlpha[a].average)] as [number, number]),
        fit: fitAverage,
        predictedSlope: predicted,
        caption: `Each point: the geometric mean over ${repeats} instances; the fit uses every run with one intercept per instance. Predicted slope ${predicted.toFixed(3)}: the grid exponent of 1/γ(α) = L + L̃ξ(α).`,
      },
    ],
    notes: [
      `Instances: n = ${SETTING.n}, d = ${d}, κ = ${SETTING.kappa}, heterogeneity ±${SETTING.heterogeneity * 100}% per node and coordinate, b_ij and x⁰ standard normal; ε = ‖∇f(x⁰)‖²/10 per instance; g_i⁰ = ∇f_i(x⁰) (G_0 = 0).`,
      `Why the predicted exponent is not exactly −1: 1/γ(α) = L + L̃((1 + √(1−α))/α − 1), whose log-slope over α ∈ [1/64, 1/2] is ${predicted.toFixed(3)} here; the rounds follow 1/γ closely enough that the fit can resolve the difference (−1 lies ${exponentInInterval(fitAverage, -1) ? 'inside' : 'outside'} the average criterion's 95% interval). −1 is the α → 0 limit, which the complexity table states as O(1/α).`,
      `Margin: the two criteria's verdicts widen the z = 6 interval by ${MARGIN}, the claim's stated resolution in the exponent. T_ε ∝ 1/γ(α) is the order of Theorem 1's bound, not an identity: the fitted slope sits about +0.004 above the grid exponent on every instance alike, so more instances only narrow the interval around that offset (at the deep budget the 95% interval already excludes the prediction). The tolerance column includes the margin.`,
      'Mechanism: T_EF21/T_GD ≈ 1 at every α — at the theory step the compressed estimator tracks the gradient, so the only price of compression is the step ξ(α) ≈ 2/α forces. Larger (tuned) steps are where EF21 and GD differ; they are not what Theorem 1 covers.',
    ],
  };
}

export const theorem: Theorem = { meta, check };
