/**
 * EF21-SGD needs a batch growing like 1/ε²; EF21-SGDM reaches the same ε with batch 1.
 *
 * Setting: the Theorem 1 instance (src/problems/theorem1-instance.ts) with n = 1: d = 2, f = ½‖x‖², top-1
 *   (α = 1/2), the three-point noise (src/oracles/three-point.ts, σ = 1), whose compressed mean is non-zero. A batch
 *   of size τ is modelled as Theorem 1's second part does [THEORY.md §5.2, M]: an oracle of the same law with
 *   variance σ²/τ (three-point noise at σ/√τ). Runs start at x⁰ = x* = 0. ε (a tolerance on ‖∇f‖, i.e. the target
 *   is E‖∇f‖² ≤ ε²) ∈ {0.3·2^{-j/2}: j = 0…5}.
 * Algorithm: EF21-SGD (src/algorithms/ef21.ts with the stochastic oracle) at its derived-form step
 *   γ = 1/(L + √10·L̃/α) [THEORY.md §3.4, D]; EF21-SGDM (src/algorithms/ef21-sgdm.ts) with batch 1 at
 *   γ = min{α/(10L̃), η/(3L)} [§5.3, D] and η tuned on a grid.
 * Claim: the smallest batch τ_ε at which EF21-SGD's stationary error reaches ε² scales like ε^{-2}, the σ²/(α²τ)
 *   neighbourhood of §3.4. Checked through its equivalent: the stationary error scales like τ^{-1} (if it scales
 *   like τ^b, then τ_ε ∝ ε^{2/b}), so the z = 6-level interval of the fitted slope of ln E‖∇f‖² against ln τ over
 *   every (τ, seed) run on the grid τ ∈ {1, 2, …, 128} must contain −1. τ_ε itself (log–log interpolation of the
 *   mean errors) and its fitted exponent are reported with their 95% interval. Measured beside it: EF21-SGD's error at τ = 1 does not vanish as γ
 *   shrinks (the step cannot replace the batch), and EF21-SGDM with τ = 1 reaches every ε of the grid with η
 *   tuned (the largest grid η that does is reported).
 * Kind: rate (log–log least squares over every run, Student-t interval at the z = 6 level; the six interpolated
 *   τ_ε give 4 dof, too few for a z = 6 interval with teeth, so they are reported, not judged); the γ-floor and
 *   EF21-SGDM parts are measured tables.
 * Reference: Fatkhullin, Tyurin, Richtárik (2023), "Momentum Provably Improves Error Feedback!", NeurIPS:
 *   Theorem 1 (batch part, B = Ω(σ²/ε²) for EF21-SGD-ideal; remembered statement [M], noise reconstructed [R]),
 *   the poster's "EF21-SGD requires mega-batch B = O(1/(α²ε²))" and "EF21-SGDM is batch-free" [P], and the derived
 *   neighbourhood 12σ²/(α²τ) of THEORY.md §3.4 [D]. Reported as a reconstructed form: the instance and the batch
 *   model are [R]. The regime (n = 1, the grids, x⁰ = x*) is this file's design.
 * Honest scope: on this instance the scaling is exact by homogeneity — x⁰ = x*, ∇f linear and top-k positively
 *   homogeneous, so scaling the noise by 1/√τ scales every state by 1/√τ and the error by 1/τ; the fit checks the
 *   simulator against that and measures the constant. What is not automatic is the floor: with a Gaussian (sign-
 *   symmetric) noise EF21-SGD's error shrinks with γ and no batch is needed (see sgdm-error-vs-n's Gaussian
 *   column); with this noise it does not, which the γ-floor table shows.
 * Teeth: the same fit must reject the exponent −2, i.e. a batch growing like 1/ε.
 */
import { ef21 } from '../../src/algorithms/ef21.ts';
import { ef21Sgdm } from '../../src/algorithms/ef21-sgdm.ts';
import { ef21SgdmStepSize, ef21SgdStepSize } from '../../src/algorithms/step-sizes.ts';
import { topK } from '../../src/compressors/top-k.ts';
import { threePointOracle } from '../../src/oracles/three-point.ts';
import { theorem1Instance } from '../../src/problems/theorem1-instance.ts';
import { foldIn, key } from '../../src/rng/key.ts';
import { logLogFit } from '../../src/stats/log-log-fit.ts';
import type { MeanSe } from '../../src/stats/mean-se.ts';
import { rateVerdict } from '../../src/report/verdict.ts';
import { budgetSizes, byBudget, theoremFile, type Budget, type Theorem, type TheoremMeta, type TheoremResult } from '../types.ts';
import { batchForTarget, fitRuns, repeatedStationaryError, runPoints, slopeSummary } from './stationary-error.ts';

