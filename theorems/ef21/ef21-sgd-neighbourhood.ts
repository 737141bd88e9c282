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
import { parseCompressorSpec } from '../../src/compressors/registry.ts';
import type { Compressor } from '../../src/compressors/types.ts';
import { ef21, type EF21State } from '../../src/algorithms/ef21.ts';
import { masterStep } from '../../src/algorithms/master-step.ts';
import { trajectory } from '../../src/algorithms/run.ts';
import { mean, type ReadonlyVector } from '../../src/linalg/vector.ts';
import { batchGradI } from '../../src/oracles/batch-average.ts';
import { gaussianOracle } from '../../src/oracles/gaussian.ts';
import { threePointOracle } from '../../src/oracles/three-point.ts';
import type { Oracle } from '../../src/oracles/types.ts';
import { diagonalQuadratic } from '../../src/problems/diagonal-quadratic.ts';
import { objective, type Problem } from '../../src/problems/types.ts';
import { foldIn, key, split, type Key } from '../../src/rng/key.ts';
import { integerBelow } from '../../src/rng/sample.ts';
import { meanSe, type MeanSe } from '../../src/stats/mean-se.ts';
import { lowerInExpectationVerdict, upperInExpectationVerdict, type Verdict, type VerdictContext } from '../../src/report/verdict.ts';
import { budgetSizes, byBudget, theoremFile, type Budget, type Theorem, type TheoremMeta, type TheoremResult } from '../types.ts';
import { lTildeOf } from '../ef21-sgdm/_lib/l-tilde.ts';
import { momentumSizes, withMomentumAdversary } from '../ef21-sgdm/_lib/momentum-adversary.ts';
import { adversarySizes } from '../_lib/power.ts';
import { meanDistToLocalGrad, weightedTerms } from '../ef21-sgdm/_lib/momentum-lyapunov.ts';
import type { MomentumMethod } from '../ef21-sgdm/_lib/momentum-method.ts';
import { momentumSpace } from '../ef21-sgdm/_lib/momentum-space.ts';
import { contractiveAlpha, ef21StateOf, seededInstance, type Family } from './ef21-lyapunov.ts';
import { deterministicSpecs, randomSpecs, seededState, seededStateKind, type Instance, type NodeState, type StateKind } from './instances.ts';
import { descentSides, distortion, expectedErrorSq, gradientTarget, uniformWeights } from './lyapunov.ts';

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

/** What the adversary sees of this file's constants (seed 11), measured on a mutated copy at the quick budget. */
const MEASURED =
  'Adversary, exact expectation over finite noise (variance bound σ²/τ searched directly, τ = 1): m* recorded when the adversary was added (seed 11): 2.04 at quick and 1.59 at default (the power row above is this run\'s) (n = d = 1, the adversarial compressor, small α). Mutation √10 → 1 in the step rule, quick budget: caught (m* drops to 1.01 and the violation at m* climbed at m = 1 still violates).';

/** The noise constant of the one-step inequality: + C·γσ²/(α²τ) with C = 6 [derived form, D]. */
export const NOISE_CONSTANT = 6;

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

/** The mean of τ Gaussian draws: an unbiased oracle with E‖ĝ_i − ∇f_i‖² = σ²/τ exactly (src/oracles/batch-average.ts). */
export function minibatchGaussian(problem: Problem, sigma: number, tau: number): Oracle {
  const base = gaussianOracle(problem, sigma);
  return { ...base, name: `gaussian(σ=${sigma},τ=${tau})`, sigma: sigma / Math.sqrt(tau), gradI: (i: number, x: ReadonlyVector, k: Key) => batchGradI(base, i, x, k, tau) };
}

export interface SgdCase {
  readonly instance: Instance;
  readonly compressor: Compressor;
  readonly gamma: number;
  readonly sigma: number;
  readonly tau: number;
  readonly state: NodeState;
}

/**
 * `samples` draws of lhs = f(x⁺) + (γ/α)(1/n)Σ‖g_i⁺ − ∇f_i(x⁺)‖² over the noise, and the right side with the noise
 * term (withNoiseTerm = false drops it: the teeth). Deterministic C: real steps of src/algorithms/ef21.ts. Random C:
 * the same noise draws, with the expectation over C exact given the noise.
 */
