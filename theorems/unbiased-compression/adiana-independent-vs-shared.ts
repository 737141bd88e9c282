/**
 * ADIANA with independent compressors needs fewer rounds as n grows; with shared randomness the n nodes act as one
 * and the 1/√n factor is lost.
 *
 * Setting: seeded strongly convex quadratics with κ = 100 exactly (_lib/conditioned-instance.ts with commonMean):
 *   d = 8, f_i(x) = ½Σ_j λ_j x_j² − b_iᵀx, λ_j ∈ [1/κ, 1] on every node (L_i = L = 1, μ = 1/κ), b_i = b̄ + ξ_i − ξ̄, so
 *   every n ∈ {1, 2, 4, 8, 16} splits the SAME f (same x*, same x⁰) among n heterogeneous nodes. Scaled rand-1
 *   (ω = d − 1 = 7). Exact gradients; h_i⁰ = 0.
 * Algorithm: ADIANA (src/algorithms/adiana.ts; Li et al. 2020, Alg. 1) with α, θ2, p from the published rule
 *   (src/algorithms/adiana-parameters.ts, docs/theory.md §A1.3, [P code]) and the gradient step η TUNED: the fewest
 *   rounds over the grid η = 2^{−j/4}/L (θ1, γ, β following η by the same rule). Tuning matters: at the published
 *   η = n/(64ωL(2p(ω + 1) + 1)²) the rounds are limited by the (conservative) step, not by the compression variance,
 *   and shared and independent randomness then need about the same rounds.
 * Claim: with T*(n) the tuned rounds to E[f(y^t) − f*] ≤ 10⁻⁶(f(x⁰) − f*):
 *   (i) shared randomness: the n-node run IS the one-node run on f (rand-k with one subset is one linear map, so the
 *       mean of the messages is the message of the mean) — pathwise, to rounding — hence T*_shared(n) = T*(1);
 *   (ii) independent: T*_ind(2n) < T*_ind(n) on the whole grid, i.e. the saving T*_shared(n)/T*_ind(n) grows with n,
 *       the 1/√n factor of He, Huang, Yuan's Õ(ω + (1 + ω/√n)√κ) [S] (measured beside (1 + ω)/(1 + ω/√n));
 *   (iii) the exact law used for T* is the simulator's (Monte Carlo, two-sided at z = 6).
 * Kind: experiment. T* is computed EXACTLY: on these instances ADIANA's master variables and the nodes' mean shift
 *   second moment close into a linear recursion (_lib/adiana-moments.ts, [D]), so E[f(y^t) − f*] is exact for every t
 *   and T* is a deterministic number per instance; (i) is a pathwise identity on the simulator; (iii) Monte Carlo.
 * Reference: He, Huang, Yuan (2023), "Unbiased compression saves communication in distributed optimization: when
 *   and how much?", NeurIPS, arXiv 2305.16297 (independence is what buys the √n; rates [S], the lower-bound and
 *   refined-ADIANA theorems not retrieved [R]); Li, Kovalev, Qian, Richtárik (2020), ICML, Algorithm 1;
 *   docs/theory.md §6.1–§6.3, §A1; docs/unbiased-compression.md.
 * Teeth: the same falling-rounds check applied to the shared-randomness law must be violated: at the step tuned
 *   for 16 independent nodes, shared randomness does not reach ε within T*(1) rounds (it diverges there: that step
 *   is beyond the one-node stability edge).
 */
import { foldIn, key } from '../../src/rng/key.ts';
import { verdictOverTrials, type Expectation, type Trial } from '../../src/report/verdict.ts';
import { byBudget, theoremFile, type Budget, type Theorem, type TheoremMeta, type TheoremResult } from '../types.ts';
import { claimContext } from '../_lib/claim-context.ts';
import { adianaLaw, adianaLawVerdicts } from './_lib/adiana-law.ts';
import { exponentVerdict, roundsFigure, roundsNotes, roundsSummary, roundsTable } from './_lib/adiana-report.ts';
import { sharedTeethTrial, tunedParamsAt, tunedSweep } from './_lib/adiana-rounds.ts';
import { closedFormSaving } from './_lib/closed-form-saving.ts';
import { averagedProblem, conditionedInstance, type ConditionedInstance } from './_lib/conditioned-instance.ts';
import { UNBIASED_COMPRESSION_GROUP } from './_lib/group.ts';
import { sharedIdentityTrials } from './_lib/shared-identity.ts';

export const meta: TheoremMeta = {
  id: 'adiana-independent-vs-shared',
  title:
    'ADIANA: independent compressors cut the rounds as n grows; shared randomness makes n nodes one and loses the 1/√n',
  group: UNBIASED_COMPRESSION_GROUP,
  paper: { authors: 'He, Huang, Yuan', year: 2023 },
  theorem: 'independent vs shared unbiased compression (ADIANA)',
  provenance: 'D',
  kind: 'experiment',
  statement:
    'Strongly convex quadratics (κ = 100, d = 8) split among n ∈ {1, 2, 4, 8, 16} nodes, scaled rand-1 (ω = 7), ADIANA with the published α, θ2, p and tuned η: with shared randomness the n-node run equals the one-node run on f pathwise, so T*_shared(n) = T*(1); with independent compressors the exact tuned rounds to E[f(y) − f*] ≤ 10⁻⁶(f(x⁰) − f*) fall strictly at every doubling of n (docs/theory.md §6.1–§6.3, §A1; docs/unbiased-compression.md)',
  file: theoremFile(import.meta.url),
};