export const meta: TheoremMeta = {
  id: 'batch-vs-epsilon',
  title: 'EF21-SGD needs a batch growing like 1/ε²; EF21-SGDM reaches ε with batch 1',
  group: 'rate-scaling',
  paper: { authors: 'Fatkhullin, Tyurin, Richtárik', year: 2023 },
  theorem: 'Thm 1 (batch part) and the complexity table',
  provenance: 'R',
  kind: 'rate',
  statement:
    'On the Theorem 1 instance with three-point noise of variance σ²/τ, the smallest batch τ_ε at which EF21-SGD’s stationary E‖∇f‖² reaches ε² scales like ε^{-2}: equivalently its error scales like 1/τ, and the z = 6-level interval of the fitted slope of ln E‖∇f‖² vs ln τ over every run contains −1; EF21-SGDM with batch 1 reaches the same ε with tuned η (measured) (THEORY.md §3.4, §5.2)',
  file: theoremFile(import.meta.url),
};

export const SETTING = {
  sigma: 1,
  alpha: 1 / 2,
  batches: [1, 2, 4, 8, 16, 32, 64, 128],
  epsilons: [0, 1, 2, 3, 4, 5].map((j) => 0.3 * 2 ** (-j / 2)),
  etas: [1 / 4, 1 / 8, 1 / 16, 1 / 32, 1 / 64, 1 / 128],
  /** Step fractions of the EF21-SGD γ-floor table. */
  stepFractions: [1, 1 / 4, 1 / 16, 1 / 64],
} as const;

/** Mixing times 1/(γμ) per run. */
const MIXING = { quick: 15, default: 100, deep: 300 } as const;