export function sgdOneStep(c: SgdCase, samples: number, k: Key, withNoiseTerm = true): { stats: MeanSe; bound: number; scale: number } {
  const { problem } = c.instance;
  const alpha = contractiveAlpha(c.compressor);
  const oracle = minibatchGaussian(problem, c.sigma, c.tau);
  const w = uniformWeights(problem.n);
  const target = gradientTarget(problem);
  const before = distortion(w, c.state.gi, target, c.state.x);
  const xNext = masterStep(c.state.x, c.gamma, mean(c.state.gi));
  const fNext = objective(problem, xNext);
  const coefficient = c.gamma / alpha;
  const extra = withNoiseTerm ? (NOISE_CONSTANT * c.gamma * c.sigma * c.sigma) / (alpha * alpha * c.tau) : 0;
  const alg = ef21({ gamma: c.gamma, compressor: c.compressor });
  const xs = new Float64Array(samples);
  let afterScale = 0;
  for (let s = 0; s < samples; s++) {
    const ks = foldIn(k, s);
    let G = 0;
    if (c.compressor.deterministic) {
      const next = alg.step(ef21StateOf(c.state), oracle, ks);
      const after = distortion(w, next.gi, target, next.x);
      G = after.value;
      afterScale = Math.max(afterScale, after.scale);
    } else {
      // EF21's step draws the noise from split(roundKey)[0]; use the same stream, then average over C exactly.
      const [kNoise] = split(ks);
      for (let i = 0; i < problem.n; i++) {
        const ghat = oracle.gradI(i, xNext, kNoise);
        const h = target(i, xNext);
        const u = new Float64Array(h.length);
        for (let j = 0; j < h.length; j++) u[j] = ghat[j] - c.state.gi[i][j];
        // g_i⁺ − ∇f_i(x⁺) = C(u) − u + (ĝ_i − ∇f_i); its mean square over C given the noise:
        const e = c.compressor.expectation?.(u);
        if (e === undefined) throw new RangeError(`ef21-sgd: ${c.compressor.name} has no exact expectation`);
        let cross = 0;
        let zz = 0;
        for (let j = 0; j < h.length; j++) {
          const z = ghat[j] - h[j];
          cross += (e.mean[j] - u[j]) * z;
          zz += z * z;
        }
        G += w[i] * (e.errorSq + 2 * cross + zz);
      }
    }
    xs[s] = fNext + coefficient * G;
  }
  const sides = descentSides({ instance: c.instance, gamma: c.gamma, coefficient, x: c.state.x, before, xNext, after: { value: 0, scale: afterScale }, extra });
  return { stats: meanSe(xs), bound: sides.rhs, scale: sides.scale };
}

/** A seeded case: instance, compressor, state, γ = γ_theory·(fraction or multiplier), σ relative to the gradients. */
export function seededSgdCase(k: Key, family: Family, pool: 'deterministic' | 'random', kind?: StateKind, sigmaRelative?: number): SgdCase {
  const [kInst, kC, kState, kKind, kSigma, kTau] = split(k, 6);
  const instance = seededInstance(kInst, family);
  const { problem } = instance;
  const d = problem.dim;
  const specs = pool === 'deterministic' ? deterministicSpecs(d) : randomSpecs(d);
  const compressor = parseCompressorSpec(specs[integerBelow(kC, specs.length)], d);
  const state = seededState(kState, problem, kind ?? seededStateKind(kKind));
  // σ on the scale of the local gradients at x, times 1/10, 1 or 10.
  let gsq = 0;
  for (let i = 0; i < problem.n; i++) for (const v of problem.gradI(i, state.x)) gsq += (v * v) / problem.n;
  const rel = sigmaRelative ?? [0.1, 1, 10][integerBelow(kSigma, 3)];
  const sigma = rel * Math.sqrt(gsq + 1e-300);
  const tau = [1, 4][integerBelow(kTau, 2)];
  return { instance, compressor, gamma: ef21SgdStepRule(problem, contractiveAlpha(compressor)), sigma, tau, state };
}

/** Many instances, one verdict: the instance whose z-score (mean − bound)/se is largest (Bonferroni: count × 1e-9). */
function worstOf(ctx: VerdictContext, results: readonly { stats: MeanSe; bound: number; scale: number }[]): Verdict {
  let worst = 0;
  let worstZ = -Infinity;
  results.forEach((r, i) => {
    const z = (r.stats.mean - r.bound) / (r.stats.se > 0 ? r.stats.se : Number.MIN_VALUE);
    if (z > worstZ) {
      worstZ = z;
      worst = i;
    }
  });
  const r = results[worst];
  return upperInExpectationVerdict({ ...ctx, details: { instances: results.length, worstInstance: worst, worstZ } }, { stats: r.stats, bound: r.bound, scale: r.scale });
}

export type NoiseKind = 'gaussian' | 'three-point';

/**
 * Mean of ‖∇f(x^t)‖² over the second half of T rounds of EF21-SGD + top-1 on f_i = ½‖x‖² (d = 2, n nodes, σ = 1,
 * γ = γ_theory), one value per repeat; plus (1/T)Σ_{t<T}‖∇f(x^t)‖² − 2Φ_0/(γT) for the averaged bound.
 */
