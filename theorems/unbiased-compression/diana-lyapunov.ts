/**
 * DIANA's one-step Lyapunov inequality, derived form: E Ψ⁺ ≤ max{1 − γμ, 1 − α/2}·Ψ at γ = 1/(L + 6ωL_max/n).
 *
 * Setting: random dense quadratics f_i(x) = ½xᵀA_i x − b_iᵀx (src/problems/dense-quadratic.ts) with A_i ⪰ 0 of
 *   random rank and scale (f_i convex, L_i = ‖A_i‖₂, L_max = max_i L_i), Ā ≻ 0 (f μ-strongly convex, L = ‖Ā‖₂),
 *   n ∈ {1, 2, 3}, d ∈ {2, …, 5}; x* = Ā⁻¹b̄ by Jacobi (src/linalg/eigen.ts). States x, h_i arbitrary: x − x* and
 *   h_i − ∇f_i(x*) Gaussian at scales 10^{±2}, or h_i near ∇f_i(x) (small messages), or h_i = 0.
 * Algorithm: one DIANA round (src/algorithms/diana.ts, dianaUpdate: the method's own arithmetic) with independent
 *   scaled rand-k (k < d, ω = d/k − 1) and α = 1/(1 + ω); the master's h = (1/n)Σ_i h_i.
 * Claim: with σ² = (1/n)Σ_i‖h_i − ∇f_i(x*)‖², M = 4ω/(αn) and Ψ = ‖x − x*‖² + Mγ²σ²,
 *   γ ≤ 1/(L + 6ωL_max/n)  ⇒  E Ψ⁺ ≤ max{1 − γμ, 1 − α/2}·Ψ   (expectation over the nodes' independent subsets).
 * Kind: upper-in-expectation, with the expectation computed EXACTLY: every tuple of subsets (C(d, k)^n ≤ 1000
 *   outcomes) pushed through dianaUpdate, then averaged; checked pathwise over random instances and states
 *   (deterministic rule at rounding tolerance). The enumeration is also checked against the closed form of E Ψ⁺
 *   (_lib/closed-form-lyapunov.ts: independence and E‖C(u) − u‖² = ω‖u‖² for scaled rand-k).
 * Reference: Mishchenko, Gorbunov, Takáč, Richtárik (2019), arXiv 1901.09269, DIANA's strongly convex analysis —
 *   whose statement was not at hand: this is the derived form of docs/theory.md §A2.3 [D] (proof sketch there:
 *   independence, (1/n)Σ‖∇f_i(x) − ∇f_i(x*)‖² ≤ 2L_max D_f, α(1 + ω) ≤ 1, strong convexity), not the paper's
 *   constants. α = 1/(1 + ω) is the published codes' [P code]. docs/unbiased-compression.md.
 * Teeth: the same inequality at 4γ (Ψ and ρ recomputed at 4γ) must be violated on some instance (docs/theory.md
 *   §A2.3 measured 921/2000 there); observed beside it, not judged: shared randomness at 1× and FedNL-Public's step
 *   with L = L(f) (§A2.2), neither covered by the derivation. The adversary (_lib/diana-space.ts: A_i = B_iB_iᵀ,
 *   x − x*, h_i − ∇f_i(x*) free on the same shapes, E Ψ⁺ in closed form) must hold at γ (its worst ratio tends to 1
 *   only as μ → 0) and finds m* ∈ (1.056, 1.067], around 7(9 − √17)/32 ≈ 1.0668, exact for n = 1, A = LI, rand-1 of 2.
 */
import { dianaAlpha, dianaFedNlStep } from '../../src/algorithms/diana-parameters.ts';
import type { Problem } from '../../src/problems/types.ts';
import { foldIn, key, type Key } from '../../src/rng/key.ts';
import { verdictOverTrials, type Expectation, type Trial } from '../../src/report/verdict.ts';
import { budgetSizes, theoremFile, type Budget, type Theorem, type TheoremMeta, type TheoremResult } from '../types.ts';
import { claimContext } from '../_lib/claim-context.ts';
import { adversaryCheck, adversaryNote } from '../_lib/power.ts';
import { closedFormExpectedLyapunov, closedFormVerdict } from './_lib/closed-form-lyapunov.ts';
import { dianaSpace } from './_lib/diana-space.ts';
import { UNBIASED_COMPRESSION_GROUP } from './_lib/group.ts';
import { lyapunovInstanceJson, randomInstance, randomState } from './_lib/lyapunov-instance.ts';
import { lyapunovNotes, outsideDerivation, violationsTable, type OneStep } from './_lib/lyapunov-report.ts';
import { lyapunovSides, type Constants } from './_lib/lyapunov-sides.ts';

