/**
 * DIANA converges linearly and its shifts learn h_i → ∇f_i(x*), where naive compressed GD stalls at a floor.
 *
 * Setting: seeded strongly convex quadratics with κ = 10 exactly (_lib/conditioned-instance.ts): n = 4 nodes,
 *   d = 8, f_i(x) = ½Σ_j λ_j x_j² − b_iᵀx with λ_j ∈ [1/κ, 1] log-spaced (L_i = L = 1, μ = 1/κ) and heterogeneous
 *   b_i, so every ∇f_i(x*) = b̄ − b_i ≠ 0; ζ² = (1/n)Σ_i‖∇f_i(x*)‖². x⁰ standard normal, h_i⁰ = 0. Exact gradients.
 * Algorithm: DIANA (src/algorithms/diana.ts) with independent scaled rand-k (k = 2, ω = d/k − 1 = 3) at the derived
 *   rule of src/algorithms/diana-parameters.ts: α = 1/(1 + ω), γ = 1/(L + 6ωL_max/n), M = 4ω/(αn),
 *   Ψ = ‖x − x*‖² + Mγ²σ², σ² = (1/n)Σ_i‖h_i − ∇f_i(x*)‖², ρ = max{1 − γμ, 1 − α/2}. Against it, naive compressed
 *   GD (src/algorithms/compressed-gd.ts) at the same γ and compressor.
 * Claim: (i) E Ψ^t ≤ ρ^t Ψ⁰ for every t ≤ T (the one-step inequality of docs/theory.md §A2.3 iterated by the tower
 *   rule): linear convergence of x^t AND of the shifts, E σ_t² ≤ ρ^tΨ⁰/(Mγ²); (ii) compressed GD stalls: for every
 *   t ≥ 1, E‖x^t − x*‖² ≥ γ²(ω/n)ζ² [D: the conditional variance of its step, E‖(1/n)Σ_i C_i(g_i) − ḡ‖²
 *   = (ω/n²)Σ_i‖g_i‖² for independent scaled rand-k, and (1/n)Σ_i‖∇f_i(x)‖² ≥ (1/n)Σ_i‖∇f_i(x) − ∇f(x)‖² = ζ² for
 *   every x on these instances]; (iii) the simulators (diana.ts, compressed-gd.ts) have exactly these laws.
 * Kind: upper-in-expectation, computed EXACTLY: on quadratics both methods are linear recursions driven by rand-k,
 *   whose second moments propagate in closed form (_lib/second-moment.ts: E[C(u)C(u)ᵀ] = Q ⊙ uuᵀ), so E Ψ^t and
 *   E‖x^t − x*‖² are computed to rounding for every t, nothing sampled; (iii) is Monte Carlo, two-sided at z = 6.
 * Reference: Mishchenko, Gorbunov, Takáč, Richtárik (2019), "Distributed learning with compressed gradient
 *   differences", arXiv 1901.09269 (DIANA's linear convergence to x* with unbiased compression); the constants are
 *   the derived form of docs/theory.md §A2.3 [D], not the paper's (not at hand); α = 1/(1 + ω) is the published
 *   codes' [P code]. docs/unbiased-compression.md.
 * Teeth: (a) compressed GD's exact E‖x^T − x*‖² must violate DIANA's bound ρ^TΨ⁰ (it sits above the floor of (ii),
 *   orders of magnitude above ρ^TΨ⁰); (b) the Monte Carlo comparison must resolve a transcription error: the
 *   simulator's shifts are told apart from the exact law with the shift step halved (α/2). (Shared randomness is
 *   shown in the table but is no teeth: on some instances its E σ_t² at t = 60 is within a few se of independence.)
 */