export function neighbourhood(n: number, noise: NoiseKind, T: number, repeats: number, k: Key): { floor: number[]; averaged: number[]; gamma: number; alpha: number } {
  const problem = diagonalQuadratic(Array.from({ length: n }, () => [1, 1]));
  const C = parseCompressorSpec('top-k:k=1', 2);
  const alpha = contractiveAlpha(C);
  const gamma = ef21SgdStepRule(problem, alpha);
  const oracle = noise === 'gaussian' ? gaussianOracle(problem, 1) : threePointOracle(problem, 1);
  const floor: number[] = [];
  const averaged: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const x0 = Float64Array.of(1, 1);
    const tr = trajectory(ef21({ gamma, compressor: C, x0 }), oracle, T, foldIn(k, r), { keepStates: true });
    const s0 = tr.states?.[0];
    if (s0 === undefined || tr.diverged !== undefined) throw new RangeError(`ef21-sgd: run n=${n} ${noise} diverged`);
    let tail = 0;
    for (let t = Math.floor(T / 2); t <= T; t++) tail += tr.gradNormSq[t];
    floor.push(tail / (T - Math.floor(T / 2) + 1));
    let all = 0;
    for (let t = 0; t < T; t++) all += tr.gradNormSq[t];
    const G0 = distortion(uniformWeights(n), s0.gi, gradientTarget(problem), x0).value;
    const phi0 = objective(problem, x0) - problem.fInf + (gamma / alpha) * G0;
    averaged.push(all / T - (2 * phi0) / (gamma * T));
  }
  return { floor, averaged, gamma, alpha };
}

export const NODES: readonly number[] = [1, 10, 100];
/**
 * "Does not shrink like 1/n": the floor at n = 100 stays at least 4× above the 1/n extrapolation floor(10)/10.
 * The floor behaves like a + b/n; the three-point noise has a > 0 (measured ≈ 5× above the extrapolation at
 * n = 100), Gaussian noise on this instance has a ≈ 0 (≈ 1×, so the companion refutes it at z > 6).
 */
