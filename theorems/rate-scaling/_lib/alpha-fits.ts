/**
 * ef21-iterations-vs-alpha's fits of the rounds T_ε against α (docs/theory.md §3.2), the law's verdicts on them,
 * and what the page shows beside them: the table (rounds against α, with what drives them), the fit figure, the notes.
 */
import type { Problem } from '../../../src/problems/types.ts';
import { rateVerdict, type Verdict } from '../../../src/report/verdict.ts';
import { exponentInInterval, logLogFitGrouped, type SlopeFit } from '../../../src/stats/log-log-fit.ts';
import type { FitFigure, TableSpec } from '../../types.ts';
import type { ClaimContext } from '../../_lib/claim-context.ts';
import { geo, ratioColumn, type AlphaPoint } from './alpha-runs.ts';
import { paperInverseStep, paperLTilde, paperXi } from './ef21-step.ts';
import { slopeSummary } from './stationary-error.ts';

export interface AlphaFits {
  readonly average: SlopeFit;
  readonly last: SlopeFit;
  readonly shape: SlopeFit;
  readonly predicted: number;
}

/**
 * The fits the verdicts judge: ln T_ε against ln α for both criteria, one group per instance with its own intercept
 * (an instance's constant factor, its γT, is common to all its α and cancels, so the interval reflects departures
 * from the law, not how instances differ, and rests on instances·(grid − 1) − 1 degrees of freedom instead of the
 * grid's 4); and the shape of the law, ln T_ε against ln(L + L̃ξ(α)), which must have slope 1 — a step rule whose ξ
 * is off by a constant factor keeps a slope near −1 in α but bends this line.
 */
export function alphaFits(
  problems: readonly Problem[],
  alphas: readonly number[],
  perAlpha: readonly AlphaPoint[],
  predicted: number,
): AlphaFits {
  const byInstance = (pick: (p: AlphaPoint) => readonly number[]) =>
    problems.map((_, r) => ({ x: alphas, y: perAlpha.map((p) => pick(p)[r]) }));
  return {
    average: logLogFitGrouped(byInstance((p) => p.average)),
    last: logLogFitGrouped(byInstance((p) => p.last)),
    shape: logLogFitGrouped(
      problems.map((q, r) => ({
        x: alphas.map((alpha) => paperInverseStep(q, alpha)),
        y: perAlpha.map((p) => p.average[r]),
      })),
    ),
    predicted,
  };
}

/**
 * The law, judged with the claim's stated margin: the slope of ln T_ε against ln α contains the grid exponent of
 * ln(L + L̃ξ(α)) for both criteria (average, the quantity Theorem 1 bounds, and last iterate), and the slope of
 * ln T_ε against ln(L + L̃ξ(α)) contains 1.
 */
export function alphaLawVerdicts(
  ctx: ClaimContext,
  fits: AlphaFits,
  details: { readonly [k: string]: number },
  margin: number,
): Verdict[] {
  const claim = 'slope of ln T_ε vs ln α ∋ grid exponent of ln(L + L̃ξ(α)), paper ξ';
  const law = (check: string, fit: SlopeFit, predicted: number, claimText = claim): Verdict =>
    rateVerdict({ ...ctx, check, claim: claimText, details }, fit, predicted, { margin });
  return [
    law('average criterion (1/T)Σ‖∇f(x^t)‖² ≤ ε, the quantity Theorem 1 bounds', fits.average, fits.predicted),
    law('last-iterate criterion ‖∇f(x^t)‖² ≤ ε', fits.last, fits.predicted),
    law(
      'shape: the average criterion against the paper’s inverse step, per instance',
      fits.shape,
      1,
      'slope of ln T_ε vs ln(L + L̃ξ(α)) ∋ 1 (T_ε ∝ 1/γ_paper)',
    ),
  ];
}

