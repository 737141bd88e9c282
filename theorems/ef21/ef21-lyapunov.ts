/**
 * EF21 decreases its Lyapunov function by (γ/2)‖∇f(x^t)‖² in one step, from any state.
 *
 * Setting: f = (1/n)Σ f_i, f L-smooth, f_i L_i-smooth, L̃² = (1/n)ΣL_i²; C contractive with α; exact gradients.
 *   θ = 1 − sqrt(1 − α), β = (1 − α)/(1 − sqrt(1 − α)), ξ(α) = sqrt(β/θ) (docs/theory.md §0.2). Checked on dense
 *   quadratics f_i = ½xᵀA_i x − b_iᵀx with A_i symmetric and indefinite (nonconvex, f_inf = −∞) and on small
 *   logistic regressions with the nonconvex regulariser, both with L_i spread over two decades; states (x, g_i)
 *   arbitrary: random, g_i ≈ ∇f_i(x), or g_i = ∇f_i(x).
 * Algorithm: EF21 (src/algorithms/ef21.ts) [Richtárik, Sokolov, Fatkhullin 2021, Alg. 1]:
 *   x⁺ = x − γg,  g_i⁺ = g_i + C(∇f_i(x⁺) − g_i),  g = (1/n)Σg_i.
 * Claim: for 0 < γ ≤ 1/(L + L̃ξ(α)),  E Φ(x⁺, g⁺) ≤ Φ(x, g) − (γ/2)‖∇f(x)‖²  with
 *   Φ(x, g) = f(x) − f_inf + (γ/(2θ))·(1/n)Σ_i‖g_i − ∇f_i(x)‖².  f_inf cancels: both sides are computed without it.
 * Kind: deterministic for deterministic C (top-k, scaled sign): one real step of the implementation, pathwise.
 *   For random C (rand-k, Bernoulli, (1/(1+ω))·rand-k, (1/(1+ω))·natural, natural∘top-k) the expectation is exact:
 *   x⁺ is deterministic and E‖g_i⁺ − ∇f_i(x⁺)‖² = E‖C(u_i) − u_i‖², u_i = ∇f_i(x⁺) − g_i, from expectation().
 * Reference: Richtárik, Sokolov, Fatkhullin (2021), "EF21: A New, Simpler, Theoretically Better, and Practically
 *   Faster Error Feedback", NeurIPS, Theorem 1. docs/theory.md §3.2: statement [M], one-step inequality [D] — checked
 *   here as the derived form of Theorem 1 (the paper states the rate; the one-step form is its proof's core).
 *   Adversary (_lib/descent-space.ts): n ≤ 3 nodes of dense indefinite quadratics in d ≤ 3, L_i from the matrices,
 *   any state, the worst compressor of the class (any output with ‖C(u) − u‖² ≤ (1 − α)‖u‖², α searched) or top-k
 *   through the real step; climbed to the largest 1 + (Φ⁺ − Φ + (γ/2)‖∇f‖²)/(Σ|terms|) at γ_max.
 *   The step rule and θ come from _lib/constants.ts, transcribed from the paper, not from src/algorithms/step-sizes.ts.
 * Teeth: the adversary's critical multiplier m* (the smallest γ/γ_max at which it finds a violation), with the
 *   shrunk violation as a 'may-fail' verdict, on both families (quadratics: _lib/descent-space.ts; logistic
 *   regression with every feature searched: _lib/logistic-space.ts); and random states at 4× and 8× the step size must fail somewhere
 *   (docs/theory.md §0.4 measured 22% and 63% violations there); the figure shows their violation rate against the
 *   multiplier 1, 1.5, 2, 4, 8.
 */
import type { Compressor } from '../../src/compressors/types.ts';
import { key, foldIn, type Key } from '../../src/rng/key.ts';
import { verdictOverTrials, type Sides } from '../../src/report/verdict.ts';
import { budgetSizes, theoremFile, type Budget, type Theorem, type TheoremMeta, type TheoremResult } from '../types.ts';
import { adversaryCheck, adversaryNote } from '../_lib/power.ts';
import { claimContext } from '../_lib/claim-context.ts';
import { theta as thetaOf } from './_lib/constants.ts';
import { descentAdversary, descentSizes } from './_lib/descent-adversary.ts';
import { descentSpace } from './_lib/descent-space.ts';
import { ef21Setting } from './_lib/ef21-settings.ts';
import { contractiveAlpha, ef21StepDistortions } from './_lib/ef21-step.ts';
import type { Instance, NodeState } from './_lib/instances.ts';
import { logisticDescentSpace } from './_lib/logistic-space.ts';
import { descentSides, uniformWeights } from './_lib/lyapunov.ts';
import { seededTrial } from './_lib/seeded-trial.ts';
import { trialRunner } from './_lib/trial-runner.ts';
import { violationSweep } from './_lib/violation-sweep.ts';
import { randomTrialVerdicts } from './_lib/random-trial-verdicts.ts';

