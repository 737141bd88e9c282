/**
 * EF21-SGDM-ideal: damping the noise by η before compressing it shrinks the noise floor of EF21-SGD-ideal by η².
 *
 * Setting: f = (1/n) Σ f_i, f L-smooth; stochastic gradients ∇f_i(x) + ξ_i with ξ_i independent across nodes, zero
 *   mean, E‖ξ_i‖² ≤ σ²; top-k (α = k/d), for which ‖C(u) − u‖² ≤ (1 − α)‖u‖² and ‖C(u)‖² ≤ ‖u‖². Generated: the
 *   three-point law of docs/theory.md §5.2 on the Theorem 1 instance (d = 2, f_i = (L/2)‖x‖², top-1) for n up to 50;
 *   random 2–3-point laws on random separable quadratics (indefinite allowed), n ≤ 3, d ≤ 4; two attaining laws.
 * Algorithm: EF21-SGDM-ideal, src/algorithms/ef21-sgdm-ideal.ts [Fatkhullin et al. 2023, §2; docs/theory.md §5.1]:
 *   x⁺ = x − γg,  g_i = ∇f_i(x) + C(η(ĝ_i(x) − ∇f_i(x))), g = mean g_i; η = 1 is EF21-SGD-ideal.
 * Claim [D, docs/theory.md §5.1, "Derived form"]: with e = g − ∇f(x) = (1/n) Σ_i C(ηξ_i),
 *   (i)  E‖e‖² ≤ U := η²σ²[(1 − α)(1 − 1/n) + 1/n], and, for identical laws with E‖ξ_i‖² = σ², E‖e‖² ≥ αη²σ²/n;
 *   (ii) one step: E f(x⁺) ≤ f(x) − (γ/2)‖∇f(x)‖² − (1/(2γ) − L/2)E‖x⁺ − x‖² + (γ/2)U  (descent lemma L1 + (i));
 *   (iii) for γ ≤ 1/L: (1/T) Σ_{t<T} E‖∇f(x^t)‖² ≤ 2(f(x⁰) − f_inf)/(γT) + U, a floor η²σ²[(1 − α)(1 − 1/n) + 1/n].
 *   The bias part (1 − α)(1 − 1/n) does not shrink with n; η² shrinks all of it.
 * Kind: upper-in-expectation, checked EXACTLY: every expectation is a sum over the noise outcomes, each stepped by
 *   the method's own init and step (_lib/ideal-error.ts); (iii) by the exact moment recursion on f = (L/2)‖x‖², which
 *   the simulator's Monte Carlo mean must match (two-sided, z = 6).
 * Reference: Fatkhullin, Tyurin, Richtárik (2023), "Momentum Provably Improves Error Feedback!", NeurIPS, §2
 *   (EF21-SGDM-ideal as a thought experiment, no theorem): the bounds and their constants are ours [D].
 * Teeth: for top-k, E‖e‖² scales as η² by homogeneity alone, so the check judges the constants in α and n: the
 *   lower bound is attained at every n (±(1,…,1)/√d), U only at n = 1 (±e₁). For n ≥ 2 U's bias coefficient
 *   (1 − α)(1 − 1/n) is not reached by these laws (about 5× below at n = 50), so a larger bias constant would pass:
 *   what is judged there is where the 1/n goes. Each mutation must fail on the three-point grid — the bias averaged
 *   by n too (U → (2 − α)η²σ²/n), the lower bound without its 1/n, the one-step inequality with the averaged bias,
 *   (iii) at γ = 1.5/L; η³ for η² in U and η for η² in the lower bound are sanity checks of the exponent only.
 */
import { norm2sq } from '../../src/linalg/vector.ts';
import { gradient, objective } from '../../src/problems/types.ts';
import { key } from '../../src/rng/key.ts';
import type { Sides } from '../../src/report/verdict.ts';
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
import { seededTrials } from '../_lib/seeded-trials.ts';
import { averagedGradNormSq } from './_lib/ideal-error.ts';
import { attainingCases, randomCase, threePointCase, type IdealCase } from './_lib/ideal-floor-instances.ts';
import { simulatorDeviation } from './_lib/ideal-floor-report.ts';
import { idealFloorResult, type BoundForm } from './_lib/ideal-floor-verdicts.ts';

export const meta: TheoremMeta = {
  id: 'ef21-sgdm-ideal-floor',
  title: 'EF21-SGDM-ideal: momentum shrinks the ideal method’s noise floor by η²',
  group: 'ef21-sgdm',
  paper: { authors: 'Fatkhullin, Tyurin, Richtárik', year: 2023 },
  theorem: 'EF21-SGDM-ideal (§2)',
  provenance: 'D',
  kind: 'upper-in-expectation',
  statement:
    'EF21-SGDM-ideal with top-k: αη²σ²/n ≤ E‖g − ∇f(x)‖² ≤ η²σ²[(1 − α)(1 − 1/n) + 1/n] (lower bound for identical laws), hence E f(x⁺) ≤ f(x) − (γ/2)‖∇f‖² − (1/(2γ) − L/2)E‖x⁺ − x‖² + (γ/2)η²σ²[(1 − α)(1 − 1/n) + 1/n] and, for γ ≤ 1/L, (1/T)Σ_{t<T} E‖∇f(x^t)‖² ≤ 2δ₀/(γT) + η²σ²[(1 − α)(1 − 1/n) + 1/n], exact expectations over finite noise laws (docs/theory.md §5.1)',
  file: theoremFile(import.meta.url),
};