export const ABOVE_EXTRAPOLATION = 4;

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const { trials } = budgetSizes(budget);
  const root = key(seed);
  const ctx = { id: meta.id, claim: CLAIM, seed, budget, provenance: meta.provenance };
  const instances = Math.ceil(trials / 20);
  const per = byBudget(budget, { quick: 200, default: 500, deep: 5_000 });
  const mc = (stream: number, count: number, family: Family, pool: 'deterministic' | 'random', withNoise = true, kind?: StateKind, rel?: number) =>
    Array.from({ length: count }, (_, t) => {
      const c = seededSgdCase(foldIn(foldIn(root, stream), t), family, pool, kind, rel);
      return sgdOneStep(c, per, foldIn(foldIn(root, stream + 100), t), withNoise);
    });
  const half = Math.ceil(instances / 2);
  const verdicts: Verdict[] = [
    worstOf({ ...ctx, check: `indefinite quadratics, top-k / scaled sign, Monte Carlo (${per} draws per state)` }, mc(1, instances, 'quadratic', 'deterministic')),
    worstOf({ ...ctx, check: `logistic + nonconvex regulariser, top-k / scaled sign, Monte Carlo (${per} draws per state)` }, mc(2, half, 'logistic', 'deterministic')),
    worstOf({ ...ctx, check: `indefinite quadratics, random C (exact over C given the noise), ${per} noise draws per state` }, mc(3, half, 'quadratic', 'random')),
    worstOf(
      { ...ctx, check: 'teeth: noise term removed, states g_i = ∇f_i(x), σ = 10·(gradient scale)', claim: 'E Φ(x⁺, g⁺) ≤ Φ(x, g) − (γ/2)‖∇f(x)‖²', expectation: 'may-fail' },
      mc(4, half, 'quadratic', 'deterministic', false, 'gradient', 10),
    ),
  ];

  // The neighbourhood against n.
  const T = byBudget(budget, { quick: 200, default: 600, deep: 4_000 });
  const repeats = byBudget(budget, { quick: 6, default: 12, deep: 48 });
  const rows: (string | number)[][] = [];
  const series: { name: string; points: [number, number][] }[] = [];
  const floors = new Map<string, number[]>();
  let bound = 0;
  for (const noise of ['three-point', 'gaussian'] as const) {
    const points: [number, number][] = [];
    for (const n of NODES) {
      // Small n is cheap: 4× the runs there, so the n = 10 floor is as sharp as the n = 100 one.
      const r = neighbourhood(n, noise, T, n < 100 ? 4 * repeats : repeats, foldIn(foldIn(root, noise === 'gaussian' ? 5 : 6), n));
      const m = meanSe(r.floor);
      bound = (12 * 1) / (r.alpha * r.alpha); // σ = 1, τ = 1
      floors.set(`${noise}/${n}`, r.floor);
      rows.push([noise, n, m.mean, m.se, bound]);
      points.push([n, m.mean]);
      verdicts.push(
        upperInExpectationVerdict(
          { ...ctx, check: `averaged bound, ${noise} noise, n = ${n}, ${r.floor.length} runs of ${T} rounds`, claim: '(1/T)Σ_{t<T}E‖∇f(x^t)‖² − 2Φ_0/(γT) ≤ 12σ²/(α²τ)' },
          { stats: meanSe(r.averaged), bound },
        ),
      );
    }
    series.push({ name: `${noise} noise`, points });
  }
  /** floor(100) − ABOVE_EXTRAPOLATION·floor(10)/10 from independent runs: E ≥ 0 means "not shrinking like 1/n". */
  const notOneOverN = (noise: NoiseKind): MeanSe => {
    const a = meanSe(floors.get(`${noise}/100`) ?? []);
    const b = meanSe(floors.get(`${noise}/10`) ?? []);
    const c = ABOVE_EXTRAPOLATION / 10;
    return { mean: a.mean - c * b.mean, se: Math.sqrt(a.se ** 2 + c * c * b.se ** 2), n: Math.min(a.n, b.n) };
  };
  const shrinkClaim = `floor(n=100) ≥ ${ABOVE_EXTRAPOLATION}·floor(n=10)/10 (1/n scaling: floor(n=10)/10)`;
  verdicts.push(
    lowerInExpectationVerdict({ ...ctx, check: 'three-point noise: the floor does not shrink like 1/n', claim: shrinkClaim }, { stats: notOneOverN('three-point'), bound: 0 }),
    lowerInExpectationVerdict({ ...ctx, check: 'teeth: Gaussian noise, where the floor does shrink like 1/n', claim: shrinkClaim, expectation: 'may-fail' }, { stats: notOneOverN('gaussian'), bound: 0 }),
  );
  // At quick the narrower search of the other claims: the wider one is for thin Λ-coefficient violations, which this
  // Φ with one coefficient does not have, and quick is what the test suite runs.
  return withMomentumAdversary({
    verdicts,
    tables: [
      {
        title: `EF21-SGD + top-1 on f_i = ½‖x‖², d = 2, σ = 1, γ = 1/(L + √10·L̃/α): mean ‖∇f(x^t)‖² over rounds ${Math.floor(T / 2)}…${T}`,
        columns: ['noise', 'n', 'floor', 'se', 'derived bound 12σ²/(α²τ)'],
        rows,
        caption:
          'The derived bound has no 1/n. Measured: under the three-point noise (biased once compressed) the floor levels off as n grows; under Gaussian noise it shrinks like 1/n on this instance — the n-independence is a worst case, which is what EF21-SGDM removes.',
      },
    ],
    figures: [
      {
        kind: 'line',
        name: 'floor-vs-n',
        title: 'EF21-SGD stationary neighbourhood against the number of nodes',
        x: { label: 'n', log: true },
        y: { label: 'mean ‖∇f(x^t)‖², second half of the run', log: true },
        series: [...series, { name: '12σ²/(α²τ) (derived bound)', points: NODES.map((n) => [n, bound] as [number, number]), reference: true }],
        caption: 'The bound is far above both curves (the derived constants are loose); what matters is its missing 1/n, which the three-point noise realises.',
      },
    ],
    notes: [
      `One-step check: ${instances} quadratic and ${half} logistic states (and ${half} with random C), ${per} noise draws each; σ = (1/10, 1 or 10)·sqrt((1/n)Σ‖∇f_i(x)‖²), τ ∈ {1, 4}. Each verdict shows the state with the largest z-score; with z = 6 the family-wise false-alarm rate is below ${instances}·1e-9.`,
      `Neighbourhood: n ∈ {${NODES.join(', ')}}, ${4 * repeats} independent runs of ${T} rounds for n ≤ 10 and ${repeats} for n = 100. "Does not shrink like 1/n" is judged on floor(100) − ${ABOVE_EXTRAPOLATION}·floor(10)/10 with the two standard errors combined (z = 6).`,
    ],
    }, ef21SgdMethod, meta, CLAIM, seed, budget, MEASURED, budget === 'quick' ? adversarySizes('quick') : momentumSizes(budget));
}

export const theorem: Theorem = { meta, check, adversary: { space: () => momentumSpace(ef21SgdMethod) } };