export const SETTING = { d: 8, k: 1, kappa: 100, epsilon: 1e-6, nodes: [1, 2, 4, 8, 16] } as const;
export const OMEGA = SETTING.d / SETTING.k - 1;

/** Instances (each a full sweep over n), Monte Carlo runs of the law check, and whether to add the published-η column. */
const SIZES: Readonly<Record<Budget, { instances: number; runs: number; published: boolean }>> = {
  quick: { instances: 1, runs: 300, published: false },
  default: { instances: 4, runs: 3000, published: true },
  deep: { instances: 8, runs: 20000, published: true },
};

/** Rounds of the Monte Carlo law check and of the pathwise identity. */
const MC_ROUNDS = 30;
const IDENTITY_ROUNDS = 60;

type Rule = 'identity' | 'deterministic';

export function instanceFor(seed: number, r: number, n: number): ConditionedInstance {
  const { d, kappa } = SETTING;
  return conditionedInstance(foldIn(foldIn(key(seed), 1), r), { n, d, kappa, commonMean: true });
}

/** saving(ω) of docs/theory.md §6.2 [D], in _lib (adiana-total-communication uses it too). */
export { closedFormSaving };

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const { instances, runs, published } = byBudget(budget, SIZES);
  const root = key(seed);
  const ctx = claimContext(meta, seed, budget);
  const nodes = SETTING.nodes;
  const setting = { k: SETTING.k, omega: OMEGA, epsilon: SETTING.epsilon };
  const sweep = tunedSweep((r, n) => instanceFor(seed, r, n), instances, nodes, setting, published);
  const tunedAt = (n: number) => tunedParamsAt(sweep, nodes, n);
  // (ii) Both sides at every doubling: T*_ind(2n) ≤ T*_ind(n) − 1 (rounds are integers).
  const falling: Trial[] = sweep.rounds.flatMap((rounds, r) =>
    rounds.slice(1).map((t, i) => ({
      lhs: t,
      rhs: rounds[i] - 1,
      scale: t + rounds[i],
      instance: { instance: r, n: nodes[i + 1], rounds: t, roundsAtHalf: rounds[i] },
    })),
  );
  // (i) Pathwise: shared randomness on n nodes is the one-node run on f, at the aggressive tuned steps.
  const identity = [4, 16].flatMap((n) => {
    const inst = instanceFor(seed, 0, n);
    const runKey = foldIn(foldIn(root, 2), n);
    return sharedIdentityTrials(inst, averagedProblem(inst), tunedAt(n), SETTING.k, IDENTITY_ROUNDS, runKey);
  });
  // Teeth: the shared law at n = 16 with the step independence affords there, given T*(1) rounds.
  const teeth = sharedTeethTrial(instanceFor(seed, 0, 16), tunedAt(16), sweep.rounds[0][0], setting);
  // (iii) The exact law against adiana.ts, n = 4 at its tuned step.
  const lawRuns = { k: SETTING.k, runs, rounds: MC_ROUNDS, runKey: foldIn(root, 3) };
  const law = adianaLaw(instanceFor(seed, 0, 4), tunedAt(4), lawRuns);
  const summary = roundsSummary(sweep, nodes, OMEGA);
  const saving = nodes.map((n) => closedFormSaving(SETTING.d, SETTING.kappa, OMEGA, n));
  const over = (check: string, claim: string, rule: Rule, trials: Trial[], rtol: number, e: Expectation = 'holds') =>
    verdictOverTrials({ ...ctx, check, claim, expectation: e }, rule, trials, { rtol });
  return {
    verdicts: [
      over(
        `shared randomness: the n-node run is the one-node run on f, every round t ≤ ${IDENTITY_ROUNDS}, n ∈ {4, 16}`,
        '‖y^t(n nodes, shared) − y^t(one node on f)‖² = 0 (to rounding)',
        'identity',
        identity,
        1e-20,
      ),
      over(
        `independent: the exact tuned rounds fall at every doubling of n (${instances} instance${instances > 1 ? 's' : ''})`,
        'T*_ind(2n) < T*_ind(n) (so the saving T*(1)/T*_ind(n) = T*_shared(n)/T*_ind(n) grows)',
        'deterministic',
        falling,
        0,
      ),
      ...adianaLawVerdicts(ctx, law),
      over(
        'teeth: the falling-rounds check on the shared-randomness law, at the step tuned for 16 independent nodes',
        'T_shared(16; η*_ind(16)) < T*(1)',
        'deterministic',
        [teeth],
        0,
        'may-fail',
      ),
      exponentVerdict(ctx, summary),
    ],
    tables: [roundsTable(summary, { d: SETTING.d, k: SETTING.k, omega: OMEGA, kappa: SETTING.kappa }, saving)],
    figures: [roundsFigure(summary)],
    notes: roundsNotes(law),
  };
}

export const theorem: Theorem = { meta, check };
