/**
 * EF21-SGD-ideal does not converge: E‖∇f(x^t)‖² stays above (1/60)·min{σ², ‖∇f(x⁰)‖²} for every t and every n.
 *
 * Setting: d = 2, f_i = f = (L/2)‖x‖² on n identical nodes (src/problems/theorem1-instance.ts), top-1 (α = 1/2),
 *   stochastic gradients ∇f(x) + ξ with ξ uniform on {(2c, −c), (−2c, −c), (0, 2c)}, c = sqrt(3/14)·σ, independent
 *   across nodes and rounds (src/oracles/three-point.ts): unbiased, E‖ξ‖² = σ². x⁰ = (0, x₂) with x₂ < 0, γ ≤ 1/L.
 *   THIS NOISE IS OUR RECONSTRUCTION (docs/theory.md §5.2, §10 item 1): the paper's own distribution was not retrieved.
 * Algorithm: EF21-SGD-ideal, src/algorithms/ef21-sgd-ideal.ts [Fatkhullin et al. 2023, §2]:
 *   x^{t+1} = x^t − γg^t,  g_i^{t+1} = ∇f_i(x^{t+1}) + C(ĝ_i(x^{t+1}) − ∇f_i(x^{t+1})), g⁰ built the same way.
 * Claim: E‖∇f(x^t)‖² ≥ (1/60)·min{σ², ‖∇f(x⁰)‖²} for all t ≥ 0, n ≥ 1 and γ ∈ (0, 1/L] (the poster's bound [P]).
 *   Exact, sampling-free form [R + D]: with b = E Top1(ξ) = (0, 2c/3) (so ‖b‖² = (2/21)σ²),
 *   E∇f(x^t) = (1 − γL)^t ∇f(x⁰) − (1 − (1 − γL)^t) b, and E‖∇f(x^t)‖² ≥ ‖E∇f(x^t)‖² ≥ min{‖∇f(x⁰)‖², (2/21)σ²},
 *   whatever n: the bias b of the compressed noise does not average out.
 * Kind: lower-in-expectation. (a) exact: the closed form of E∇f(x^t) on a grid of (L, σ, x₂, γL) and all t ≤ T, against
 *   the paper's 1/60 and the reconstruction's 2/21; (a′) the closed form against the simulator's mean (z = 6,
 *   two-sided, worst coordinate); (b) Monte Carlo of E‖∇f(x^t)‖² for n ∈ {1, 10, 100}, γ ∈ {1, 0.5, 0.1}, L = σ = 1,
 *   x⁰ = (0, −1): refuted only if mean + 6·se < floor.
 * Reference: Fatkhullin, Tyurin, Richtárik (2023), "Momentum Provably Improves Error Feedback!", NeurIPS, Theorem 1;
 *   the bound 1/60 is the paper's [P, poster]; the instance's noise and the closed form are docs/theory.md §5.2 [R + D].
 * Teeth: EF21-SGDM (η = 0.1, γ = min{α/(10L̃), η/(3L)}, the derived Theorem 2 step) on the same instance with n = 10
 *   escapes the bound: its mean of ‖∇f(x^t)‖² over the second half of the run falls below the floor with
 *   confidence (mean + 6·se < floor). Reported, not asserted: real EF21-SGD with this noise goes below σ²/60 for
 *   n ≥ 100 (docs/theory.md §5.2 table), so this construction proves the bound for EF21-SGD-ideal only.
 */
import { ef21 } from '../../src/algorithms/ef21.ts';
import { ef21SgdIdeal } from '../../src/algorithms/ef21-sgd-ideal.ts';
import { ef21Sgdm } from '../../src/algorithms/ef21-sgdm.ts';
import { trajectory } from '../../src/algorithms/run.ts';
import { ef21SgdmStepSize } from '../../src/algorithms/step-sizes.ts';
import type { Algorithm, MethodState } from '../../src/algorithms/types.ts';
import { topK } from '../../src/compressors/top-k.ts';
import { norm2sq, type Vector } from '../../src/linalg/vector.ts';
import { threePointOracle, threePointSupport } from '../../src/oracles/three-point.ts';
import { theorem1Instance } from '../../src/problems/theorem1-instance.ts';
import { foldIn, key, type Key } from '../../src/rng/key.ts';
import { meanSe, Z_DEFAULT, type MeanSe } from '../../src/stats/mean-se.ts';
import { lowerInExpectationVerdict, upperInExpectationVerdict, verdictOverTrials } from '../../src/report/verdict.ts';
import { byBudget, theoremFile, type Budget, type Series, type TableSpec, type Theorem, type TheoremMeta, type TheoremResult, type Trial, type Verdict } from '../types.ts';

