/**
 * Ψ along an EF21 trajectory under PL (docs/theory.md §3.3): Ψ_t = f(x^t) − f* + (γ/θ)(1/n)Σ‖g_i^t − ∇f_i(x^t)‖²,
 * the prefix where Ψ_t ≤ (1 − γμ)^t Ψ_0 has the least room (as a trial of ef21-pl's trajectory check), and
 * ef21-pl's picture of both.
 */
import { parseCompressorSpec } from '../../../src/compressors/registry.ts';
import type { Compressor } from '../../../src/compressors/types.ts';
import { ef21 } from '../../../src/algorithms/ef21.ts';
import { exactOracle } from '../../../src/oracles/exact.ts';
import { foldIn, type Key } from '../../../src/rng/key.ts';
import type { Sides, Trial } from '../../../src/report/verdict.ts';
import type { LineFigure } from '../../types.ts';
import { theta as thetaOf } from './constants.ts';
import { contractiveAlpha, ef21StateOf } from './ef21-step.ts';
import { quadraticInstance, seededQuadratic, seededState, type Instance, type NodeState } from './instances.ts';
import { distortion, gradientTarget, uniformWeights } from './lyapunov.ts';
import { plConstants, plStepSize, type PlTrial } from './seeded-pl-trial.ts';

/** Ψ_0, …, Ψ_T from `state` at step γ (deterministic C), with the summand scale of each. */
export function psiTrajectory(
  instance: Instance,
  C: Compressor,
  gamma: number,
  state: NodeState,
  T: number,
  k: Key,
  fStar: number,
): { psi: number[]; scale: number[] } {
  const { problem } = instance;
  const theta = thetaOf(contractiveAlpha(C));
  const c = uniformWeights(problem.n);
  const target = gradientTarget(problem);
  const alg = ef21({ gamma, compressor: C });
  const oracle = exactOracle(problem);
  let s = ef21StateOf(state);
  const psi: number[] = [];
  const scale: number[] = [];
  for (let t = 0; t <= T; t++) {
    const G = distortion(c, s.gi, target, s.x);
    let f = 0;
    for (let i = 0; i < problem.n; i++) f += problem.fI(i, s.x) / problem.n;
    psi.push(f - fStar + (gamma / theta) * G.value);
    scale.push(instance.fScale(s.x) + Math.abs(fStar) + (gamma / theta) * G.scale);
    if (t < T) s = alg.step(s, oracle, foldIn(k, t));
  }
  return { psi, scale };
}

/** The prefix t ∈ 1…T with the smallest scale-free margin of Ψ_t ≤ factor^t·Ψ_0 (factor = 1 − γμ). */
export function worstContraction(
  psi: readonly number[],
  scale: readonly number[],
  factor: number,
): (Sides & { readonly t: number }) | undefined {
  let worst: (Sides & { t: number }) | undefined;
  let worstMargin = Infinity;
  for (let t = 1; t < psi.length; t++) {
    const rhs = factor ** t * psi[0];
    const s = scale[t] + factor ** t * scale[0];
    const margin = (rhs - psi[t]) / s;
    if (margin < worstMargin) {
      worstMargin = margin;
      worst = { lhs: psi[t], rhs, scale: s, t };
    }
  }
  return worst;
}

/**
 * A trial's trajectory of T rounds at its own γ, judged at its tightest prefix: lhs = Ψ_t, rhs = (1 − γμ)^t Ψ_0
 * (none for T = 0).
 */
export function worstPsiPrefix(tr: PlTrial, T: number, k: Key): Trial[] {
  const { mu, fStar } = plConstants(tr.instance);
  const { psi, scale } = psiTrajectory(tr.instance, tr.compressor, tr.gamma, tr.state, T, k, fStar);
  const w = worstContraction(psi, scale, 1 - tr.gamma * mu);
  if (w === undefined) return [];
  const instance = { problem: tr.instance.json, compressor: tr.compressor.name, t: w.t };
  return [{ lhs: w.lhs, rhs: w.rhs, scale: w.scale, instance }];
}

/** ef21-pl's picture: one positive definite quadratic (n = 4, d = 6), top-1, the theory's step, a random state. */
export function psiExampleFigure(root: Key, rounds: number): LineFigure {
  const instance = quadraticInstance(seededQuadratic(foldIn(root, 7), 4, 6, 'positive-definite'));
  const C = parseCompressorSpec('top-k:k=1', 6);
  const gamma = plStepSize(instance, C);
  const { mu, fStar } = plConstants(instance);
  const state = seededState(foldIn(root, 8), instance.problem, 'random');
  const { psi } = psiTrajectory(instance, C, gamma, state, Math.min(rounds, 400), foldIn(root, 9), fStar);
  return psiFigure(psi, gamma, mu);
}

/** Ψ_t against (1 − γμ)^t Ψ_0 on one run. */
export function psiFigure(psi: readonly number[], gamma: number, mu: number): LineFigure {
  return {
    kind: 'line',
    name: 'psi-trajectory',
    title: 'EF21 + top-1 under PL: Ψ_t against (1 − γμ)^t Ψ_0 (n = 4, d = 6)',
    x: { label: 't' },
    y: { label: 'Ψ_t', log: true },
    series: [
      { name: 'Ψ_t', points: psi.map((v, t) => [t, v] as [number, number]) },
      {
        name: '(1 − γμ)^t Ψ_0',
        points: psi.map((_, t) => [t, (1 - gamma * mu) ** t * psi[0]] as [number, number]),
        reference: true,
      },
    ],
    caption: `γ = ${gamma.toPrecision(3)} (the theory's step), μ = ${mu.toPrecision(3)}. The guaranteed rate is slow; the run is much faster.`,
  };
}