import { dianaParameters, type DianaParameters } from '../../src/algorithms/diana-parameters.ts';
import { foldIn, key } from '../../src/rng/key.ts';
import { verdictOverTrials, type Expectation, type Trial } from '../../src/report/verdict.ts';
import { byBudget, theoremFile, type Budget, type Theorem, type TheoremMeta, type TheoremResult } from '../types.ts';
import { claimContext } from '../_lib/claim-context.ts';
import { conditionedInstance, type ConditionedInstance } from './_lib/conditioned-instance.ts';
import { convergenceFigure, convergenceNotes, exactTable } from './_lib/diana-convergence-report.ts';
import { compressedGdExactCurve, dianaExactCurves, type ExactRun } from './_lib/diana-exact-curves.ts';
import { simulatorLaw, simulatorTable, simulatorVerdicts } from './_lib/diana-simulator-law.ts';
import { UNBIASED_COMPRESSION_GROUP } from './_lib/group.ts';

export const meta: TheoremMeta = {
  id: 'diana-linear-convergence',
  title: 'DIANA converges linearly and its shifts learn ∇f_i(x*); naive compressed GD stalls at γ²(ω/n)ζ²',
  group: UNBIASED_COMPRESSION_GROUP,
  paper: { authors: 'Mishchenko, Gorbunov, Takáč, Richtárik', year: 2019 },
  theorem: 'DIANA linear convergence',
  provenance: 'D',
  kind: 'upper-in-expectation',
  statement:
    'Strongly convex heterogeneous quadratics (κ = 10, n = 4, d = 8), independent scaled rand-k (ω = 3), α = 1/(1 + ω), γ = 1/(L + 6ωL_max/n): exactly in expectation, E Ψ^t ≤ ρ^tΨ⁰ for all t ≤ T with Ψ = ‖x − x*‖² + (4ω/(αn))γ²(1/n)Σ‖h_i − ∇f_i(x*)‖², ρ = max{1 − γμ, 1 − α/2}; naive compressed GD at the same γ has E‖x^t − x*‖² ≥ γ²(ω/n)(1/n)Σ‖∇f_i(x*)‖² for all t ≥ 1 (docs/theory.md §A2.3; docs/unbiased-compression.md)',
  file: theoremFile(import.meta.url),
};

export const SETTING = { n: 4, d: 8, k: 2, kappa: 10 } as const;

/** Instances (exact curves), rounds T of the exact curves, Monte Carlo runs and their length. */
const SIZES: Readonly<Record<Budget, { instances: number; rounds: number; runs: number; mcRounds: number }>> = {
  quick: { instances: 2, rounds: 800, runs: 400, mcRounds: 60 },
  default: { instances: 8, rounds: 800, runs: 2000, mcRounds: 60 },
  deep: { instances: 32, rounds: 1200, runs: 20000, mcRounds: 60 },
};

export const OMEGA = SETTING.d / SETTING.k - 1;

/** The derived rule for an instance (L_max = max_i L_i). */
export function parametersFor(inst: ConditionedInstance): DianaParameters {
  const Lmax = Math.max(...inst.problem.Li);
  return dianaParameters({ L: inst.L, Lmax, mu: inst.mu, omega: OMEGA, n: inst.problem.n });
}

/** The compressed-GD floor γ²(ω/n)ζ² [D] (header, claim (ii)). */
export function compressedGdFloor(inst: ConditionedInstance, gamma: number): number {
  return ((gamma * gamma * OMEGA) / inst.problem.n) * inst.zetaSq;
}

export function instanceFor(seed: number, r: number): ConditionedInstance {
  return conditionedInstance(foldIn(foldIn(key(seed), 1), r), SETTING);
}

/** The exact curves of an instance for t = 0…T at the derived rule, with Ψ⁰ = ‖x⁰ − x*‖² + Mγ²σ_0². */
export function exactRun(inst: ConditionedInstance, T: number): ExactRun {
  const par = parametersFor(inst);
  const { e2, sigma2 } = dianaExactCurves(inst, SETTING.k, par, T);
  const weight = par.M * par.gamma * par.gamma;
  const cgd = compressedGdExactCurve(inst, SETTING.k, par.gamma, T);
  const floor = compressedGdFloor(inst, par.gamma);
  return { inst, par, e2, sigma2, cgd, weight, psi0: e2[0] + weight * sigma2[0], floor };
}