export const meta: TheoremMeta = {
  id: 'thm1-ef21-sgd-ideal-lower-bound',
  title: 'EF21-SGD-ideal stays above a noise floor for every n',
  group: 'ef21-sgdm',
  paper: { authors: 'Fatkhullin, Tyurin, Richtárik', year: 2023 },
  theorem: 'Thm 1',
  provenance: 'R',
  kind: 'lower-in-expectation',
  statement:
    'EF21-SGD-ideal, d = 2, f = (L/2)‖x‖², top-1, x⁰ = (0, x₂), x₂ < 0, γ ≤ 1/L, any n: E‖∇f(x^t)‖² ≥ (1/60)·min{σ², ‖∇f(x⁰)‖²} for all t, with the reconstructed three-point noise (docs/theory.md §5.2)',
  file: theoremFile(import.meta.url),
};

/** The paper's constant [P, poster]: E‖∇f(x^t)‖² ≥ PAPER_CONSTANT·min{σ², ‖∇f(x⁰)‖²}. */
export const PAPER_CONSTANT = 1 / 60;
/** The reconstruction's constant ‖b‖²/σ² = 2/21 [docs/theory.md §5.2, R + D]. */
export const RECONSTRUCTION_CONSTANT = 2 / 21;

/** c·min{σ², ‖∇f(x⁰)‖²}. */
export function floorValue(constant: number, sigma: number, grad0NormSq: number): number {
  return constant * Math.min(sigma * sigma, grad0NormSq);
}

/**
 * b = E Top1(ξ), by enumerating the three-point law through the suite's own top-1 (exact; = (0, 2c/3)).
 * @example
 * compressedNoiseMean(Math.sqrt(14 / 3));
 * // returns Float64Array [0, 0.6666666666666666]
 */
export function compressedNoiseMean(sigma: number): Vector {
  const top1 = topK(2, 1);
  const b = new Float64Array(2);
  for (const { p, value } of threePointSupport(sigma)) {
    const c = top1.compress(value, key(0));
    b[0] += p * c[0];
    b[1] += p * c[1];
  }
  return b;
}

/**
 * E∇f(x^t) = (1 − γL)^t ∇f(x⁰) − (1 − (1 − γL)^t) b [docs/theory.md §5.2, R + D], from E x^{t+1} = (1 − γL) E x^t − γb.
 * ∇f(x⁰) = L x⁰ on this instance.
 */
export function expectedGradient(L: number, gamma: number, x0: readonly number[], b: ArrayLike<number>, t: number): Vector {
  const q = (1 - gamma * L) ** t;
  return Float64Array.from([0, 1], (j) => q * L * x0[j] - (1 - q) * b[j]);
}

/** Both sides of floor ≤ ‖E∇f(x^t)‖² (lhs = floor, rhs = ‖E∇f(x^t)‖²; ‖E∇f‖² ≤ E‖∇f‖² closes the claim). */
export function exactSides(constant: number, L: number, sigma: number, gamma: number, x2: number, t: number, b: ArrayLike<number> = compressedNoiseMean(sigma)): Trial {
  const x0 = [0, x2];
  const mean = expectedGradient(L, gamma, x0, b, t);
  const lhs = floorValue(constant, sigma, (L * x2) ** 2);
  const rhs = norm2sq(mean);
  return { lhs, rhs, scale: lhs + rhs, instance: { L, sigma, gamma, x0, t } };
}

const X0 = [0, -1] as const;
/** Runs needed before a sample se enters a two-sided z = 6 test (many comparisons are made). */
const MIN_RUNS_FOR_SE = 100;
const NS = [1, 10, 100] as const;
const GAMMAS = [1, 0.5, 0.1] as const;
/** The figure's and EF21-SGD's step. */
const FIGURE_GAMMA = 0.1;

interface RunStats {
  /** E‖∇f(x^t)‖² estimates, t = 0…T. */
  readonly gradNormSq: MeanSe[];
  /** Samples of ∂_j f(x^t) per t and coordinate: [t][j][run]. */
  readonly gradSamples?: Float64Array[][];
  /** Per-run mean of ‖∇f(x^t)‖² over t ∈ [T/2, T]. */
  readonly windowMean: MeanSe;
}

