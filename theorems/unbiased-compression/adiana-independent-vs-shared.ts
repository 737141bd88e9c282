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
import { adianaParameters, type AdianaParameters } from '../../src/algorithms/adiana-parameters.ts';
import { adiana } from '../../src/algorithms/adiana.ts';
import { agd, agdParameters } from '../../src/algorithms/agd.ts';
import { trajectory } from '../../src/algorithms/run.ts';
import { indexBits, VALUE_BITS } from '../../src/compressors/bits.ts';
import { randK } from '../../src/compressors/rand-k.ts';
import { dist2sq, norm2sq } from '../../src/linalg/vector.ts';
import { exactOracle } from '../../src/oracles/exact.ts';
import { diagonalQuadratic } from '../../src/problems/diagonal-quadratic.ts';
import { objective, type Problem } from '../../src/problems/types.ts';
import { foldIn, key, split } from '../../src/rng/key.ts';
import { logLogFit } from '../../src/stats/log-log-fit.ts';
import { meanSe } from '../../src/stats/mean-se.ts';
import { asObserved, lowerInExpectationVerdict, rateVerdict, upperInExpectationVerdict, verdictOverTrials, type Verdict } from '../../src/report/verdict.ts';
import { byBudget, theoremFile, type Budget, type Theorem, type TheoremMeta, type TheoremResult, type Trial } from '../types.ts';
import { adianaMomentMaps, adianaMomentStep, exactRoundsToEpsilon, expectedGap, initialMoments, tunedRoundsToEpsilon, withStep } from './_lib/adiana-moments.ts';
import { conditionedInstance, type ConditionedInstance } from './_lib/conditioned-instance.ts';
import { UNBIASED_COMPRESSION_GROUP } from './_lib/group.ts';

