/**
 * EF21-SGD: one-step descent up to a noise term 6γσ²/(α²τ), and the stationary neighbourhood measured against n.
 *
 * Setting: f = (1/n)Σf_i as in ef21-lyapunov (indefinite quadratics, logistic problems, heterogeneous L_i,
 *   arbitrary states); unbiased gradient estimates with E‖ĝ_i − ∇f_i‖² ≤ σ²/τ: Gaussian noise of total variance σ²
 *   per draw, averaged over a minibatch of τ ∈ {1, 4} draws; C contractive with α.
 * Algorithm: EF21-SGD (src/algorithms/ef21.ts with a stochastic oracle) [Fatkhullin et al. 2021 (Bells & Whistles),
 *   Alg. 2]: x⁺ = x − γg, g_i⁺ = g_i + C(ĝ_i(x⁺) − g_i).
 * Claim (derived form, docs/theory.md §3.4 [D]): for 0 < γ ≤ 1/(L + √10·L̃/α), from any state,
 *   E Φ(x⁺, g⁺) ≤ Φ(x, g) − (γ/2)‖∇f(x)‖² + 6γσ²/(α²τ),  Φ = f − f_inf + (γ/α)(1/n)Σ‖g_i − ∇f_i(x)‖²;
 *   hence (1/T)Σ_{t<T} E‖∇f(x^t)‖² ≤ 2Φ_0/(γT) + 12σ²/(α²τ): a neighbourhood with no 1/n in it.
 * Kind: upper-in-expectation, Monte Carlo over the noise at z = 6 (for random C the expectation over C is exact
 *   given the noise, via expectation()); the verdict shows the instance with the largest z-score. The
 *   neighbourhood is measured on f_i = ½‖x‖², d = 2, top-1, for n ∈ {1, 10, 100}, under Gaussian noise and under
 *   the three-point noise of the EF21-SGDM lower-bound instance (src/oracles/three-point.ts).
 * Reference: Fatkhullin, Sokolov, Gorbunov, Li, Richtárik (2021), "EF21 with Bells & Whistles", EF21-SGD
 *   (Theorem for Algorithm 2); docs/theory.md §3.4: the one-step form and its constants 6 and √10 are derived here [D],
 *   the paper's own θ, β₁, β₂ were not retrieved — reported as the derived form. The n-independence is the poster's
 *   point [P] in the EF21-SGDM paper (Fatkhullin, Tyurin, Richtárik 2023).
 * Teeth: the one-step inequality with the noise term removed fails (states with g_i = ∇f_i(x), σ large); the
 *   "does not shrink like 1/n" check, run on Gaussian noise, where the floor does shrink like 1/n, fails; and the
 *   adversary (theorems/ef21-sgdm/_lib/momentum-space.ts with EF21-SGD as the η = 1 member, exact expectation over
 *   finite noise) refutes the one-step inequality at its critical multiplier m* ≈ 1.6–2 of γ.
 */
import { ef21, type EF21State } from '../../src/algorithms/ef21.ts';
import { mean } from '../../src/linalg/vector.ts';
import type { Problem } from '../../src/problems/types.ts';
import { foldIn, key, split, type Key } from '../../src/rng/key.ts';
import { integerBelow } from '../../src/rng/sample.ts';
import { meanSe, type MeanSe } from '../../src/stats/mean-se.ts';
import {
  byBudget,
  budgetSizes,
  theoremFile,
  type Budget,
  type Theorem,
  type TheoremMeta,
  type TheoremResult,
} from '../types.ts';
import { claimContext } from '../_lib/claim-context.ts';
import { adversarySizes } from '../_lib/power.ts';
import { seededTrials } from '../_lib/seeded-trials.ts';
import { worstByZ } from '../_lib/worst-by-z.ts';
import { lTildeOf } from '../ef21-sgdm/_lib/l-tilde.ts';
import { momentumSizes, withMomentumAdversary } from '../ef21-sgdm/_lib/momentum-adversary.ts';
import { meanDistToLocalGrad, weightedTerms } from '../ef21-sgdm/_lib/momentum-lyapunov.ts';
import type { MomentumMethod } from '../ef21-sgdm/_lib/momentum-method.ts';
import { momentumSpace } from '../ef21-sgdm/_lib/momentum-space.ts';
import { contractiveAlpha } from './_lib/ef21-step.ts';
import { seededState, seededStateKind, type StateKind } from './_lib/instances.ts';
import { descentSides } from './_lib/lyapunov.ts';
import { neighbourhoodSweep } from './_lib/neighbourhood-sweep.ts';
import { nextLyapunovDraws, type SgdCase } from './_lib/sgd-case.ts';
import { seededCompressor, seededInstance, type Family, type Pool } from './_lib/seeded-trial.ts';