export const meta: TheoremMeta = {
  id: 'ef21-lyapunov',
  title: 'EF21: one-step Lyapunov descent from any state',
  group: 'ef21-family',
  paper: { authors: 'Richtárik, Sokolov, Fatkhullin', year: 2021 },
  theorem: 'Thm 1',
  provenance: 'D',
  kind: 'deterministic',
  statement:
    'For γ ≤ 1/(L + L̃ξ(α)) and any state (x, g_i): E Φ(x⁺, g⁺) ≤ Φ(x, g) − (γ/2)‖∇f(x)‖², Φ = f − f_inf + (γ/(2θ))(1/n)Σ‖g_i − ∇f_i(x)‖²; pathwise for top-k, exact expectation for rand-k and other random C (docs/theory.md §3.2)',
  file: theoremFile(import.meta.url),
};

const CLAIM = 'E Φ(x⁺, g⁺) ≤ Φ(x, g) − (γ/2)‖∇f(x)‖²';

/** The step multipliers of the sensitivity sweep; from 4 on they are teeth (docs/theory.md §0.4: 22% and 63%). */
export const TEETH_MULTIPLIERS: readonly number[] = [1, 1.5, 2, 4, 8];

/**
 * Both sides of the claim for one state: lhs = f(x⁺) + (γ/(2θ))·Σc_i‖g_i⁺ − ∇f_i(x⁺)‖² (realized for deterministic
 * C, in exact expectation for random C), rhs = f(x) + (γ/(2θ))·Σc_i‖g_i − ∇f_i(x)‖² − (γ/2)‖∇f(x)‖², f_inf
 * cancelled. Node weights c_i = 1/n here; ef21-am passes (1/n)·L_AM/L_i.
 */
export function ef21LyapunovSides(
  instance: Instance,
  C: Compressor,
  gamma: number,
  state: NodeState,
  weights?: readonly number[],
  stepKey: Key = key(0),
): Sides {
  const { problem } = instance;
  const theta = thetaOf(contractiveAlpha(C));
  const c = weights ?? uniformWeights(problem.n);
  const { before, xNext, after } = ef21StepDistortions(problem, C, gamma, state, c, stepKey);
  return descentSides({ instance, gamma, coefficient: gamma / (2 * theta), x: state.x, before, xNext, after });
}

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const { trials } = budgetSizes(budget);
  const root = key(seed);
  const ctx = { ...claimContext(meta, seed, budget), claim: CLAIM };
  const quarter = Math.ceil(trials / 4);
  const run = trialRunner(root, seededTrial, (tr) => ef21LyapunovSides(tr.instance, tr.compressor, tr.gamma, tr.state));
  const verdicts = [
    ...randomTrialVerdicts(ctx, run, trials),
    verdictOverTrials(
      { ...ctx, check: 'logistic + nonconvex regulariser, random C, exact expectation' },
      'deterministic',
      run(4, quarter, 'logistic', 'random', 'fraction'),
    ),
  ];
  // Teeth and the sensitivity figure: the same trials (quadratics, top-k / scaled sign) at fixed multiples.
  const sweep = violationSweep(ctx, TEETH_MULTIPLIERS, 4, (m, idx) =>
    run(10 + idx, trials, 'quadratic', 'deterministic', m),
  );
  const adversary = descentAdversary(
    { ...ctx, check: 'n, d ≤ 3 indefinite quadratics, any state, worst compressor of the class or top-k' },
    ef21Setting,
    foldIn(root, 90),
    budget,
  );
  // The second family, as the random trials have it: logistic regression with the nonconvex regulariser.
  const logistic = adversaryCheck(
    { ...ctx, check: 'logistic + nonconvex regulariser, n, d ≤ 3, any state, worst compressor of the class' },
    logisticDescentSpace(),
    foldIn(root, 91),
    budget,
    descentSizes(budget),
  );
  return {
    verdicts: [...verdicts, ...sweep.teeth, ...adversary.verdicts, ...logistic.verdicts],
    power: [adversary.power, logistic.power],
    tables: [sweep.table],
    figures: [sweep.figure],
    notes: [
      `Quadratics: n ≤ 5 nodes, d ≤ 8, A_i = s_i(Z + Zᵀ)/(2√d) with s_i log-uniform in [0.1, 10] (indefinite, heterogeneous L_i); logistic: n ≤ 5, d ≤ 6, 2–8 rows per node scaled by s_i, λ = 0.1. States: x Gaussian; g_i random, within 1% of ∇f_i(x), or equal to it. γ/γ_max uniform in (0, 1] with a third of the trials at exactly 1.`,
      `${trials} quadratic and ${quarter} logistic trials per pool. Random compressors: rand-k, Bernoulli(1/2), rand-k and natural compression scaled by 1/(1 + ω), natural∘top-k; the next Lyapunov value is their exact expectation.`,
      'Tolerance: 1e-12·(Σ|summands|) + 1e-300, where the summands are those of f(x), f(x⁺), the distortions before cancellation, and (γ/2)‖∇f‖².',
      ...[adversary.power, logistic.power].map((p) => adversaryNote(p, 'γ_max')),
    ],
  };
}

export const theorem: Theorem = { meta, check, adversary: { space: () => descentSpace(ef21Setting) } };
