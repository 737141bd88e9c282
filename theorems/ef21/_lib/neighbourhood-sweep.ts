/**
 * EF21-SGD's stationary neighbourhood against n (docs/theory.md §3.4): EF21-SGD + top-1 on f_i = ½‖x‖², d = 2,
 * σ = 1, under Gaussian noise and under the three-point noise of the EF21-SGDM lower bound (src/oracles/three-point.ts).
 * Per n: the floor (mean ‖∇f(x^t)‖² over the second half of the run) and the averaged bound (1/T)Σ‖∇f‖² − 2Φ_0/(γT)
 * ≤ 12σ²/(α²τ); across n: whether the floor shrinks like 1/n, judged on floor(100) − c·floor(10)/10.
 */
import { parseCompressorSpec } from '../../../src/compressors/registry.ts';
import { ef21 } from '../../../src/algorithms/ef21.ts';
import { trajectory } from '../../../src/algorithms/run.ts';
import { gaussianOracle } from '../../../src/oracles/gaussian.ts';
import { threePointOracle } from '../../../src/oracles/three-point.ts';
import { diagonalQuadratic } from '../../../src/problems/diagonal-quadratic.ts';
import { objective, type Problem } from '../../../src/problems/types.ts';
import { foldIn, type Key } from '../../../src/rng/key.ts';
import { meanSe, type MeanSe } from '../../../src/stats/mean-se.ts';
import {
  lowerInExpectationVerdict,
  upperInExpectationVerdict,
  type Verdict,
  type VerdictContext,
} from '../../../src/report/verdict.ts';
import { byBudget, type Budget, type LineFigure, type TableSpec } from '../../types.ts';
import { contractiveAlpha } from './ef21-step.ts';
import { distortion, gradientTarget, uniformWeights } from './lyapunov.ts';

export type NoiseKind = 'gaussian' | 'three-point';

/** The claim's step rule, handed in so that this file carries no constant of its own. */
export type StepRule = (p: Pick<Problem, 'L' | 'Li'>, alpha: number) => number;

/**
 * Mean of ‖∇f(x^t)‖² over the second half of T rounds of EF21-SGD + top-1 on f_i = ½‖x‖² (d = 2, n nodes, σ = 1,
 * γ = γ_theory), one value per repeat; plus (1/T)Σ_{t<T}‖∇f(x^t)‖² − 2Φ_0/(γT) for the averaged bound.
 */
