/**
 * Without bounded gradients: the quantity EF14-SGD's bound rests on grows with the heterogeneity, EF21-SGDM's
 * guarantee does not see it.
 *
 * Setting: f_i(x) = ½‖x − s·u_i‖², u_i = e_i − (1/4)·1, n = d = 4 (_lib/spread-instance.ts): f = ½‖x‖² + const for
 *   every spread s, L = L_i = L̃ = 1, heterogeneity ζ² = (1/n)Σ‖∇f_i(x*)‖² = (3/4)s². Gaussian noise E‖ξ_i‖² = σ² = 1,
 *   top-1 (α = 1/4), x⁰ ~ N(0, I) per run. BG (E‖∇f_i(x, ξ)‖² ≤ G²) fails: gradients are unbounded in x, and
 *   (1/n)Σ_i E‖ĝ_i(x)‖² = ‖x‖² + ζ² + σ² at every x, so on any trajectory G² ≥ (3/4)s² + σ².
 * Algorithm: EF14-SGD (src/algorithms/ef14.ts: p_i = ĝ_i(x) + e_i, sends C(p_i), keeps e_i⁺ = p_i − C(p_i)) and
 *   EF21-SGDM (src/algorithms/ef21-sgdm.ts, η = 0.1), same compressor and the same keys at every spread.
 * Claim [D]: (a) the BG constant along EF14-SGD's trajectory grows: E[(1/n)Σ_i‖ĝ_i(x^t)‖²] ≥ (3/4)s² + σ²;
 *   (b) it is what EF14's memory is bounded by: ‖e_i^t‖ ≤ ξ(α)·max_{r≤t}‖ĝ_i(x^r)‖, ξ(α) = √(1−α)/(1 − √(1−α)),
 *   pathwise (‖e⁺‖ ≤ √(1−α)(‖ĝ‖ + ‖e‖) for top-k); (c) EF21-SGDM does not see s at all: it compresses only
 *   differences v_i⁺ − g_i, in which b_i cancels, so its iterates are the same at every s (same keys), and its
 *   derived guarantee (docs/theory.md §5.3), at γ = min{α/(10L̃), η/(3L)},
 *   (1/T)Σ_{t<T} E‖∇f(x^t)‖² ≤ 2EΛ₀/(γT) + 4η²σ²/α + 16η³σ²/α² + 2ησ²/n, EΛ₀ = d/2 + (8γη/α²)σ² + (γ/η)σ²/n,
 *   holds at every s.
 * Kind: experiment. Judged: (c)'s identity across spreads (up to rounding) and the teeth below. Observed, because
 *   they could not see a 2× error: (a), an identity of the instance whatever the method; (b), whose ξ(α) is far from
 *   attained (worst ratio ≈ 2 of 6.46); (c)'s bound, with several-fold room (thm2-ef21-sgdm-lyapunov judges its
 *   constants). Also measured, not judged:
 *   who reaches the smaller error at a fixed sample budget, each method's learning rate tuned on one grid
 *   (_lib/fixed-budget-runs.ts), paired over evaluation streams — reported as observed with its interval.
 * Reference: Fatkhullin, Tyurin, Richtárik (2023), "Momentum Provably Improves Error Feedback!", NeurIPS, the
 *   complexity table (docs/theory.md §5.5 [P poster]: EF14-SGD needs BG, EF21-SGDM nothing extra); Theorem 2 in
 *   its derived form (§5.3 [D]); EF14's memory bound and the instance are ours [D].
 * Teeth: (a) a spread-free BG constant, the largest ‖ĝ_i‖² seen at the smallest spread, must be exceeded at the
 *   largest; (b) √(1−α), one step's residual, for ξ(α) must fail — the memory accumulates; (c) EF14-SGD is not
 *   spread-free: its iterates must move with s, and at the same γ it must break EF21-SGDM's bound at the largest s.
 */
import { topK } from '../../src/compressors/top-k.ts';
import { key } from '../../src/rng/key.ts';
import type { Sides } from '../../src/report/verdict.ts';
import { byBudget, theoremFile, type Budget, type Theorem, type TheoremMeta, type TheoremResult } from '../types.ts';
import { sgdmCoefficients, sgdmNoiseTerm, sgdmStepRule } from '../ef21-sgdm/thm2-ef21-sgdm-lyapunov.ts';
import { claimContext } from '../_lib/claim-context.ts';
import { runSpreads, type SpreadSizes } from './_lib/spread-arms.ts';
import { SPREAD_SETTING, heterogeneity, memoryFactor, spreadProblem } from './_lib/spread-instance.ts';
import { spreadResult } from './_lib/spread-verdicts.ts';
import { HYPERPARAMETERS } from './_lib/table-methods.ts';