export const meta: TheoremMeta = {
  id: 'ef21-sgd-neighbourhood',
  title: 'EF21-SGD: descent up to 6γσ²/(α²τ), and a neighbourhood that does not shrink with n',
  group: 'ef21-family',
  paper: { authors: 'Fatkhullin, Sokolov, Gorbunov, Li, Richtárik', year: 2021 },
  theorem: 'the EF21-SGD theorem',
  provenance: 'D',
  kind: 'upper-in-expectation',
  statement:
    'For γ ≤ 1/(L + √10·L̃/α) and any state: E Φ(x⁺, g⁺) ≤ Φ(x, g) − (γ/2)‖∇f(x)‖² + 6γσ²/(α²τ), Φ = f − f_inf + (γ/α)(1/n)Σ‖g_i − ∇f_i(x)‖²; the neighbourhood 12σ²/(α²τ) has no 1/n (docs/theory.md §3.4)',
  file: theoremFile(import.meta.url),
};

const CLAIM = 'E Φ(x⁺, g⁺) ≤ Φ(x, g) − (γ/2)‖∇f(x)‖² + 6γσ²/(α²τ)';

/**
 * γ = 1/(L + √10·L̃/α) [Fatkhullin, Sokolov, Gorbunov, Li, Richtárik 2021, EF21-SGD; derived form, D]: computed here
 * from the derivation, not imported from src/algorithms/step-sizes.ts, so that a wrong constant there is seen
 * (theorems/ef21-sgdm/_lib/constants.spec.ts ties the two together).
 */
export function ef21SgdStepRule(p: Pick<Problem, 'L' | 'Li'>, alpha: number): number {
  return 1 / (p.L + (Math.sqrt(10) * lTildeOf(p.Li)) / alpha);
}

/** The noise constant of the one-step inequality: + C·γσ²/(α²τ) with C = 6 [derived form, D]. */
export const NOISE_CONSTANT = 6;

export const NODES: readonly number[] = [1, 10, 100];
/**
 * "Does not shrink like 1/n": the floor at n = 100 stays at least 4× above the 1/n extrapolation floor(10)/10.
 * The floor behaves like a + b/n; the three-point noise has a > 0 (measured ≈ 5× above the extrapolation at
 * n = 100), Gaussian noise on this instance has a ≈ 0 (≈ 1×, so the companion refutes it at z > 6).
 */
export const ABOVE_EXTRAPOLATION = 4;

/** What the adversary sees of this file's constants (seed 11), measured on a mutated copy at the quick budget. */
const MEASURED =
  "Adversary, exact expectation over finite noise (variance bound σ²/τ searched directly, τ = 1): m* recorded when the adversary was added (seed 11): 2.04 at quick and 1.59 at default (the power row above is this run's) (n = d = 1, the adversarial compressor, small α). Mutation √10 → 1 in the step rule, quick budget: caught (m* drops to 1.01 and the violation at m* climbed at m = 1 still violates).";

/**
 * EF21-SGD as the η = 1 member of the momentum family (theorems/ef21-sgdm/_lib/momentum-method.ts), for the
 * adversary: Φ − δ = (γ/α)(1/n)Σ‖g_i − ∇f_i(x)‖², N = 6σ²/α² (the variance bound σ²/τ is searched directly, so τ = 1).
 */
export const ef21SgdMethod: MomentumMethod<EF21State> = {
  label: 'EF21-SGD',
  secondMomentum: false,
  momentum: false,
  build: (gamma, _eta, compressor) => ef21({ gamma, compressor }),
  state: (input) => {
    const gi = input.gi.map((v) => Float64Array.from(v));
    return { t: 0, x: Float64Array.from(input.x), g: mean(gi), gi, bitsPerNode: 0, initBitsPerNode: 0 };
  },
  terms: (problem, alpha, gamma, _eta, s) => weightedTerms([[gamma / alpha, meanDistToLocalGrad(problem, s.gi, s.x)]]),
  stepSize: (p, alpha) => ef21SgdStepRule(p, alpha),
  noiseTerm: (alpha, _eta, sigma) => (NOISE_CONSTANT * sigma * sigma) / (alpha * alpha),
};

/**
 * Both sides over `samples` noise draws: lhs = E[f(x⁺) + (γ/α)(1/n)Σ‖g_i⁺ − ∇f_i(x⁺)‖²] (mean ± se),
 * rhs = f(x) + (γ/α)(1/n)Σ‖g_i − ∇f_i(x)‖² − (γ/2)‖∇f(x)‖² + 6γσ²/(α²τ); withNoiseTerm = false drops the last term
 * (the teeth).
 */