/** The derived forms: η² in both bounds, 1/n on the upper bound's variance term only and on the lower bound. */
export const UPPER: BoundForm = { etaPower: 2, overN: false };
export const LOWER: BoundForm = { etaPower: 2, overN: true };

/**
 * U = η²σ²[(1 − α)(1 − 1/n) + 1/n] [D, docs/theory.md §5.1]; with `overN`, the mutation η²σ²(2 − α)/n.
 * @example
 * idealErrorUpper(0.5, 1, 1, 2);
 * // returns 0.75
 */
export function idealErrorUpper(alpha: number, eta: number, sigmaSq: number, n: number, form = UPPER): number {
  const bias = form.overN ? (1 - alpha) / n : (1 - alpha) * (1 - 1 / n);
  return eta ** form.etaPower * sigmaSq * (bias + 1 / n);
}

/** αη²σ²/n [D, docs/theory.md §5.1]; without `overN`, the mutation αη²σ². */
export function idealErrorLower(alpha: number, eta: number, sigmaSq: number, n: number, form = LOWER): number {
  return (alpha * eta ** form.etaPower * sigmaSq) / (form.overN ? n : 1);
}

/** (i), upper: E‖e‖² ≤ U. */
export function errorUpperSides(c: IdealCase, form = UPPER): Sides {
  const lhs = c.moments.errorSecond;
  const rhs = idealErrorUpper(c.alpha, c.eta, c.sigmaSq, c.n, form);
  return { lhs, rhs, scale: lhs + rhs };
}

/** (i), lower (identical laws): αη²σ²/n ≤ E‖e‖². */
export function errorLowerSides(c: IdealCase, form = LOWER): Sides {
  const lhs = idealErrorLower(c.alpha, c.eta, c.sigmaSq, c.n, form);
  const rhs = c.moments.errorSecond;
  return { lhs, rhs, scale: lhs + rhs };
}

/** (ii): E f(x⁺) against f(x) − (γ/2)‖∇f(x)‖² − (1/(2γ) − L/2)E‖x⁺ − x‖² + (γ/2)U. */
export function oneStepSides(c: IdealCase, form = UPPER): Sides {
  const { gamma } = c;
  const L = c.problem.L;
  const fx = objective(c.problem, c.x);
  const descent = (gamma / 2) * norm2sq(gradient(c.problem, c.x));
  const stepTerm = (1 / (2 * gamma) - L / 2) * c.moments.stepSecond;
  const noise = (gamma / 2) * idealErrorUpper(c.alpha, c.eta, c.sigmaSq, c.n, form);
  const lhs = c.moments.fNext;
  return {
    lhs,
    rhs: fx - descent - stepTerm + noise,
    scale: Math.abs(lhs) + Math.abs(fx) + descent + Math.abs(stepTerm) + noise,
  };
}

/**
 * (iii) on f = (L/2)‖x‖² (f_inf = 0), from x⁰ over T rounds: the exact (1/T)Σ_{t<T} E‖∇f(x^t)‖² (the moment
 * recursion with the case's E e and E‖e‖²) against 2δ₀/(γT) + U.
 */
export function stationarySides(c: IdealCase, L: number, gamma: number, x0: readonly number[], T: number): Sides {
  const lhs = averagedGradNormSq(L, gamma, x0, c.moments.errorMean, c.moments.errorSecond, T);
  const transient = (2 * (L / 2) * norm2sq(x0)) / (gamma * T);
  const floor = idealErrorUpper(c.alpha, c.eta, c.sigmaSq, c.n);
  return { lhs, rhs: transient + floor, scale: lhs + transient + floor };
}

const X0 = [0, -1];
const ETAS = [1, 0.3, 0.05];

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const root = key(seed);
  const ns = byBudget(budget, {
    quick: [1, 2, 3, 5, 10, 20, 50],
    default: [1, 2, 3, 5, 10, 20, 50, 100],
    deep: [1, 2, 3, 5, 10, 20, 50, 100],
  });
  // γ plays no part in the error moments: the grid is built at γ = 1.
  const grid = ns.flatMap((n) => ETAS.map((eta) => threePointCase(n, eta, 1, X0)));
  const randoms = seededTrials(root, 1, budgetSizes(budget).trials, randomCase);
  const threePointSteps = [1, 20].flatMap((n) =>
    [
      [0.3, -1],
      [2, 0.5],
    ].map((x) => threePointCase(n, 0.3, 0.5, x)),
  );
  // The simulator against the exact recursion: n = 10, η = 0.3, γL = 1/2, mean over t ∈ [T/2, T].
  const simCase = grid.find((c) => c.n === 10 && c.eta === 0.3) ?? grid[0];
  const sim = { runs: byBudget(budget, { quick: 200, default: 2_000, deep: 10_000 }), rounds: 40 };
  return idealFloorResult(
    claimContext(meta, seed, budget),
    {
      grid,
      ns,
      etas: ETAS,
      randoms,
      attaining: attainingCases(),
      steps: [...randoms, ...threePointSteps],
      x0: X0,
      T: byBudget(budget, { quick: 200, default: 2_000, deep: 10_000 }),
      sim: { ...sim, ...simulatorDeviation(simCase, 0.5, X0, sim.rounds, sim.runs, root) },
    },
    {
      upper: (c) => idealErrorUpper(c.alpha, c.eta, c.sigmaSq, c.n),
      lower: (c) => idealErrorLower(c.alpha, c.eta, c.sigmaSq, c.n),
      errorUpper: errorUpperSides,
      errorLower: errorLowerSides,
      oneStep: oneStepSides,
      stationary: stationarySides,
    },
  );
}

export const theorem: Theorem = { meta, check };