/** R independent runs of T rounds (keys foldIn(k, r)), with per-t statistics. */
function runs<P, S extends MethodState>(alg: Algorithm<P, S>, n: number, T: number, R: number, k: Key, keepGradients: boolean): RunStats {
  const oracle = threePointOracle(theorem1Instance({ n }), 1);
  const per = Array.from({ length: T + 1 }, () => new Float64Array(R));
  const grads = keepGradients ? Array.from({ length: T + 1 }, () => [new Float64Array(R), new Float64Array(R)]) : undefined;
  const window = new Float64Array(R);
  const from = Math.floor(T / 2);
  for (let r = 0; r < R; r++) {
    const tr = trajectory(alg, oracle, T, foldIn(k, r), { keepStates: keepGradients });
    if (tr.diverged !== undefined) throw new RangeError(`thm1: ${alg.name} diverged at round ${tr.diverged.round}`);
    let w = 0;
    for (let t = 0; t <= T; t++) {
      per[t][r] = tr.gradNormSq[t];
      if (t >= from) w += tr.gradNormSq[t];
      // ∇f(x) = L x with L = 1 on theorem1Instance.
      if (grads !== undefined && tr.states !== undefined) for (let j = 0; j < 2; j++) grads[t][j][r] = tr.states[t].x[j];
    }
    window[r] = w / (T - from + 1);
  }
  return { gradNormSq: per.map((s) => meanSe(s)), ...(grads !== undefined ? { gradSamples: grads } : {}), windowMean: meanSe(window) };
}

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const root = key(seed);
  const ctx = { id: meta.id, claim: 'E‖∇f(x^t)‖² ≥ (1/60)·min{σ², ‖∇f(x⁰)‖²}', seed, budget, provenance: meta.provenance };
  const T = byBudget(budget, { quick: 20, default: 200, deep: 1_000 });
  const nodeSteps = byBudget(budget, { quick: 10_000, default: 250_000, deep: 4_000_000 });
  const runsFor = (n: number): number => Math.max(8, Math.ceil(nodeSteps / (n * T)));
  const top1 = topK(2, 1);
  const floor = floorValue(PAPER_CONSTANT, 1, X0[1] ** 2);

  // (a) Exact: the closed form against both constants on a grid, every t ≤ T_exact.
  const tExact = byBudget(budget, { quick: 200, default: 1_000, deep: 5_000 });
  const paperTrials: Trial[] = [];
  const reconTrials: Trial[] = [];
  for (const L of [1, 4]) {
    for (const sigma of [0.1, 1, 10]) {
      const bSigma = compressedNoiseMean(sigma);
      for (const x2 of [-0.01, -0.1, -1, -10]) {
        for (const gammaL of [1, 0.5, 0.1, 0.01]) {
          for (let t = 0; t <= tExact; t++) {
            paperTrials.push(exactSides(PAPER_CONSTANT, L, sigma, gammaL / L, x2, t, bSigma));
            reconTrials.push(exactSides(RECONSTRUCTION_CONSTANT, L, sigma, gammaL / L, x2, t, bSigma));
          }
        }
      }
    }
  }

  // (b) Monte Carlo per (n, γ); (a′) the simulator's mean against the closed form.
  const b = compressedNoiseMean(1);
  const mcVerdicts: Verdict[] = [];
  const rows: (string | number)[][] = [];
  const idealSeries: Series[] = [];
  let worstDev: { z: number; samples: Float64Array; closed: number; where: string } | undefined;
  let comparisons = 0;
  for (const [ni, n] of NS.entries()) {
    let worst: { s: MeanSe; t: number; gamma: number } | undefined;
    for (const [gi, gamma] of GAMMAS.entries()) {
      const R = runsFor(n);
      // The closed-form comparison estimates se from the runs: only with ≥ MIN_RUNS_FOR_SE of them is z = 6 honest
      // (docs/design.md §3: the sample se underestimates at low counts).
      const compare = R >= MIN_RUNS_FOR_SE;
      const st = runs(ef21SgdIdeal({ gamma, compressor: top1, x0: X0 }), n, T, R, foldIn(foldIn(root, 1), 10 * ni + gi), compare);
      let minMean = Infinity;
      st.gradNormSq.forEach((s, t) => {
        minMean = Math.min(minMean, s.mean);
        if (worst === undefined || s.mean + Z_DEFAULT * s.se < worst.s.mean + Z_DEFAULT * worst.s.se) worst = { s, t, gamma };
        const closed = expectedGradient(1, gamma, [...X0], b, t);
        for (let j = 0; j < 2; j++) {
          const samples = st.gradSamples?.[t][j];
          if (samples === undefined) continue;
          comparisons++;
          const m = meanSe(samples);
          const dev = Math.abs(m.mean - closed[j]);
          const z = m.se > 0 ? dev / m.se : dev > 1e-12 * (Math.abs(closed[j]) + 1) ? Infinity : 0;
          if (worstDev === undefined || z > worstDev.z) worstDev = { z, samples, closed: closed[j], where: `n=${n}, γ=${gamma}, t=${t}, coordinate ${j}` };
        }
      });
      rows.push([n, gamma, R, minMean, st.gradNormSq[T].mean, floor]);
      if (gamma === FIGURE_GAMMA) idealSeries.push({ name: `EF21-SGD-ideal, n = ${n}`, points: st.gradNormSq.map((s, t) => [t, s.mean] as const) });
    }
    if (worst !== undefined) {
      mcVerdicts.push(
        lowerInExpectationVerdict(
          { ...ctx, check: `Monte Carlo, n = ${n}: the lowest t and γ ∈ {1, 0.5, 0.1} (here t = ${worst.t}, γ = ${worst.gamma})`, details: { n, t: worst.t, gamma: worst.gamma, rounds: T } },
          { stats: worst.s, bound: floor },
        ),
      );
    }
  }
  const closedVerdict: Verdict[] =
    worstDev === undefined
      ? []
      : (() => {
          const w = worstDev;
          const sign = meanSe(w.samples).mean >= w.closed ? 1 : -1;
          return [
            upperInExpectationVerdict(
              { ...ctx, check: `closed form of E∇f(x^t) against the simulator's mean (worst of ${comparisons} comparisons: ${w.where})`, claim: '|E[∂_j f(x^t)] − closed form| = 0 (z = 6, two-sided)', provenance: 'D', details: { comparisons } },
              { stats: meanSe(w.samples.map((v) => sign * (v - w.closed))), bound: 0, scale: Math.abs(w.closed) },
            ),
          ];
        })();

  // Teeth: EF21-SGDM escapes the floor (n = 10, η = 0.1, derived Thm 2 step).
  const teethN = 10;
  const eta = 0.1;
  const teethT = byBudget(budget, { quick: 150, default: 400, deep: 2_000 });
  const teethR = byBudget(budget, { quick: 12, default: 40, deep: 200 });
  const sgdmGamma = ef21SgdmStepSize(theorem1Instance({ n: teethN }), 0.5, eta);
  const sgdm = runs(ef21Sgdm({ gamma: sgdmGamma, eta, compressor: top1, x0: X0 }), teethN, teethT, teethR, foldIn(root, 2), false);
  const teeth = lowerInExpectationVerdict(
    {
      ...ctx,
      check: `teeth: EF21-SGDM (n = ${teethN}, η = ${eta}, γ = ${sgdmGamma.toPrecision(4)}), mean of ‖∇f(x^t)‖² over t ∈ [${Math.floor(teethT / 2)}, ${teethT}]`,
      claim: '(2/T)·Σ_{t ≥ T/2} E‖∇f(x^t)‖² ≥ (1/60)·min{σ², ‖∇f(x⁰)‖²}',
      expectation: 'may-fail',
      details: { n: teethN, eta, gamma: sgdmGamma, rounds: teethT },
    },
    { stats: sgdm.windowMean, bound: floor },
  );

  // Reported, not asserted: real EF21-SGD (g_i⁰ = ĝ_i(x⁰)) with the same noise.
  const sgdRows: (string | number)[][] = [];
  const sgdSeries: Series[] = [];
  for (const [ni, n] of NS.entries()) {
    const R = runsFor(n);
    const st = runs(ef21({ gamma: FIGURE_GAMMA, compressor: top1, x0: X0 }), n, T, R, foldIn(foldIn(root, 3), ni), false);
    sgdRows.push([n, FIGURE_GAMMA, R, st.windowMean.mean, st.windowMean.se, floor, st.windowMean.mean + Z_DEFAULT * st.windowMean.se < floor ? 'yes' : 'no']);
    sgdSeries.push({ name: `EF21-SGD, n = ${n}`, points: st.gradNormSq.map((s, t) => [t, s.mean] as const) });
  }

  const tables: TableSpec[] = [
    {
      title: `EF21-SGD-ideal, Monte Carlo (L = σ = 1, x⁰ = (0, −1), T = ${T})`,
      columns: ['n', 'γ', 'runs', 'min_t mean ‖∇f(x^t)‖²', 'mean at t = T', 'floor σ²/60'],
      rows,
      caption: `The limit is ‖b‖² + O(1/n) → 2/21 ≈ 0.0952 as n grows (docs/theory.md §5.2): more nodes do not help.`,
    },
    {
      title: `Reported, not asserted: real EF21-SGD with the same noise (γ = ${FIGURE_GAMMA}, mean of ‖∇f(x^t)‖² over t ∈ [${Math.floor(T / 2)}, ${T}])`,
      columns: ['n', 'γ', 'runs', 'mean', 'se', 'σ²/60', 'below σ²/60 (mean + 6se)?'],
      rows: sgdRows,
      caption:
        'docs/theory.md §5.2 measured ≈ 0.100, 0.020, 0.0127 at n = 1, 10, 100 (long runs): real EF21-SGD plateaus at an n-independent floor, but for n ≥ 100 that floor is below σ²/60, so this reconstructed noise proves the 1/60 bound for EF21-SGD-ideal only (§10 item 1). Short budgets may not have reached the plateau.',
    },
  ];
  const sgdmSeries: Series = { name: `EF21-SGDM, n = ${teethN}, η = ${eta}`, points: sgdm.gradNormSq.map((s, t) => [t, s.mean] as const) };
  const tMax = Math.max(T, teethT);
  return {
    verdicts: [
      verdictOverTrials({ ...ctx, check: `exact: ‖E∇f(x^t)‖² from the closed form, grid of L, σ, x₂, γL, t ≤ ${tExact}`, claim: '(1/60)·min{σ², ‖∇f(x⁰)‖²} ≤ ‖E∇f(x^t)‖² ≤ E‖∇f(x^t)‖²' }, 'deterministic', paperTrials),
      verdictOverTrials(
        { ...ctx, check: `exact, the reconstruction's constant 2/21 (same grid)`, claim: '(2/21)·min{σ², ‖∇f(x⁰)‖²} ≤ ‖E∇f(x^t)‖²', provenance: 'R' },
        'deterministic',
        reconTrials,
      ),
      ...closedVerdict,
      ...mcVerdicts,
      teeth,
    ],
    tables,
    figures: [
      {
        kind: 'line',
        name: 'floor-vs-t',
        title: `E‖∇f(x^t)‖² on the Theorem 1 instance (L = σ = 1, x⁰ = (0, −1))`,
        x: { label: 't' },
        y: { label: 'E‖∇f(x^t)‖² (Monte Carlo mean)', log: true },
        series: [
          ...idealSeries,
          ...sgdSeries,
          sgdmSeries,
          { name: 'floor σ²/60 (paper)', points: [[0, floor], [tMax, floor]], reference: true },
          { name: '2/21 (reconstruction)', points: [[0, RECONSTRUCTION_CONSTANT], [tMax, RECONSTRUCTION_CONSTANT]], reference: true },
        ],
        caption: `EF21-SGD-ideal and EF21-SGD at γ = ${FIGURE_GAMMA}, EF21-SGDM at the derived Theorem 2 step. The ideal method's level does not fall with n; EF21-SGDM goes below the floor.`,
      },
    ],
    notes: [
      'The noise distribution is our reconstruction (docs/theory.md §5.2, §10 item 1): the paper\'s own construction behind 1/60 was not retrieved. The reconstruction satisfies the bound with the larger constant 2/21; the claim checked is the paper\'s 1/60, the 2/21 verdict is labelled as the reconstruction\'s.',
      `Exact part: E∇f(x^t) in closed form with b = E Top1(ξ) enumerated through the suite's top-1; grid L ∈ {1, 4}, σ ∈ {0.1, 1, 10}, x₂ ∈ {−0.01, −0.1, −1, −10}, γL ∈ {1, 0.5, 0.1, 0.01}, t = 0…${tExact}. The closed form does not depend on n.`,
      `Monte Carlo: ${T} rounds, runs per (n, γ) = max(8, ⌈${nodeSteps}/(n·T)⌉); a lower-bound verdict is refuted only if mean + 6·se < floor, at the (t, γ) with the smallest mean + 6·se. The closed-form comparison tests every (n, γ, t, coordinate) with at least ${MIN_RUNS_FOR_SE} runs two-sidedly (the closed form does not depend on n, so small n suffice) and reports the largest |z|.`,
      `Teeth: EF21-SGDM with ${teethR} runs of ${teethT} rounds, g_i⁰ = v_i⁰ = ĝ_i(x⁰); its second-half mean must fall below the floor with mean + 6·se < floor.`,
    ],
  };
}

export const theorem: Theorem = { meta, check };