type ExactSides = Record<'lyapunov' | 'shifts' | 'floor', Trial[]> & { cgdAgainstBound: Trial };

/**
 * Both sides of (i) E Ψ^t ≤ ρ^tΨ⁰, of its shifts part E σ_t² ≤ ρ^tΨ⁰/(Mγ²) and of (ii) γ²(ω/n)ζ² ≤ E‖x^t − x*‖²
 * (compressed GD) for 1 ≤ t ≤ T (at t = 0 both sides of (i) are Ψ⁰); and the teeth, compressed GD against ρ^TΨ⁰.
 */
export function exactSides(x: ExactRun, r: number, T: number): ExactSides {
  const side = (lhs: number, rhs: number, t: number) => ({ lhs, rhs, scale: lhs + rhs, instance: { instance: r, t } });
  const bound = (t: number): number => x.par.rho ** t * x.psi0;
  const ts = Array.from({ length: T }, (_, i) => i + 1);
  return {
    lyapunov: ts.map((t) => side(x.e2[t] + x.weight * x.sigma2[t], bound(t), t)),
    shifts: ts.map((t) => side(x.sigma2[t], bound(t) / x.weight, t)),
    floor: ts.map((t) => side(x.floor, x.cgd[t], t)),
    cgdAgainstBound: side(x.cgd[T], bound(T), T),
  };
}

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const { instances, rounds: T, runs, mcRounds } = byBudget(budget, SIZES);
  const ctx = claimContext(meta, seed, budget);
  const exact = Array.from({ length: instances }, (_, r) => exactRun(instanceFor(seed, r), T));
  const sides = exact.map((x, r) => exactSides(x, r, T));
  const exactCheck = (check: string, claim: string, trials: Trial[], expectation: Expectation = 'holds') =>
    verdictOverTrials({ ...ctx, check, claim, expectation }, 'deterministic', trials);
  // (iii) The simulators against the exact law, on instance 0 at round mcRounds.
  const keys = { dianaKey: foldIn(key(seed), 3), cgdKey: foldIn(key(seed), 4) };
  const law = simulatorLaw(exact[0].inst, SETTING.k, exact[0].par, { runs, rounds: mcRounds, ...keys });
  const simulators = simulatorVerdicts(ctx, law);
  return {
    verdicts: [
      exactCheck(
        `exact E Ψ^t against ρ^tΨ⁰, every 1 ≤ t ≤ ${T} on ${instances} instances`,
        'E Ψ^t ≤ ρ^t Ψ⁰ (DIANA, derived rule)',
        sides.flatMap((s) => s.lyapunov),
      ),
      exactCheck(
        `the shifts: exact E σ_t² against ρ^tΨ⁰/(Mγ²), every 1 ≤ t ≤ ${T}`,
        'E (1/n)Σ‖h_i^t − ∇f_i(x*)‖² ≤ ρ^tΨ⁰/(Mγ²)',
        sides.flatMap((s) => s.shifts),
      ),
      exactCheck(
        `naive compressed GD stalls: exact E‖x^t − x*‖² above its floor, every 1 ≤ t ≤ ${T}`,
        'γ²(ω/n)ζ² ≤ E‖x^t − x*‖² (compressed GD, same γ)',
        sides.flatMap((s) => s.floor),
      ),
      ...simulators.verdicts,
      exactCheck(
        `teeth: naive compressed GD against DIANA's bound at t = ${T}`,
        'E‖x^T − x*‖² ≤ ρ^TΨ⁰ (compressed GD)',
        sides.map((s) => s.cgdAgainstBound),
        'may-fail',
      ),
      simulators.teeth,
    ],
    tables: [exactTable(exact, T), simulatorTable(law)],
    figures: [convergenceFigure(exact[0], T)],
    notes: convergenceNotes(SETTING, OMEGA),
  };
}

export const theorem: Theorem = { meta, check };