export const meta: TheoremMeta = {
  id: 'ef14-without-bounded-gradients',
  title: 'Without bounded gradients: EF14-SGD’s G² grows with the heterogeneity, EF21-SGDM does not see it',
  group: 'momentum-table',
  paper: { authors: 'Fatkhullin, Tyurin, Richtárik', year: 2023 },
  theorem: 'Complexity table (extra-assumption column)',
  provenance: 'D',
  kind: 'experiment',
  statement:
    'On f_i = ½‖x − s·u_i‖² (n = d = 4, top-1, σ = 1), which violates bounded gradients (E[(1/n)Σ‖ĝ_i‖²] ≥ (3/4)s² + σ², observed): EF21-SGDM’s iterates do not depend on s, while EF14-SGD’s move with s, its memory accumulates beyond one step’s residual √(1−α)·max‖ĝ_i‖, and at the same γ it breaks EF21-SGDM’s derived Theorem 2 bound at the largest s. The memory bound ξ(α)·max‖ĝ_i‖, that Theorem 2 bound and the fixed-budget comparison at tuned steps are observed (docs/theory.md §5.5, §5.3; docs/momentum-table.md)',
  file: theoremFile(import.meta.url),
};

/** Spreads, runs and rounds of the derived checks; budget, grid and streams of the measured comparison. */
export const SIZES: Readonly<Record<Budget, SpreadSizes>> = {
  quick: {
    spreads: [1, 100],
    runs: 40,
    rounds: 400,
    samples: 512,
    gridExponents: [-8, -1],
    tuningStreams: 2,
    evaluationStreams: 24,
  },
  default: {
    spreads: [1, 10, 100, 1000],
    runs: 100,
    rounds: 1000,
    samples: 2048,
    gridExponents: [-10, -1],
    tuningStreams: 2,
    evaluationStreams: 48,
  },
  deep: {
    spreads: [1, 10, 100, 1000],
    runs: 800,
    rounds: 8000,
    samples: 8192,
    gridExponents: [-12, -1],
    tuningStreams: 4,
    evaluationStreams: 96,
  },
};

/** EF21-SGDM's momentum η = 0.1, the complexity-table claim's (_lib/table-methods.ts builds the runs with it). */
export const ETA = HYPERPARAMETERS.momentum;

/** (a): the BG constant any trajectory needs, ζ² + σ² = (3/4)s² + σ² [D]. */
export function bgLowerBound(s: number, sigma: number = SPREAD_SETTING.sigma): number {
  return heterogeneity(s) + sigma * sigma;
}

/** (b): ‖e‖ ≤ factor·max‖ĝ‖ with factor ξ(α) [D], or √(1−α) for the teeth. */
export function memorySides(norm: number, drawn: number, factor: number): Sides {
  return { lhs: norm, rhs: factor * drawn, scale: norm + factor * drawn };
}

/**
 * (c): 2EΛ₀/(γT) + 2N at γ = min{α/(10L̃), η/(3L)} with Λ's coefficients and N from the derived Theorem 2
 * (thm2-ef21-sgdm-lyapunov.ts), v_i⁰ = g_i⁰ = ĝ_i(x⁰): G₀ = 0, E P₀ = σ², E M₀ = σ²/n, E δ₀ = E½‖x⁰‖² = d/2.
 */
export function sgdmAveragedBound(T: number): { gamma: number; bound: number } {
  const { dim, k, nodes, sigma, startScale } = SPREAD_SETTING;
  const alpha = k / dim;
  const gamma = sgdmStepRule(spreadProblem(1), alpha, ETA);
  const c = sgdmCoefficients(alpha, gamma, ETA);
  const lambda0 = (dim * startScale ** 2) / 2 + c.P * sigma ** 2 + (c.M * sigma ** 2) / nodes;
  return { gamma, bound: (2 * lambda0) / (gamma * T) + 2 * sgdmNoiseTerm(alpha, ETA, sigma, nodes) };
}

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const sizes = byBudget(budget, SIZES);
  const { dim, k } = SPREAD_SETTING;
  const alpha = k / dim;
  const { gamma, bound } = sgdmAveragedBound(sizes.rounds);
  return spreadResult(claimContext(meta, seed, budget), sizes, runSpreads(sizes, topK(dim, k), gamma, key(seed)), {
    gamma,
    eta: ETA,
    bound,
    bgLowerBound,
    memorySides,
    memoryFactor: memoryFactor(alpha),
    residual: Math.sqrt(1 - alpha),
  });
}

export const theorem: Theorem = { meta, check };
