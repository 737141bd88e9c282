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
import type { Problem } from '../../src/problems/types.ts';
import { foldIn, key, type Key } from '../../src/rng/key.ts';
import { meanSe } from '../../src/stats/mean-se.ts';
import { byBudget, budgetSizes, theoremFile } from '../types.ts';
import type { Budget, Theorem, TheoremMeta, TheoremResult } from '../types.ts';
import { claimContext } from '../_lib/claim-context.ts';
import { seededTrials } from '../_lib/seeded-trials.ts';
import { worstByZ, type BoundSample } from '../_lib/worst-by-z.ts';
import { lTildeOf } from '../ef21-sgdm/_lib/l-tilde.ts';
import { withMomentumAdversary } from '../ef21-sgdm/_lib/momentum-adversary.ts';
import { momentumSpace } from '../ef21-sgdm/_lib/momentum-space.ts';
import { EF21_SGD_ADVERSARY_RECORD, ef21SgdAdversarySizes, ef21SgdMomentumMethod } from './_lib/ef21-sgd-adversary.ts';
import { contractiveAlpha } from './_lib/ef21-step.ts';
import { descentSides } from './_lib/lyapunov.ts';
import { neighbourhoodSweep } from './_lib/neighbourhood-sweep.ts';
import { nextLyapunovDraws, sgdCaseSeeder, type SgdCase } from './_lib/sgd-case.ts';
import type { Family, Pool } from './_lib/seeded-trial.ts';

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

/** EF21-SGD as the η = 1 member of the momentum family, for the adversary (_lib/ef21-sgd-adversary.ts). */
export const ef21SgdMethod = ef21SgdMomentumMethod(ef21SgdStepRule, NOISE_CONSTANT);

/**
 * Both sides over `samples` noise draws: lhs = E[f(x⁺) + (γ/α)(1/n)Σ‖g_i⁺ − ∇f_i(x⁺)‖²] (mean ± se),
 * rhs = f(x) + (γ/α)(1/n)Σ‖g_i − ∇f_i(x)‖² − (γ/2)‖∇f(x)‖² + 6γσ²/(α²τ); withNoiseTerm = false drops the last term
 * (the teeth).
 */
export function sgdOneStep(c: SgdCase, samples: number, k: Key, withNoiseTerm = true): BoundSample {
  const { instance, gamma, sigma, tau, state } = c;
  const alpha = contractiveAlpha(c.compressor);
  const coefficient = gamma / alpha;
  const extra = withNoiseTerm ? (NOISE_CONSTANT * gamma * sigma * sigma) / (alpha * alpha * tau) : 0;
  const { draws, before, xNext, afterScale } = nextLyapunovDraws(c, coefficient, samples, k);
  const after = { value: 0, scale: afterScale };
  const sides = descentSides({ instance, gamma, coefficient, x: state.x, before, xNext, after, extra });
  return { stats: meanSe(draws), bound: sides.rhs, scale: sides.scale };
}

/** A seeded case: instance, compressor, state, γ = γ_theory, σ = (1/10, 1 or 10)·(gradient scale at x), τ ∈ {1, 4}. */
export const seededSgdCase = sgdCaseSeeder(ef21SgdStepRule);

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const { trials } = budgetSizes(budget);
  const root = key(seed);
  const base = claimContext(meta, seed, budget);
  const ctx = { ...base, claim: CLAIM };
  const instances = Math.ceil(trials / 20);
  const half = Math.ceil(instances / 2);
  const per = byBudget(budget, { quick: 200, default: 500, deep: 5_000 });
  // Monte Carlo over the noise, `per` draws per state; the teeth drop the noise term at g_i = ∇f_i(x), σ = 10·scale.
  const mc = (stream: number, count: number, family: Family, pool: Pool, teeth = false) =>
    seededTrials(root, stream, count, (k, t) => {
      const c = teeth ? seededSgdCase(k, family, pool, 'gradient', 10) : seededSgdCase(k, family, pool);
      return sgdOneStep(c, per, foldIn(foldIn(root, stream + 100), t), !teeth);
    });
  const draws = `Monte Carlo (${per} draws per state)`;
  const oneStep = (check: string, results: BoundSample[]) => worstByZ({ ...ctx, check }, results);
  const sweep = neighbourhoodSweep(base, budget, root, NODES, ABOVE_EXTRAPOLATION, ef21SgdStepRule);
  const result: TheoremResult = {
    verdicts: [
      oneStep(`indefinite quadratics, top-k / scaled sign, ${draws}`, mc(1, instances, 'quadratic', 'deterministic')),
      oneStep(
        `logistic + nonconvex regulariser, top-k / scaled sign, ${draws}`,
        mc(2, half, 'logistic', 'deterministic'),
      ),
      oneStep(
        `indefinite quadratics, random C (exact over C given the noise), ${per} noise draws per state`,
        mc(3, half, 'quadratic', 'random'),
      ),
      worstByZ(
        {
          ...ctx,
          check: 'teeth: noise term removed, states g_i = ∇f_i(x), σ = 10·(gradient scale)',
          claim: 'E Φ(x⁺, g⁺) ≤ Φ(x, g) − (γ/2)‖∇f(x)‖²',
          expectation: 'may-fail',
        },
        mc(4, half, 'quadratic', 'deterministic', true),
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
  const sizes = ef21SgdAdversarySizes(budget);
  return withMomentumAdversary(result, ef21SgdMethod, meta, CLAIM, seed, budget, EF21_SGD_ADVERSARY_RECORD, sizes);
}

export const theorem: Theorem = { meta, check, adversary: { space: () => momentumSpace(ef21SgdMethod) } };