const fmt = (s: MeanSe): string => `${s.mean.toExponential(3)} ± ${s.se.toExponential(1)}`;

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const { repeats } = budgetSizes(budget);
  const { sigma, alpha, batches, epsilons, etas, stepFractions } = SETTING;
  const root = key(seed);
  const ctx = { id: meta.id, seed, budget, provenance: meta.provenance };
  const problem = theorem1Instance({ n: 1 });
  const C = topK(2, 1);
  const mixing = byBudget(budget, MIXING);
  const gammaSgd = ef21SgdStepSize(problem, alpha);
  const rounds = (gamma: number): number => Math.round(mixing / gamma);

  // 1. EF21-SGD's stationary error against the batch, and the batch each ε needs.
  const sgd = ef21({ gamma: gammaSgd, compressor: C, x0: [0, 0] });
  const sweep = batches.map((tau) => repeatedStationaryError(sgd, threePointOracle(problem, sigma / Math.sqrt(tau)), rounds(gammaSgd), foldIn(foldIn(root, 1), tau), repeats));
  const byBatch = sweep.map((r) => r.stats);
  // τ_ε is reported, not judged: an ε the grid does not bracket is listed as such, and the τ_ε fit needs 3 points.
  const needed = epsilons.map((eps) => batchForTarget(batches, byBatch.map((s) => s.mean), eps * eps));
  const bracketed = epsilons.flatMap((eps, i) => (needed[i] === null ? [] : [[eps, needed[i]] as [number, number]]));
  const fit = bracketed.length >= 3 ? logLogFit(bracketed.map((p) => p[0]), bracketed.map((p) => p[1])) : null;
  const tauText = (i: number): string | number => needed[i] ?? `outside the batch grid ${batches[0]}…${batches.at(-1)}`;
  const errorFit = fitRuns(batches, sweep.map((r) => r.runs));
  const verdicts = [
    rateVerdict(
      { ...ctx, check: `EF21-SGD at γ = ${gammaSgd.toPrecision(4)}, batch grid 1…${batches.at(-1)}`, claim: 'slope of ln E‖∇f‖² vs ln τ ∋ −1 (τ_ε ∝ ε^{-2})', details: { repeats, rounds: rounds(gammaSgd) } },
      errorFit,
      -1,
    ),
    rateVerdict(
      { ...ctx, check: 'teeth: the same fit against a batch growing like 1/ε', claim: 'slope of ln E‖∇f‖² vs ln τ ∋ −2 (τ_ε ∝ ε^{-1})', expectation: 'may-fail', details: { repeats } },
      errorFit,
      -2,
    ),
  ];

  // 2. The step cannot replace the batch: EF21-SGD's error at τ = 1 as γ shrinks.
  const floor = stepFractions.map((fraction) => {
    const gamma = fraction * gammaSgd;
    const s = repeatedStationaryError(ef21({ gamma, compressor: C, x0: [0, 0] }), threePointOracle(problem, sigma), rounds(gamma), foldIn(foldIn(root, 2), Math.round(1 / fraction)), repeats).stats;
    return { gamma, s };
  });

  // 3. EF21-SGDM with batch 1: the error for each η, and the largest grid η that reaches each ε.
  const momentum = etas.map((eta) => {
    const gamma = ef21SgdmStepSize(problem, alpha, eta);
    const T = rounds(gamma);
    const s = repeatedStationaryError(ef21Sgdm({ gamma, eta, compressor: C, x0: [0, 0] }), threePointOracle(problem, sigma), T, foldIn(foldIn(root, 3), Math.round(1 / eta)), repeats, 2).stats;
    return { eta, gamma, T, s };
  });
  const sgdmRows = epsilons.map((eps, i) => {
    const hit = momentum.find((m) => m.s.mean <= eps * eps);
    return [eps, eps * eps, tauText(i), hit === undefined ? 'none on the grid' : `1/${Math.round(1 / hit.eta)}`, hit === undefined ? '—' : fmt(hit.s), hit === undefined ? '—' : hit.T];
  });
  const reached = sgdmRows.filter((r) => r[3] !== 'none on the grid').length;

  return {
    verdicts,
    tables: [
      {
        title: `Batch needed by EF21-SGD and the η that lets EF21-SGDM (batch 1) reach the same ε (${repeats} seeds per point)`,
        columns: ['ε', 'target ε²', 'EF21-SGD: batch τ_ε', 'EF21-SGDM batch 1: largest grid η reaching ε²', 'its error (mean ± se)', 'its rounds'],
        rows: sgdmRows,
        caption: `Fitted slope of ln τ_ε vs ln ε (reported): ${fit === null ? `no fit, only ${bracketed.length} ε bracketed by the grid` : `${fit.slope.toFixed(3)}, 95% [${fit.slopeLo.toFixed(3)}, ${fit.slopeHi.toFixed(3)}]`} (predicted −2). The verdict’s fit, ln E‖∇f‖² vs ln τ over every run: ${slopeSummary(errorFit)} (predicted −1, i.e. τ_ε ∝ ε^{2/slope} = ε^{-2}). EF21-SGDM with batch 1 reached ${reached} of ${epsilons.length} targets.`,
      },
      {
        title: 'EF21-SGD stationary error against the batch (three-point noise at σ/√τ)',
        columns: ['τ', 'E‖∇f‖² (mean ± se)', 'τ·E‖∇f‖²'],
        rows: batches.map((tau, i) => [tau, fmt(byBatch[i]), tau * byBatch[i].mean]),
      },
      {
        title: 'The step cannot replace the batch: EF21-SGD at τ = 1 as γ shrinks',
        columns: ['γ', 'E‖∇f‖² (mean ± se)'],
        rows: floor.map((f) => [f.gamma, fmt(f.s)]),
        caption: `γ shrinks ${Math.round(floor[0].gamma / floor[floor.length - 1].gamma)}×, the error only ${(floor[0].s.mean / floor[floor.length - 1].s.mean).toFixed(1)}×: it levels off at a γ-independent floor (THEORY.md §5.2 measured ≈ 0.012σ² for large n) instead of shrinking like γ, so only the batch lowers it.`,
      },
    ],
    figures: [
      ...(fit === null
        ? []
        : [
            {
              kind: 'fit' as const,
              name: 'batch-vs-epsilon',
              title: 'Batch EF21-SGD needs to reach E‖∇f‖² ≤ ε² (Theorem 1 instance, top-1)',
              x: { label: 'ε' },
              y: { label: 'τ_ε (interpolated on the batch grid)' },
              points: bracketed,
              fit,
              predictedSlope: -2,
              caption: `γ = ${gammaSgd.toPrecision(4)} (derived form, THEORY.md §3.4); ${repeats} seeds × ${rounds(gammaSgd)} rounds per batch; τ_ε by log–log interpolation between the bracketing grid batches.`,
            },
          ]),
      {
        kind: 'fit',
        name: 'sgd-error-vs-batch',
        title: 'EF21-SGD stationary error vs batch: the verdict’s fit (every run)',
        x: { label: 'τ (batch)' },
        y: { label: 'E‖∇f(x^t)‖², tail mean' },
        points: runPoints(batches, sweep.map((r) => r.runs)),
        fit: errorFit,
        predictedSlope: -1,
        caption: `Each point: the tail mean of one ${rounds(gammaSgd)}-round run (${repeats} seeds per τ). Slope −1 here is τ_ε ∝ ε^{-2} above.`,
      },
      {
        kind: 'line',
        name: 'sgdm-error-vs-eta',
        title: 'EF21-SGDM with batch 1: stationary error against η',
        x: { label: 'η', log: true },
        y: { label: 'E‖∇f(x^t)‖², tail mean', log: true },
        series: [
          { name: 'EF21-SGDM, batch 1', points: momentum.map((m) => [m.eta, m.s.mean] as [number, number]) },
          { name: 'EF21-SGD floor at τ = 1 (smallest γ)', points: etas.map((eta) => [eta, floor[floor.length - 1].s.mean] as [number, number]), reference: true },
        ],
        caption: 'EF21-SGDM’s error falls roughly like η (the ησ²/n term), through EF21-SGD’s floor, with no batch.',
      },
    ],
    notes: [
      `Stationary error: tail mean of ‖∇f(x^t)‖² over t ∈ [T/4, T], T = ${mixing}/γ rounds, ${repeats} seeds per point, x⁰ = x* = 0, EF21-SGD's g⁰ = one stochastic gradient, EF21-SGDM's v⁰ = g⁰ = one stochastic gradient (B_init = 1).`,
      'Batch model: a batch of τ samples is an oracle of variance σ²/τ with the same three-point law (Theorem 1’s model, THEORY.md §5.2 [M]); a true average of τ three-point draws is closer to Gaussian, whose compressed noise has a smaller bias.',
    ],
  };
}

export const theorem: Theorem = { meta, check };
