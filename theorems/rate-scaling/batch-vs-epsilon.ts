/**
 * EF21-SGD needs a batch growing like 1/ε²; EF21-SGDM reaches the same ε with batch 1 — on a nonlinear problem.
 *
 * Setting: binary logistic regression with the nonconvex regulariser λΣ_k x_k²/(1 + x_k²), λ = 0.1
 *   (src/problems/logistic-regression.ts, the EF21 experiments' problem), on a fixed seeded synthetic dataset of
 *   m = 20 rows in d = 2 (src/data/synthetic.ts, key(3)); n = 1. Its stationary point x* ≈ (1.95, 0.69) has Hessian
 *   eigenvalues ≈ 0.040 and 0.19 (L = 0.54): ∇f is far from linear over the region the noise explores, and the
 *   runs start at x⁰ = 0 ≠ x*. top-1 (α = 1/2) and the three-point noise (src/oracles/three-point.ts, σ = 1), whose
 *   compressed mean is non-zero. A batch of size τ is modelled as Theorem 1's second part does [docs/theory.md §5.2, M]:
 *   an oracle of the same law with variance σ²/τ (three-point noise at σ/√τ). ε (a tolerance on ‖∇f‖, i.e. the
 *   target is E‖∇f‖² ≤ ε²) ∈ {0.15·2^{-j/2}: j = 0…5}.
 * Algorithm: EF21-SGD (src/algorithms/ef21.ts with the stochastic oracle) at its derived-form step
 *   γ = 1/(L + √10·L̃/α) [docs/theory.md §3.4, D]; EF21-SGDM (src/algorithms/ef21-sgdm.ts) with batch 1 at
 *   γ = min{α/(10L̃), η/(3L)} [§5.3, D] and η tuned on a grid.
 * Claim: the smallest batch τ_ε at which EF21-SGD's stationary error reaches ε² scales like ε^{-2}, the σ²/(α²τ)
 *   neighbourhood of §3.4. Checked through its equivalent: the stationary error scales like τ^{-1} (if it scales
 *   like τ^b, then τ_ε ∝ ε^{2/b}), so the z = 6-level interval of the fitted slope of ln E‖∇f‖² against ln τ over
 *   every (τ, seed) run on the grid τ ∈ {1, 2, …, 128}, widened by a stated margin of 0.05 (MARGIN), must contain
 *   −1. τ_ε itself (log–log interpolation of the mean errors) and its fitted exponent are reported with their 95%
 *   interval. Measured beside it: EF21-SGD's error at τ = 1 as γ shrinks, and EF21-SGDM with τ = 1 against the ε
 *   grid with η tuned (the largest grid η that reaches each ε is reported).
 * Kind: rate (log–log least squares over every run, Student-t interval at the z = 6 level; the six interpolated
 *   τ_ε give 4 dof, too few for a z = 6 interval with teeth, so they are reported, not judged); the γ-floor and
 *   EF21-SGDM parts are measured tables.
 * Reference: Fatkhullin, Tyurin, Richtárik (2023), "Momentum Provably Improves Error Feedback!", NeurIPS:
 *   Theorem 1 (batch part, B = Ω(σ²/ε²) for EF21-SGD-ideal; remembered statement [M], noise reconstructed [R]),
 *   the poster's "EF21-SGD requires mega-batch B = O(1/(α²ε²))" and "EF21-SGDM is batch-free" [P], and the derived
 *   neighbourhood 12σ²/(α²τ) of docs/theory.md §3.4 [D]. Reported as a reconstructed form: the noise and the batch
 *   model are [R]; the paper's lower bound is on its own (quadratic) instance, and −1 here is the exponent of the
 *   derived upper bound, which nothing forces this instance to attain: what is derived is that the error is at
 *   most O(σ²/τ); that it is Θ(1/τ) on this instance is the measured part.
 * Why this instance: on the Theorem 1 instance (x⁰ = x* = 0, ∇f linear, top-k positively homogeneous) scaling the
 *   noise by 1/√τ scales every state by 1/√τ, so the exponent −1 holds exactly whatever the method does. Here ∇f is
 *   nonlinear (the logistic loss and the nonconvex regulariser), the iterates start away from x*, and the
 *   stationary law at τ = 1 explores a region where the Hessian changes: the exponent is measured, not forced
 *   (slope −1.030, z = 6 half-width 0.042 at the default budget, seed 1).
 * Teeth: the same fit must reject the exponents −1 ± 0.5 (a batch growing like ε^{-4/3} or ε^{-4}).
 */
import { ef21SgdStepSize } from '../../src/algorithms/step-sizes.ts';
import { topK } from '../../src/compressors/top-k.ts';
import { syntheticDataset } from '../../src/data/synthetic.ts';
import { logisticRegression } from '../../src/problems/logistic-regression.ts';
import { key } from '../../src/rng/key.ts';
import { rateVerdict } from '../../src/report/verdict.ts';
import { budgetSizes, byBudget, theoremFile } from '../types.ts';
import type { Budget, Theorem, TheoremMeta, TheoremResult } from '../types.ts';
import { claimContext } from '../_lib/claim-context.ts';
import { batchMeasurement, batchNotes, batchRounds, batchSweep, type BatchRuns } from './_lib/batch-measurement.ts';
import { exponentTeeth } from './_lib/exponent-teeth.ts';