export const meta: TheoremMeta = {
  id: 'adiana-independent-vs-shared',
  title: 'ADIANA: independent compressors cut the rounds as n grows; shared randomness makes n nodes one and loses the 1/√n',
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

export function instanceFor(seed: number, r: number, n: number): ConditionedInstance {
  return conditionedInstance(foldIn(foldIn(key(seed), 1), r), { n, d: SETTING.d, kappa: SETTING.kappa, commonMean: true });
}

function errorAtStart(inst: ConditionedInstance): Float64Array {
  return Float64Array.from(inst.x0, (v, j) => v - inst.xStar[j]);
}

/** The one-node problem f = (1/n)Σ f_i of an instance (the same λ, b̄). */
export function averagedProblem(inst: ConditionedInstance): Problem {
  const n = inst.problem.n;
  const zero = new Float64Array(inst.problem.dim);
  const bBar = new Float64Array(inst.problem.dim);
  for (let i = 0; i < n; i++) {
    const g = inst.problem.gradI(i, zero);
    for (let j = 0; j < bBar.length; j++) bBar[j] -= g[j] / n;
  }
  return diagonalQuadratic([Array.from(inst.lambda)], [Array.from(bBar)]);
}

/** Tuned exact rounds for one n (the grid index hint speeds the local search up; it does not change the answer). */
export function tunedFor(inst: ConditionedInstance, randomness: 'independent' | 'shared', hint: number): { rounds: number; params: AdianaParameters; evaluations: number } {
  const n = inst.problem.n;
  const base = adianaParameters({ L: inst.L, mu: inst.mu, omega: OMEGA, n });
  const r = tunedRoundsToEpsilon({ lambda: inst.lambda, n, k: SETTING.k, randomness }, base, inst, errorAtStart(inst), inst.gradStar, SETTING.epsilon, 40_000, hint);
  return { rounds: r.rounds, params: withStep(base, r.eta, inst.mu), evaluations: r.evaluations };
}

/** AGD's rounds to f(x^t) − f* ≤ ε(f(x⁰) − f*) at Nesterov's parameters (deterministic: exact gradients). */
function agdRounds(inst: ConditionedInstance): number {
  const p = inst.problem;
  const alg = agd({ ...agdParameters({ L: inst.L, mu: inst.mu }), x0: inst.x0 });
  const oracle = exactOracle(p);
  const [kInit, kSteps] = split(key(0));
  let s = alg.init(oracle, kInit);
  const gap0 = objective(p, s.x) - p.fInf;
  for (let t = 0; t < 100_000; t++) {
    if (objective(p, s.x) - p.fInf <= SETTING.epsilon * gap0) return t;
    s = alg.step(s, oracle, foldIn(kSteps, t));
  }
  throw new RangeError(`${meta.id}: AGD did not reach ε`);
}

/** Exact rounds at the published η (no tuning), capped at 200 000 (reported as the cap if not reached). */
export function roundsAtPublished(inst: ConditionedInstance): number {
  const n = inst.problem.n;
  const p = adianaParameters({ L: inst.L, mu: inst.mu, omega: OMEGA, n });
  const setting = { lambda: inst.lambda, n, k: SETTING.k, randomness: 'independent' as const };
  const maps = adianaMomentMaps(setting, p);
  let m = initialMoments(errorAtStart(inst), inst.gradStar);
  const gap0 = expectedGap(inst.lambda, m);
  for (let t = 0; t < 200_000; t++) {
    if (expectedGap(inst.lambda, m) <= SETTING.epsilon * gap0) return t;
    m = adianaMomentStep(setting, p, maps, m);
  }
  return 200_000;
}

/** saving(ω) = d√κ / [(d/(1 + ω))(ω + (1 + ω/√n)√κ)] (docs/theory.md §6.2 [D], logs ignored, one message of d/(1 + ω) values per round). */
export function closedFormSaving(d: number, kappa: number, omega: number, n: number): number {
  return (d * Math.sqrt(kappa)) / ((d / (1 + omega)) * (omega + (1 + omega / Math.sqrt(n)) * Math.sqrt(kappa)));
}

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const { instances, runs, published } = byBudget(budget, SIZES);
  const root = key(seed);
  const ctx = { id: meta.id, seed, budget, provenance: meta.provenance };
  const nodes = SETTING.nodes;
  const falling: Trial[] = [];
  const tunedBy: number[][] = [];
  const etaBy: number[][] = [];
  const publishedBy: number[][] = [];
  const agdBy: number[] = [];
  let sharedAt16: { rounds: number; one: number } | null = null;
  let tunedFour: AdianaParameters | null = null;
  let tunedSixteen: AdianaParameters | null = null;
  for (let r = 0; r < instances; r++) {
    const rounds: number[] = [];
    const etas: number[] = [];
    // Grid index of η ≈ 1/(L(1 + ω)), where the one-node edge lies; each n starts just above the last n's best.
    let hint = 4 * Math.log2(1 + OMEGA);
    for (const n of nodes) {
      const inst = instanceFor(seed, r, n);
      const t = tunedFor(inst, 'independent', hint);
      rounds.push(t.rounds);
      etas.push(t.params.eta);
      hint = 4 * Math.log2(1 / (t.params.eta * inst.L)) - 2;
      if (r === 0 && n === 4) tunedFour = t.params;
      if (r === 0 && n === 16) {
        tunedSixteen = t.params;
        // Teeth: the shared law at n = 16 with the step independence affords there, given T*(1) rounds.
        const s = exactRoundsToEpsilon({ lambda: inst.lambda, n, k: SETTING.k, randomness: 'shared' }, t.params, errorAtStart(inst), inst.gradStar, SETTING.epsilon, rounds[0]);
        sharedAt16 = { rounds: s ?? Infinity, one: rounds[0] };
      }
    }
    for (let a = 1; a < nodes.length; a++) {
      falling.push({ lhs: rounds[a], rhs: rounds[a - 1] - 1, scale: rounds[a] + rounds[a - 1], instance: { instance: r, n: nodes[a], rounds: rounds[a], roundsAtHalf: rounds[a - 1] } });
    }
    tunedBy.push(rounds);
    etaBy.push(etas);
    agdBy.push(agdRounds(instanceFor(seed, r, 1)));
    if (published) {
      publishedBy.push(nodes.map((n) => roundsAtPublished(instanceFor(seed, r, n))));
    }
  }

  if (sharedAt16 === null || tunedFour === null || tunedSixteen === null) throw new RangeError(`${meta.id}: the sweep did not reach n = 4 and n = 16`);

  // (i) Pathwise: shared randomness on n nodes is the one-node run on f, at the aggressive tuned steps.
  const identity: Trial[] = [];
  for (const [n, params] of [[4, tunedFour], [16, tunedSixteen]] as const) {
    if (params === null) continue;
    const inst = instanceFor(seed, 0, n);
    const C = randK(SETTING.d, SETTING.k, { scaled: true });
    const alg = adiana({ ...params, compressor: C, x0: inst.x0, randomness: 'shared' });
    const k = foldIn(foldIn(root, 2), n);
    const many = trajectory(alg, exactOracle(inst.problem), IDENTITY_ROUNDS, k, { keepStates: true }).states ?? [];
    const one = trajectory(alg, exactOracle(averagedProblem(inst)), IDENTITY_ROUNDS, k, { keepStates: true }).states ?? [];
    const scale0 = norm2sq(inst.x0) + norm2sq(inst.xStar);
    for (let t = 0; t <= IDENTITY_ROUNDS; t++) {
      identity.push({ lhs: dist2sq(many[t].x, one[t].x), rhs: 0, scale: norm2sq(one[t].x) + scale0, instance: { n, t } });
    }
  }

  // (iii) The exact law against adiana.ts, n = 4 at its tuned step, t = MC_ROUNDS.
  const inst4 = instanceFor(seed, 0, 4);
  const p4: AdianaParameters = tunedFour;
  const setting4 = { lambda: inst4.lambda, n: 4, k: SETTING.k, randomness: 'independent' as const };
  const maps = adianaMomentMaps(setting4, p4);
  let moments = initialMoments(errorAtStart(inst4), inst4.gradStar);
  for (let t = 0; t < MC_ROUNDS; t++) moments = adianaMomentStep(setting4, p4, maps, moments);
  const exactGap = expectedGap(inst4.lambda, moments);
  const C = randK(SETTING.d, SETTING.k, { scaled: true });
  const alg4 = adiana({ ...p4, compressor: C, x0: inst4.x0 });
  const gaps: number[] = [];
  for (let s = 0; s < runs; s++) {
    const fin = trajectory(alg4, exactOracle(inst4.problem), MC_ROUNDS, foldIn(foldIn(root, 3), s), { record: MC_ROUNDS }).final;
    gaps.push(objective(inst4.problem, fin.x) - inst4.problem.fInf);
  }
  const gapStats = meanSe(gaps);

  const geo = (xs: readonly number[]): number => Math.exp(xs.reduce((s, v) => s + Math.log(v), 0) / xs.length);
  const meanRounds = nodes.map((_, a) => geo(tunedBy.map((row) => row[a])));
  const fit = logLogFit(nodes, meanRounds);
  const shape = nodes.map((n) => (1 + OMEGA) / (1 + OMEGA / Math.sqrt(n)));
  const shapeFit = logLogFit(nodes, shape);
  const shared: { rounds: number; one: number } = sharedAt16;
  const verdicts: Verdict[] = [
    verdictOverTrials(
      { ...ctx, check: `shared randomness: the n-node run is the one-node run on f, every round t ≤ ${IDENTITY_ROUNDS}, n ∈ {4, 16}`, claim: '‖y^t(n nodes, shared) − y^t(one node on f)‖² = 0 (to rounding)' },
      'identity',
      identity,
      { rtol: 1e-20 },
    ),
    verdictOverTrials(
      { ...ctx, check: `independent: the exact tuned rounds fall at every doubling of n (${instances} instance${instances > 1 ? 's' : ''})`, claim: 'T*_ind(2n) < T*_ind(n) (so the saving T*(1)/T*_ind(n) = T*_shared(n)/T*_ind(n) grows)' },
      'deterministic',
      falling,
      { rtol: 0 },
    ),
    upperInExpectationVerdict({ ...ctx, check: `the exact law against adiana.ts: mean ≤ exact (${runs} runs, n = 4, t = ${MC_ROUNDS})`, claim: 'mean f(y^t) − f* over runs ≤ exact E[f(y^t) − f*]' }, { stats: gapStats, bound: exactGap }),
    lowerInExpectationVerdict({ ...ctx, check: `the exact law against adiana.ts: mean ≥ exact (${runs} runs, n = 4, t = ${MC_ROUNDS})`, claim: 'mean f(y^t) − f* over runs ≥ exact E[f(y^t) − f*]' }, { stats: gapStats, bound: exactGap }),
    verdictOverTrials(
      {
        ...ctx,
        check: 'teeth: the falling-rounds check on the shared-randomness law, at the step tuned for 16 independent nodes',
        claim: 'T_shared(16; η*_ind(16)) < T*(1)',
        expectation: 'may-fail',
      },
      'deterministic',
      // Infinity (not reached within T*(1) rounds, or diverged) is reported as T*(1) + 1: the claim fails either way.
      [{ lhs: Math.min(shared.rounds, shared.one + 1), rhs: shared.one - 1, scale: 2 * shared.one, instance: { n: 16, reached: Number.isFinite(shared.rounds), one: shared.one } }],
      { rtol: 0 },
    ),
    asObserved(
      rateVerdict({ ...ctx, check: 'exponent of the tuned rounds in n against He–Huang–Yuan’s shape (1 + ω/√n) with unit constants', claim: `slope of ln T*_ind vs ln n ∋ ${(-shapeFit.slope).toFixed(3)}` }, fit, -shapeFit.slope),
      `five grid points (3 dof) and rate constants that were not retrieved ([S]): the fit is shown, not judged; the η grid's 2^{1/4} steps alone move T* by up to ~9%`,
    ),
  ];
  const bitsAdiana = 2 * SETTING.k * (VALUE_BITS + indexBits(SETTING.d));
  const bitsAgd = SETTING.d * VALUE_BITS;
  const agdMean = geo(agdBy);
  const rows = nodes.map((n, a) => [
    n,
    meanRounds[a],
    geo(etaBy.map((row) => row[a])),
    meanRounds[0],
    meanRounds[0] / meanRounds[a],
    shape[a],
    published ? geo(publishedBy.map((row) => row[a])) : 'not run at quick',
    (agdMean * bitsAgd) / (meanRounds[a] * bitsAdiana),
    closedFormSaving(SETTING.d, SETTING.kappa, OMEGA, n),
  ]);
  return {
    verdicts,
    tables: [
      {
        title: `Exact rounds to E[f(y) − f*] ≤ 10⁻⁶(f(x⁰) − f*) (geometric means over ${instances} instance${instances > 1 ? 's' : ''}), d = ${SETTING.d}, ω = ${OMEGA}, κ = ${SETTING.kappa}`,
        columns: ['n', 'T*_ind (tuned η)', 'tuned η·L', 'T*_shared = T*(1)', 'saving T*_shared/T*_ind', '(1 + ω)/(1 + ω/√n)', 'T at the published η (independent)', 'bits saving vs AGD (measured)', 'saving(ω) closed form §6.2'],
        rows,
        caption: `AGD needs ${agdMean.toFixed(0)} rounds of ${bitsAgd} bits per node; ADIANA sends two rand-1 messages of ${bitsAdiana / 2} bits each per round. The closed form counts one message of d/(1 + ω) values per round and unit constants, so the measured column (which also pays ADIANA's constants against AGD's) is an observation, not a check. Fitted exponent of T*_ind in n: ${fit.slope.toFixed(3)} (95% [${fit.slopeLo.toFixed(3)}, ${fit.slopeHi.toFixed(3)}]); of (1 + ω/√n) on the same grid: ${(-shapeFit.slope).toFixed(3)}.`,
      },
    ],
    figures: [
      {
        kind: 'line',
        name: 'tuned-rounds-vs-n',
        title: 'ADIANA: exact tuned rounds to ε against the number of nodes',
        x: { label: 'n (nodes)', log: true },
        y: { label: 'rounds to ε (tuned η)', log: true },
        series: [
          { name: 'independent rand-1', points: nodes.map((n, a) => [n, meanRounds[a]] as [number, number]) },
          { name: 'shared rand-1 (= one node)', points: nodes.map((n) => [n, meanRounds[0]] as [number, number]) },
          { name: 'T*(1)·(1 + ω/√n)/(1 + ω)', points: nodes.map((n, a) => [n, meanRounds[0] / shape[a]] as [number, number]), reference: true },
        ],
        caption: 'Independent compressors: the stability edge of η grows with n and the rounds fall; shared randomness is the one-node method for every n.',
      },
    ],
    notes: [
      `T* is exact: ADIANA's master variables (y, z, w, h̄) and the nodes' mean shift second moment evolve by a closed linear recursion on these common-curvature quadratics (theorems/unbiased-compression/_lib/adiana-moments.ts), checked here against adiana.ts by Monte Carlo (exact ${exactGap.toPrecision(6)}, simulated ${gapStats.mean.toPrecision(6)} ± ${gapStats.se.toPrecision(2)}).`,
      'Tuning: η over the grid 2^{−j/4}/L, θ1 = min{1/4, sqrt(ημ/p)}, γ = η/(2(θ1 + ημ)), β = 1 − γμ as in the published rule; α = 1/(1 + ω), θ2 = 1/2 and p from the rule. The best η sits just below the stability edge, which grows about linearly in n with independent compressors and stays at the one-node edge with shared randomness.',
      'At the published η (the default budget shows it) the rounds also fall with n, because that η is itself ∝ n — but there shared randomness falls just as fast: the published step is far below the edge, so the compression variance never limits it. Only near the edge does independence decide the rounds.',
      `With n = 10, ω = 9 the derived DIANA step beats ADIANA at the published parameters up to κ ≈ 500 (docs/theory.md §A1.5, §A1.6); this claim compares randomness modes, not methods.`,
    ],
  };

}

export const theorem: Theorem = { meta, check };
