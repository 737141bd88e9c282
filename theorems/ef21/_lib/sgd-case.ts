/**
 * One state of the EF21-SGD one-step claim and the Monte Carlo draws of its next Lyapunov value (docs/theory.md
 * §3.4): f(x⁺) + coefficient·(1/n)Σ‖g_i⁺ − ∇f_i(x⁺)‖² per noise draw. Deterministic C: real steps of
 * src/algorithms/ef21.ts. Random C: the same noise draws, with the expectation over C exact given the noise.
 * The seeded cases draw σ relative to the gradients at the state and τ ∈ {1, 4}, at the claim's step rule.
 */
import type { Compressor } from '../../../src/compressors/types.ts';
import { ef21 } from '../../../src/algorithms/ef21.ts';
import { masterStep } from '../../../src/algorithms/master-step.ts';
import { mean, type Vector } from '../../../src/linalg/vector.ts';
import { objective, type Problem } from '../../../src/problems/types.ts';
import { foldIn, split, type Key } from '../../../src/rng/key.ts';
import { integerBelow } from '../../../src/rng/sample.ts';
import { contractiveAlpha, ef21StateOf } from './ef21-step.ts';
import { seededState, seededStateKind, type Instance, type NodeState, type StateKind } from './instances.ts';
import { distortion, gradientTarget, uniformWeights, type Distortion } from './lyapunov.ts';
import { minibatchGaussian } from './minibatch-gaussian.ts';
import { seededCompressor, seededInstance, type Family, type Pool } from './seeded-trial.ts';

export interface SgdCase {
  readonly instance: Instance;
  readonly compressor: Compressor;
  readonly gamma: number;
  readonly sigma: number;
  readonly tau: number;
  readonly state: NodeState;
}

export interface NextLyapunovDraws {
  /** f(x⁺) + coefficient·(1/n)Σ‖g_i⁺ − ∇f_i(x⁺)‖², one per noise draw. */
  readonly draws: Float64Array;
  readonly before: Distortion;
  readonly xNext: Vector;
  /** The largest summand scale of the next distortion over the draws (deterministic C). */
  readonly afterScale: number;
}

export function nextLyapunovDraws(c: SgdCase, coefficient: number, samples: number, k: Key): NextLyapunovDraws {
  const { problem } = c.instance;
  const oracle = minibatchGaussian(problem, c.sigma, c.tau);
  const w = uniformWeights(problem.n);
  const target = gradientTarget(problem);
  const before = distortion(w, c.state.gi, target, c.state.x);
  const xNext = masterStep(c.state.x, c.gamma, mean(c.state.gi));
  const fNext = objective(problem, xNext);
  const alg = ef21({ gamma: c.gamma, compressor: c.compressor });
  const draws = new Float64Array(samples);
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
    draws[s] = fNext + coefficient * G;
  }
  return { draws, before, xNext, afterScale };
}

/** A seeder of cases: instance, compressor, state, γ = γ_theory, σ = (1/10, 1 or 10)·(gradient scale at x), τ ∈ {1, 4}. */
export type SgdCaseSeeder = (k: Key, family: Family, pool: Pool, kind?: StateKind, sigmaRelative?: number) => SgdCase;

/** The seeder at the claim's step rule γ_theory(problem, α). */
export function sgdCaseSeeder(stepRule: (p: Pick<Problem, 'L' | 'Li'>, alpha: number) => number): SgdCaseSeeder {
  return (k, family, pool, kind, sigmaRelative) => {
    const [kInst, kC, kState, kKind, kSigma, kTau] = split(k, 6);
    const instance = seededInstance(kInst, family);
    const { problem } = instance;
    const compressor = seededCompressor(kC, pool, problem.dim);
    const state = seededState(kState, problem, kind ?? seededStateKind(kKind));
    let gsq = 0;
    for (let i = 0; i < problem.n; i++) for (const v of problem.gradI(i, state.x)) gsq += (v * v) / problem.n;
    const rel = sigmaRelative ?? [0.1, 1, 10][integerBelow(kSigma, 3)];
    const sigma = rel * Math.sqrt(gsq + 1e-300);
    const tau = [1, 4][integerBelow(kTau, 2)];
    return { instance, compressor, gamma: stepRule(problem, contractiveAlpha(compressor)), sigma, tau, state };
  };
}