export function sgdOneStep(
  c: SgdCase,
  samples: number,
  k: Key,
  withNoiseTerm = true,
): { stats: MeanSe; bound: number; scale: number } {
  const alpha = contractiveAlpha(c.compressor);
  const coefficient = c.gamma / alpha;
  const extra = withNoiseTerm ? (NOISE_CONSTANT * c.gamma * c.sigma * c.sigma) / (alpha * alpha * c.tau) : 0;
  const next = nextLyapunovDraws(c, coefficient, samples, k);
  const sides = descentSides({
    instance: c.instance,
    gamma: c.gamma,
    coefficient,
    x: c.state.x,
    before: next.before,
    xNext: next.xNext,
    after: { value: 0, scale: next.afterScale },
    extra,
  });
  return { stats: meanSe(next.draws), bound: sides.rhs, scale: sides.scale };
}

/** A seeded case: instance, compressor, state, γ = γ_theory, σ = (1/10, 1 or 10)·(gradient scale at x), τ ∈ {1, 4}. */
export function seededSgdCase(k: Key, family: Family, pool: Pool, kind?: StateKind, sigmaRelative?: number): SgdCase {
  const [kInst, kC, kState, kKind, kSigma, kTau] = split(k, 6);
  const instance = seededInstance(kInst, family);
  const { problem } = instance;
  const compressor = seededCompressor(kC, pool, problem.dim);
  const state = seededState(kState, problem, kind ?? seededStateKind(kKind));
  let gsq = 0;
  for (let i = 0; i < problem.n; i++) for (const v of problem.gradI(i, state.x)) gsq += (v * v) / problem.n;
  const rel = sigmaRelative ?? [0.1, 1, 10][integerBelow(kSigma, 3)];
  const sigma = rel * Math.sqrt(gsq + 1e-300);
  const tau = [1, 4][integerBelow(kTau, 2)];
  return { instance, compressor, gamma: ef21SgdStepRule(problem, contractiveAlpha(compressor)), sigma, tau, state };
}

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const { trials } = budgetSizes(budget);
  const root = key(seed);
  const ctx = { ...claimContext(meta, seed, budget), claim: CLAIM };
  const instances = Math.ceil(trials / 20);
  const half = Math.ceil(instances / 2);
  const per = byBudget(budget, { quick: 200, default: 500, deep: 5_000 });
  const mc = (
    stream: number,
    count: number,
    family: Family,
    pool: Pool,
    withNoise = true,
    kind?: StateKind,
    rel?: number,
  ) =>
    seededTrials(root, stream, count, (k, t) =>
      sgdOneStep(seededSgdCase(k, family, pool, kind, rel), per, foldIn(foldIn(root, stream + 100), t), withNoise),
    );
  const sweep = neighbourhoodSweep(
    claimContext(meta, seed, budget),
    budget,
    root,
    NODES,
    ABOVE_EXTRAPOLATION,
    ef21SgdStepRule,
  );
  const result: TheoremResult = {
    verdicts: [
      worstByZ(
        { ...ctx, check: `indefinite quadratics, top-k / scaled sign, Monte Carlo (${per} draws per state)` },
        mc(1, instances, 'quadratic', 'deterministic'),
      ),
      worstByZ(
        {
          ...ctx,
          check: `logistic + nonconvex regulariser, top-k / scaled sign, Monte Carlo (${per} draws per state)`,
        },
        mc(2, half, 'logistic', 'deterministic'),
      ),
      worstByZ(
        {
          ...ctx,
          check: `indefinite quadratics, random C (exact over C given the noise), ${per} noise draws per state`,
        },
        mc(3, half, 'quadratic', 'random'),
      ),
      worstByZ(
        {
          ...ctx,
          check: 'teeth: noise term removed, states g_i = ∇f_i(x), σ = 10·(gradient scale)',
          claim: 'E Φ(x⁺, g⁺) ≤ Φ(x, g) − (γ/2)‖∇f(x)‖²',
          expectation: 'may-fail',
        },
        mc(4, half, 'quadratic', 'deterministic', false, 'gradient', 10),
      ),
      ...sweep.verdicts,
    ],
    tables: [sweep.table],
    figures: [sweep.figure],
    notes: [
      `One-step check: ${instances} quadratic and ${half} logistic states (and ${half} with random C), ${per} noise draws each; σ = (1/10, 1 or 10)·sqrt((1/n)Σ‖∇f_i(x)‖²), τ ∈ {1, 4}. Each verdict shows the state with the largest z-score; with z = 6 the family-wise false-alarm rate is below ${instances}·1e-9.`,
      sweep.note,
    ],
  };
  // At quick the narrower search of the other claims: the wider one is for thin Λ-coefficient violations, which this
  // Φ with one coefficient does not have, and quick is what the test suite runs.
  return withMomentumAdversary(
    result,
    ef21SgdMethod,
    meta,
    CLAIM,
    seed,
    budget,
    MEASURED,
    budget === 'quick' ? adversarySizes('quick') : momentumSizes(budget),
  );
}

export const theorem: Theorem = { meta, check, adversary: { space: () => momentumSpace(ef21SgdMethod) } };
