/**
 * ef-sgd-absolute-bound on runs: EF-SGD (src/algorithms/ef14.ts) with the hard threshold on least squares with
 * Gaussian gradient noise, at γ = 1/(2L), against the averaged bound summed from the one-step inequality
 * (docs/theory.md §8, derived form [D]):
 *   (1/T)Σ_{t<T} E‖∇f(x^t)‖² ≤ 4(f(x⁰) − f_inf)/(γT) + 2Lγσ²/n + 2L²γ²Δ²,   Δ² = dλ².
 * Each run gives one sample of the left side; the run also records the largest memory ‖e_i^t‖² it met, against Δ²
 * (the contract the derivation rests on, met on the runs).
 */
import { ef14 } from '../../../src/algorithms/ef14.ts';
import { hardThreshold } from '../../../src/compressors/hard-threshold.ts';
import { partition } from '../../../src/data/partition.ts';
import { syntheticDataset } from '../../../src/data/synthetic.ts';
import { norm2sq } from '../../../src/linalg/vector.ts';
import { gaussianOracle } from '../../../src/oracles/gaussian.ts';
import type { Oracle } from '../../../src/oracles/types.ts';
import { leastSquares } from '../../../src/problems/least-squares.ts';
import { gradient, objective } from '../../../src/problems/types.ts';
import { foldIn, type Key } from '../../../src/rng/key.ts';
import type { LineFigure } from '../../types.ts';
import { seededTrials } from '../../_lib/seeded-trials.ts';
import { stepSize } from './absolute-one-step.ts';

/** The runs' setting: least squares on 200 synthetic rows, d = 20, over n = 4 nodes; σ and λ relative to ∇f(x⁰). */
export const RUNS = { rows: 200, d: 20, n: 4, sigmaOverGrad: 0.1, lambdaOverGrad: [0.1, 1] } as const;

export interface RunSetting {
  readonly oracle: Oracle;
  readonly gamma: number;
  readonly sigma: number;
  /** f(x⁰) − f_inf at x⁰ = 0. */
  readonly gap0: number;
  /** ‖∇f(x⁰)‖. */
  readonly grad0: number;
}

export function runSetting(dataKey: Key): RunSetting {
  const problem = leastSquares(
    partition(syntheticDataset({ m: RUNS.rows, dim: RUNS.d, task: 'regression', key: dataKey }), RUNS.n),
  );
  if (!problem.fInfExact) throw new RangeError('ef-sgd-absolute-bound: the runs need the exact f_inf');
  const x0 = new Float64Array(RUNS.d);
  const grad0 = Math.sqrt(norm2sq(gradient(problem, x0)));
  const sigma = RUNS.sigmaOverGrad * grad0;
  return {
    oracle: gaussianOracle(problem, sigma),
    gamma: stepSize(problem.L),
    sigma,
    gap0: objective(problem, x0) - problem.fInf,
    grad0,
  };
}

/** The averaged bound after T rounds, and its three terms. */
export function averagedBound(s: RunSetting, deltaSq: number, T: number): { bound: number; terms: number[] } {
  const { L, n } = s.oracle.problem;
  const terms = [
    (4 * s.gap0) / (s.gamma * T),
    (2 * L * s.gamma * s.sigma ** 2) / n,
    2 * L ** 2 * s.gamma ** 2 * deltaSq,
  ];
  return { bound: terms[0] + terms[1] + terms[2], terms };
}

export interface AbsoluteRun {
  /** ‖∇f(x^t)‖² for t = 0…T−1. */
  readonly gradSq: Float64Array;
  /** max_{t,i} ‖e_i^t‖². */
  readonly maxMemorySq: number;
}

/** One run of T rounds from x⁰ = 0 (round t's key foldIn(runKey, t + 1), init foldIn(runKey, 0)). */
export function absoluteRun(s: RunSetting, lambda: number, T: number, runKey: Key): AbsoluteRun {
  const problem = s.oracle.problem;
  const method = ef14({ gamma: s.gamma, compressor: hardThreshold(problem.dim, lambda) });
  let state = method.init(s.oracle, foldIn(runKey, 0));
  const gradSq = new Float64Array(T);
  let maxMemorySq = 0;
  for (let t = 0; t < T; t++) {
    gradSq[t] = norm2sq(gradient(problem, state.x));
    for (const e of state.ei) maxMemorySq = Math.max(maxMemorySq, norm2sq(e));
    state = method.step(state, s.oracle, foldIn(runKey, t + 1));
  }
  return { gradSq, maxMemorySq };
}

/** `count` seeded runs per λ = c·‖∇f(x⁰)‖/√d, c in RUNS.lambdaOverGrad (stream l for the l-th λ). */
export function runsByLambda(
  s: RunSetting,
  root: Key,
  count: number,
  T: number,
): { lambda: number; runs: AbsoluteRun[] }[] {
  const d = s.oracle.problem.dim;
  return RUNS.lambdaOverGrad.map((c, l) => {
    const lambda = (c * s.grad0) / Math.sqrt(d);
    return { lambda, runs: seededTrials(root, l, count, (k) => absoluteRun(s, lambda, T, k)) };
  });
}

/** (1/T)Σ_{t<T}‖∇f(x^t)‖² of a run. */
export function runAverage(r: AbsoluteRun): number {
  let s = 0;
  for (const g of r.gradSq) s += g;
  return s / r.gradSq.length;
}

/** The measured running average (mean over runs) against the bound, per λ, at logarithmically spaced T. */
export function boundFigure(s: RunSetting, byLambda: readonly { lambda: number; runs: AbsoluteRun[] }[]): LineFigure {
  const T = byLambda[0].runs[0].gradSq.length;
  const marks: number[] = [];
  for (let m = 1; m <= T; m = Math.max(m + 1, Math.round(m * 1.25))) marks.push(m);
  if (marks[marks.length - 1] !== T) marks.push(T);
  const d = s.oracle.problem.dim;
  return {
    kind: 'line',
    name: 'bound-vs-measured',
    title: 'EF-SGD, hard threshold: running average of ‖∇f(x^t)‖² against the derived bound',
    x: { label: 'rounds T', log: true },
    y: { label: '(1/T)Σ‖∇f(x^t)‖²', log: true },
    series: byLambda.flatMap(({ lambda, runs }) => {
      const cumulative = new Float64Array(T);
      for (const r of runs) {
        let acc = 0;
        for (let t = 0; t < T; t++) {
          acc += r.gradSq[t];
          cumulative[t] += acc / (t + 1) / runs.length;
        }
      }
      const label = `λ = ${lambda.toPrecision(3)}`;
      return [
        { name: `measured, ${label}`, points: marks.map((m) => [m, cumulative[m - 1]] as [number, number]) },
        {
          name: `bound, ${label}`,
          points: marks.map((m) => [m, averagedBound(s, d * lambda * lambda, m).bound] as [number, number]),
          reference: true,
        },
      ];
    }),
    caption:
      'Mean over runs of (1/T)Σ_{t<T}‖∇f(x^t)‖², and the bound 4(f(x⁰) − f_inf)/(γT) + 2Lγσ²/n + 2L²γ²dλ² at γ = 1/(2L). The bound’s floor is set by λ through its memory term dλ²/2; the measured averages, still falling as the early rounds are averaged out, differ between the two λ by far less: the memories stay inside the ball of radius Δ, and their mean ē is shorter still.',
  };
}
