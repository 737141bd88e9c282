/**
 * A run of EF21 recorded for the rate corollary (docs/theory.md §3.2): ‖∇f(x^t)‖² for t < T and Φ_0 =
 * f(x⁰) − f_inf + (γ/(2θ))(1/n)Σ‖g_i⁰ − ∇f_i(x⁰)‖², the constant of the bound 2Φ_0/(γT), with its summand scale.
 */
import { parseCompressorSpec } from '../../../src/compressors/registry.ts';
import type { Compressor } from '../../../src/compressors/types.ts';
import { ef21, type EF21State } from '../../../src/algorithms/ef21.ts';
import { trajectory } from '../../../src/algorithms/run.ts';
import { norm2sq } from '../../../src/linalg/vector.ts';
import { exactOracle } from '../../../src/oracles/exact.ts';
import { gradient, objective } from '../../../src/problems/types.ts';
import { foldIn, type Key } from '../../../src/rng/key.ts';
import { ef21Gamma, theta as thetaOf } from './constants.ts';
import { contractiveAlpha, ef21StateOf } from './ef21-step.ts';
import { quadraticInstance, seededQuadratic, seededState, type Instance, type NodeState } from './instances.ts';
import { distortion, gradientTarget, uniformWeights } from './lyapunov.ts';
import type { LineFigure } from '../../types.ts';

/** Φ_0 − f_inf's summand size and value: f(x⁰) − f_inf + (γ/(2θ))G_0. */
export function initialLyapunov(
  instance: Instance,
  theta: number,
  gamma: number,
  start: NodeState,
): { value: number; scale: number } {
  const { problem } = instance;
  const G = distortion(uniformWeights(problem.n), start.gi, gradientTarget(problem), start.x);
  const coef = gamma / (2 * theta);
  return {
    value: objective(problem, start.x) - problem.fInf + coef * G.value,
    scale: instance.fScale(start.x) + Math.abs(problem.fInf) + coef * G.scale,
  };
}

export interface RateRun {
  /** ‖∇f(x^t)‖² for t = 0…T−1 (fewer if the run diverged: the rest count as +∞). */
  readonly gradNormSq: readonly number[];
  readonly phi0: { readonly value: number; readonly scale: number };
}

/** T rounds from an arbitrary `start`, stepping src/algorithms/ef21.ts with the keys run.ts would use. */
export function rateRun(
  instance: Instance,
  C: Compressor,
  gamma: number,
  start: NodeState,
  T: number,
  k: Key,
): RateRun {
  const { problem } = instance;
  const theta = thetaOf(contractiveAlpha(C));
  const oracle = exactOracle(problem);
  const alg = ef21({ gamma, compressor: C });
  const gradNormSq: number[] = [];
  let s: EF21State = ef21StateOf(start);
  for (let t = 0; t < T; t++) {
    const gn = norm2sq(gradient(problem, s.x));
    if (!Number.isFinite(gn)) break;
    gradNormSq.push(gn);
    s = alg.step(s, oracle, foldIn(k, t));
  }
  return { gradNormSq, phi0: initialLyapunov(instance, theta, gamma, start) };
}

/** The run from EF21's own initialisation g_i⁰ = ∇f_i(x⁰) (G_0 = 0), through run.ts's trajectory. */
export function ownStartRun(
  instance: Instance,
  C: Compressor,
  gamma: number,
  x0: Float64Array,
  T: number,
  k: Key,
): RateRun {
  const { problem } = instance;
  const theta = thetaOf(contractiveAlpha(C));
  const tr = trajectory(ef21({ gamma, compressor: C, x0 }), exactOracle(problem), T, k);
  const gi = Array.from({ length: problem.n }, (_, i) => problem.gradI(i, x0));
  return { gradNormSq: tr.gradNormSq.slice(0, T), phi0: initialLyapunov(instance, theta, gamma, { x: x0, gi }) };
}

/** ef21-rate's picture: the running average (1/T)Σ_{t<T}‖∇f(x^t)‖² against 2Φ_0/(γT) along one run. */
export function runningAverageFigure(run: RateRun, gamma: number): LineFigure {
  const avg: [number, number][] = [];
  const bound: [number, number][] = [];
  let sum = 0;
  run.gradNormSq.forEach((g, t) => {
    sum += g;
    avg.push([t + 1, sum / (t + 1)]);
    bound.push([t + 1, (2 * run.phi0.value) / (gamma * (t + 1))]);
  });
  return {
    kind: 'line',
    name: 'running-average',
    title: 'EF21 + top-1, positive definite quadratic (n = 4, d = 6), g_i⁰ = 0',
    x: { label: 'T', log: true },
    y: { label: '(1/T)Σ_{t<T}‖∇f(x^t)‖²', log: true },
    series: [
      { name: 'running average', points: avg },
      { name: '2Φ_0/(γT)', points: bound, reference: true },
    ],
    caption:
      'The bound decays like 1/T; the running average of a linearly converging run decays like 1/T too, below it.',
  };
}

/** That picture's run: one positive definite quadratic (n = 4, d = 6), top-1, γ = γ_max, x⁰ random and g_i⁰ = 0. */
export function runningAverageExample(root: Key, T: number): LineFigure {
  const instance = quadraticInstance(seededQuadratic(foldIn(root, 4), 4, 6, 'positive-definite'));
  const C = parseCompressorSpec('top-k:k=1', 6);
  const gamma = ef21Gamma(instance.problem, contractiveAlpha(C));
  const s = seededState(foldIn(root, 5), instance.problem, 'random');
  const start = { x: s.x, gi: s.gi.map((g) => new Float64Array(g.length)) };
  return runningAverageFigure(rateRun(instance, C, gamma, start, T, foldIn(root, 6)), gamma);
}