export const meta: TheoremMeta = {
  id: 'batch-vs-epsilon',
  title: 'EF21-SGD needs a batch growing like 1/ε² on a nonlinear problem; EF21-SGDM reaches ε with batch 1',
  group: 'rate-scaling',
  paper: { authors: 'Fatkhullin, Tyurin, Richtárik', year: 2023 },
  theorem: 'Thm 1 (batch part) and the complexity table',
  provenance: 'R',
  kind: 'rate',
  statement:
    'On a 2-d logistic regression with the nonconvex regulariser (x⁰ ≠ x*, nonlinear ∇f), top-1 and three-point noise of variance σ²/τ, the smallest batch τ_ε at which EF21-SGD’s stationary E‖∇f‖² reaches ε² scales like ε^{-2}: equivalently its error scales like 1/τ, and the z = 6-level interval of the fitted slope of ln E‖∇f‖² vs ln τ over every run, widened by a stated margin of 0.05, contains −1; EF21-SGDM with batch 1 reaches the same ε with tuned η (measured) (docs/theory.md §3.4, §5.2)',
  file: theoremFile(import.meta.url),
};

export const SETTING = {
  sigma: 1,
  alpha: 1 / 2,
  batches: [1, 2, 4, 8, 16, 32, 64, 128],
  epsilons: [0, 1, 2, 3, 4, 5].map((j) => 0.15 * 2 ** (-j / 2)),
  lambda: 0.1,
  /** The fixed dataset: m rows in d = 2 from syntheticDataset with key(dataKey). */
  rows: 20,
  dataKey: 3,
  /** x⁰ = 0, about 2 from x*. */
  x0: [0, 0],
  /**
   * The smallest Hessian eigenvalue at x* (≈ 0.0403, computed once by finite differences after 2·10⁵ GD steps):
   * the rounds are a number of mixing times 1/(γμ*), so the tail mean is stationary whatever γ is.
   */
  muStar: 0.04,
  etas: [1 / 4, 1 / 8, 1 / 16, 1 / 32, 1 / 64, 1 / 128],
  /** Step fractions of the EF21-SGD γ-floor table. */
  stepFractions: [1, 1 / 4, 1 / 16, 1 / 64],
} as const;

/** Mixing times 1/(γμ*) per run (the burn-in BURN_IN·T leaves e^{-mixing/4} of the start's transient). */
const MIXING = { quick: 5, default: 15, deep: 60 } as const;

/**
 * Seeds per batch in the verdict's sweep: the sweep is cheap (2-d, ~2k rounds a run at default), and the teeth at
 * −1 ± 0.5 need a z = 6 half-width well under 0.5 even at quick.
 */
const SWEEP_REPEATS = { quick: 12, default: 32, deep: 96 } as const;

/** The fixed problem of the setting. */
export function settingProblem(): ReturnType<typeof logisticRegression> {
  return logisticRegression([syntheticDataset({ m: SETTING.rows, dim: 2, key: key(SETTING.dataKey) })], {
    lambda: SETTING.lambda,
  });
}

/**
 * The claim's resolution in the exponent. What is derived is the order of the neighbourhood, O(σ²/(α²τ)); on a
 * nonlinear problem the error also carries higher-order terms in the noise, which tilt the log–log line slightly
 * (measured: −1.030 ± 0.042 at z = 6 at the default budget, seed 1). 0.05 covers that tilt and is a tenth of
 * the distance to the teeth's exponents, so it cannot hide a batch law off by ±0.5.
 */
export const MARGIN = 0.05;

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const ctx = claimContext(meta, seed, budget);
  const problem = settingProblem();
  const gammaSgd = ef21SgdStepSize(problem, SETTING.alpha);
  const sweepRepeats = byBudget(budget, SWEEP_REPEATS);
  const b: BatchRuns = {
    setting: SETTING,
    root: key(seed),
    problem,
    x0: Float64Array.from(SETTING.x0),
    C: topK(2, 1),
    gammaSgd,
    mixing: byBudget(budget, MIXING),
    repeats: budgetSizes(budget).repeats,
    sweepRepeats,
  };
  // 1. EF21-SGD's stationary error against the batch: the exponent −1 (τ_ε ∝ ε^{-2}), and −1 ± 0.5 rejected.
  const sweep = batchSweep(b);
  const verdicts = [
    rateVerdict(
      {
        ...ctx,
        check: `EF21-SGD at γ = ${gammaSgd.toPrecision(4)}, batch grid 1…${SETTING.batches.at(-1)}`,
        claim: 'slope of ln E‖∇f‖² vs ln τ ∋ −1 (τ_ε ∝ ε^{-2})',
        details: { repeats: sweepRepeats, rounds: batchRounds(b, gammaSgd) },
      },
      sweep.fit,
      -1,
      { margin: MARGIN },
    ),
    ...exponentTeeth(ctx, sweep.fit, -1, (_, exponent) => ({
      check: `teeth: the same fit against the exponent ${exponent} (a batch growing like ε^{${(2 / exponent).toFixed(2)}})`,
      claim: `slope of ln E‖∇f‖² vs ln τ ∋ ${exponent}`,
      details: { repeats: sweepRepeats },
    })),
  ];
  // 2–3. Measured beside it: τ_ε per ε, EF21-SGD's error at τ = 1 as γ shrinks, EF21-SGDM with batch 1 against η.
  return { verdicts, ...batchMeasurement(b, sweep), notes: batchNotes(b) };
}

export const theorem: Theorem = { meta, check };