export function alphaTable(
  alphaInverse: readonly number[],
  problems: readonly Problem[],
  perAlpha: readonly AlphaPoint[],
  fits: AlphaFits,
): TableSpec {
  const alphas = alphaInverse.map((m) => 1 / m);
  const rows = alphas.map((alpha, a) => {
    const p = perAlpha[a];
    return [
      `1/${alphaInverse[a]}`,
      paperXi(alpha),
      geo(problems.map((q) => paperInverseStep(q, alpha))),
      ratioColumn(p.stepRatio, 6),
      geo(p.average),
      geo(p.last),
      ratioColumn(p.gdOwnStepRatio, 1),
      ratioColumn(p.sameStepRatio),
      geo(p.boundRatio),
    ];
  });
  const lRatio = geo(problems.map((q) => q.L / paperLTilde(q.Li)));
  return {
    title: `Rounds to reach ε = ‖∇f(x⁰)‖²/10 against α = k/d (geometric means over ${problems.length} instances)`,
    columns: [
      'α',
      'ξ(α) (paper)',
      '1/γ = L + L̃ξ(α) (paper)',
      'γ_implementation/γ_paper',
      'T_ε (average criterion)',
      'T_ε (last iterate)',
      'T_EF21/T_GD, GD at 1/L',
      'T_EF21/T_GD at the same γ',
      'Theorem 1 guarantee 2δ_0/(γε) ÷ T_ε',
    ],
    rows,
    caption: `Fitted slopes: average criterion ${slopeSummary(fits.average, 4)}, last iterate ${slopeSummary(fits.last, 4)}; predicted from the paper's step on this grid ${fits.predicted.toFixed(4)} (→ −1 as α → 0). Against ln(L + L̃ξ(α)): ${slopeSummary(fits.shape, 4)} (predicted 1). L/L̃ = ${lRatio.toFixed(3)} (geometric mean).`,
  };
}

export function alphaFigure(
  alphas: readonly number[],
  instances: number,
  perAlpha: readonly AlphaPoint[],
  fits: AlphaFits,
): FitFigure {
  return {
    kind: 'fit',
    name: 'iterations-vs-alpha',
    title: 'EF21 rounds to reach ε vs α (implementation’s theory step, top-k, d = 64)',
    x: { label: 'α = k/d' },
    y: { label: 'T_ε (average criterion)' },
    points: alphas.map((alpha, a) => [alpha, geo(perAlpha[a].average)] as [number, number]),
    fit: fits.average,
    predictedSlope: fits.predicted,
    caption: `Each point: the geometric mean over ${instances} instances; the fit uses every run with one intercept per instance. Predicted slope ${fits.predicted.toFixed(3)}: the grid exponent of 1/γ(α) = L + L̃ξ(α) with the paper's ξ.`,
  };
}

/** The instance family, why the predicted exponent is not −1, the margin, and what the rounds measure. */
export function alphaNotes(
  setting: { readonly n: number; readonly d: number; readonly kappa: number; readonly heterogeneity: number },
  margin: number,
  fits: AlphaFits,
): string[] {
  return [
    `Instances: n = ${setting.n}, d = ${setting.d}, κ = ${setting.kappa}, heterogeneity ±${setting.heterogeneity * 100}% per node and coordinate, b_ij and x⁰ standard normal; ε = ‖∇f(x⁰)‖²/10 per instance; g_i⁰ = ∇f_i(x⁰) (G⁰ = 0).`,
    `Why the predicted exponent is not −1: 1/γ(α) = L + L̃ξ(α) with L ≈ L̃, whose log-slope over α ∈ [1/64, 1/2] is ${fits.predicted.toFixed(3)} here; −1 lies ${exponentInInterval(fits.average, -1) ? 'inside' : 'outside'} the average criterion's 95% interval. A step rule with ξ off by a constant factor c shifts this exponent (L weighs differently against cL̃ξ), which is how a ξ computed for the wrong α shows up.`,
    `Margin: the two criteria's verdicts widen the z = 6 interval by ${margin}, the claim's stated resolution in the exponent (T_ε ∝ 1/γ(α) is the order of Theorem 1's bound, not an identity; the fitted slope sits about +0.004 above the grid exponent on every instance alike).`,
    'What the rounds measure: with GD at its own step 1/L as the baseline, the compression term L̃ξ(α) is most of the cost (T_EF21/T_GD column). At the same step EF21 and GD need the same rounds: with G⁰ = 0 GD’s Σ‖∇f‖² is ≈ δ_0/γ and Theorem 1 caps EF21’s at 2δ_0/γ, so the average criterion cannot show a compression cost beyond the step. A compressor worse than its declared α is therefore invisible here unless it destabilises the run; the compressor contract check is what catches it.',
  ];
}