export const meta: TheoremMeta = {
  id: 'diana-lyapunov',
  title:
    'DIANA’s one-step Lyapunov inequality E Ψ⁺ ≤ max{1 − γμ, 1 − α/2}Ψ at γ = 1/(L + 6ωL_max/n), exact over rand-k',
  group: UNBIASED_COMPRESSION_GROUP,
  paper: { authors: 'Mishchenko, Gorbunov, Takáč, Richtárik', year: 2019 },
  theorem: 'DIANA strongly convex (derived one-step form)',
  provenance: 'D',
  kind: 'upper-in-expectation',
  statement:
    'f_i convex and L_i-smooth, f L-smooth and μ-strongly convex, independent scaled rand-k C_i ∈ U(ω), α = 1/(1 + ω), γ = 1/(L + 6ωL_max/n): from every state, E Ψ⁺ ≤ max{1 − γμ, 1 − α/2}·Ψ with Ψ = ‖x − x*‖² + (4ω/(αn))γ²(1/n)Σ_i‖h_i − ∇f_i(x*)‖², the expectation computed exactly by enumerating the subsets (docs/theory.md §A2.3; docs/unbiased-compression.md)',
  file: theoremFile(import.meta.url),
};

/** The constants of the claim at step multiplier m: γ = m/(L + 6ωL_max/n), M = 4ω/(αn), ρ = max{1 − γμ, 1 − α/2}. */
export function lyapunovConstants(p: Pick<Problem, 'L' | 'Li' | 'n' | 'mu'>, omega: number, multiplier = 1): Constants {
  const Lmax = Math.max(...p.Li);
  const alpha = dianaAlpha(omega);
  const gamma = multiplier / (p.L + (6 * omega * Lmax) / p.n);
  const M = (4 * omega) / (alpha * p.n);
  return { gamma, alpha, M, rho: Math.max(1 - gamma * (p.mu as number), 1 - alpha / 2) };
}

/** The teeth's step multiplier. */
export const TEETH_MULTIPLIER = 4;

/** Every check's tolerance, rounding (the expectations are exact): rtol of Σ|summands| over ≤ 1000 outcomes. */
const RTOL = 1e-11;

/**
 * One seeded (instance, state) and both sides of every check on it: the claim at the derived step, the enumeration
 * against the closed form, the teeth at TEETH_MULTIPLIER·γ, and the two steps the derivation does not cover.
 */
export function oneStepTrials(k: Key): OneStep {
  const inst = randomInstance(foldIn(k, 1));
  const state = randomState(inst, foldIn(k, 2));
  const { problem } = inst;
  const omega = problem.dim / inst.k - 1;
  const instance = lyapunovInstanceJson(inst, state);
  const c1 = lyapunovConstants(problem, omega);
  const s1 = lyapunovSides(inst, state, c1);
  const cf = closedFormExpectedLyapunov(inst, state, c1);
  // FedNL-Public's step with L = L(f) (docs/theory.md §A2.2), at the same M and ρ built from it.
  const mu = problem.mu as number;
  const fed = dianaFedNlStep({ L: problem.L, Lmax: Math.max(...problem.Li), mu, omega, n: problem.n });
  const cFed = { ...c1, gamma: fed, rho: Math.max(1 - fed * mu, 1 - c1.alpha / 2) };
  return {
    holds: { ...s1, instance },
    closed: { lhs: s1.lhs, rhs: cf, scale: Math.abs(s1.lhs) + Math.abs(cf), instance },
    teeth: { ...lyapunovSides(inst, state, lyapunovConstants(problem, omega, TEETH_MULTIPLIER)), instance },
    shared: { ...lyapunovSides(inst, state, c1, 'shared'), instance },
    fedNl: { ...lyapunovSides(inst, state, cFed), instance },
  };
}

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const { trials } = budgetSizes(budget);
  const ctx = claimContext(meta, seed, budget);
  const all = Array.from({ length: trials }, (_, t) => oneStepTrials(foldIn(key(seed), t)));
  const of = (kind: keyof OneStep): Trial[] => all.map((x) => x[kind]);
  const claim = 'E Ψ⁺ ≤ max{1 − γμ, 1 − α/2}·Ψ';
  const judge = (check: string, c: string, kind: keyof OneStep, expectation: Expectation = 'holds') =>
    verdictOverTrials({ ...ctx, check, claim: c, expectation }, 'deterministic', of(kind), { rtol: RTOL });
  // The adversary draws from a stream no trial index reaches.
  const adv = adversaryCheck(
    { ...ctx, claim, check: 'E Ψ⁺ ≤ ρΨ, adversarial search' },
    dianaSpace(lyapunovConstants),
    foldIn(key(seed), 0xffffffff),
    budget,
  );
  return {
    verdicts: [
      judge(`exact expectation over the subsets, random instances and states (${trials})`, claim, 'holds'),
      closedFormVerdict(ctx, of('closed'), RTOL),
      judge(
        `teeth: the same inequality at ${TEETH_MULTIPLIER}γ`,
        `${claim} at γ = ${TEETH_MULTIPLIER}/(L + 6ωL_max/n)`,
        'teeth',
        'may-fail',
      ),
      ...outsideDerivation(ctx, all, claim, RTOL),
      ...adv.verdicts,
    ],
    tables: [violationsTable(all, TEETH_MULTIPLIER, RTOL)],
    power: [adv.power],
    notes: [...lyapunovNotes(), adversaryNote(adv.power, 'γ = 1/(L + 6ωL_max/n)')],
  };
}

export const theorem: Theorem = { meta, check, adversary: { space: () => dianaSpace(lyapunovConstants) } };