export function neighbourhood(
  n: number,
  noise: NoiseKind,
  T: number,
  repeats: number,
  k: Key,
  stepRule: StepRule,
): { floor: number[]; averaged: number[]; gamma: number; alpha: number } {
  const problem = diagonalQuadratic(Array.from({ length: n }, () => [1, 1]));
  const C = parseCompressorSpec('top-k:k=1', 2);
  const alpha = contractiveAlpha(C);
  const gamma = stepRule(problem, alpha);
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

export interface NeighbourhoodSweep {
  /** The averaged bound per (noise, n), then "does not shrink like 1/n" (three-point) and its teeth (Gaussian). */
  readonly verdicts: readonly Verdict[];
  readonly table: TableSpec;
  readonly figure: LineFigure;
  readonly note: string;
}

/** `aboveExtrapolation`: the floor at the largest n must stay this many times above the 1/n extrapolation floor(10)·10/n. */
export function neighbourhoodSweep(
  ctx: Omit<VerdictContext, 'check' | 'claim'>,
  budget: Budget,
  root: Key,
  nodes: readonly number[],
  aboveExtrapolation: number,
  stepRule: StepRule,
): NeighbourhoodSweep {
  const T = byBudget(budget, { quick: 200, default: 600, deep: 4_000 });
  const repeats = byBudget(budget, { quick: 6, default: 12, deep: 48 });
  const verdicts: Verdict[] = [];
  const rows: (string | number)[][] = [];
  const series: { name: string; points: [number, number][] }[] = [];
  const floors = new Map<string, number[]>();
  let bound = 0;
  for (const noise of ['three-point', 'gaussian'] as const) {
    const points: [number, number][] = [];
    for (const n of nodes) {
      // Small n is cheap: 4× the runs there, so the n = 10 floor is as sharp as the n = 100 one.
      const r = neighbourhood(
        n,
        noise,
        T,
        n < 100 ? 4 * repeats : repeats,
        foldIn(foldIn(root, noise === 'gaussian' ? 5 : 6), n),
        stepRule,
      );
      const m = meanSe(r.floor);
      bound = (12 * 1) / (r.alpha * r.alpha); // σ = 1, τ = 1
      floors.set(`${noise}/${n}`, r.floor);
      rows.push([noise, n, m.mean, m.se, bound]);
      points.push([n, m.mean]);
      verdicts.push(
        upperInExpectationVerdict(
          {
            ...ctx,
            check: `averaged bound, ${noise} noise, n = ${n}, ${r.floor.length} runs of ${T} rounds`,
            claim: '(1/T)Σ_{t<T}E‖∇f(x^t)‖² − 2Φ_0/(γT) ≤ 12σ²/(α²τ)',
          },
          { stats: meanSe(r.averaged), bound },
        ),
      );
    }
    series.push({ name: `${noise} noise`, points });
  }
  /** floor(100) − aboveExtrapolation·floor(10)/10 from independent runs: E ≥ 0 means "not shrinking like 1/n". */
  const notOneOverN = (noise: NoiseKind): MeanSe => {
    const a = meanSe(floors.get(`${noise}/100`) ?? []);
    const b = meanSe(floors.get(`${noise}/10`) ?? []);
    const c = aboveExtrapolation / 10;
    return { mean: a.mean - c * b.mean, se: Math.sqrt(a.se ** 2 + c * c * b.se ** 2), n: Math.min(a.n, b.n) };
  };
  const shrinkClaim = `floor(n=100) ≥ ${aboveExtrapolation}·floor(n=10)/10 (1/n scaling: floor(n=10)/10)`;
  verdicts.push(
    lowerInExpectationVerdict(
      { ...ctx, check: 'three-point noise: the floor does not shrink like 1/n', claim: shrinkClaim },
      { stats: notOneOverN('three-point'), bound: 0 },
    ),
    lowerInExpectationVerdict(
      {
        ...ctx,
        check: 'teeth: Gaussian noise, where the floor does shrink like 1/n',
        claim: shrinkClaim,
        expectation: 'may-fail',
      },
      { stats: notOneOverN('gaussian'), bound: 0 },
    ),
  );
  return {
    verdicts,
    table: {
      title: `EF21-SGD + top-1 on f_i = ½‖x‖², d = 2, σ = 1, γ = 1/(L + √10·L̃/α): mean ‖∇f(x^t)‖² over rounds ${Math.floor(T / 2)}…${T}`,
      columns: ['noise', 'n', 'floor', 'se', 'derived bound 12σ²/(α²τ)'],
      rows,
      caption:
        'The derived bound has no 1/n. Measured: under the three-point noise (biased once compressed) the floor levels off as n grows; under Gaussian noise it shrinks like 1/n on this instance — the n-independence is a worst case, which is what EF21-SGDM removes.',
    },
    figure: {
      kind: 'line',
      name: 'floor-vs-n',
      title: 'EF21-SGD stationary neighbourhood against the number of nodes',
      x: { label: 'n', log: true },
      y: { label: 'mean ‖∇f(x^t)‖², second half of the run', log: true },
      series: [
        ...series,
        {
          name: '12σ²/(α²τ) (derived bound)',
          points: nodes.map((n) => [n, bound] as [number, number]),
          reference: true,
        },
      ],
      caption:
        'The bound is far above both curves (the derived constants are loose); what matters is its missing 1/n, which the three-point noise realises.',
    },
    note: `Neighbourhood: n ∈ {${nodes.join(', ')}}, ${4 * repeats} independent runs of ${T} rounds for n ≤ 10 and ${repeats} for n = 100. "Does not shrink like 1/n" is judged on floor(100) − ${aboveExtrapolation}·floor(10)/10 with the two standard errors combined (z = 6).`,
  };
}
