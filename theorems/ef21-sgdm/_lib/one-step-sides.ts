/**
 * Both sides of a momentum method's one-step inequality with the expectation EXACT: Σ over the Π_i m_i joint
 * noise outcomes ω of p_ω·(f(x⁺) − f(x) + terms(state⁺_ω)), each step taken by the method's own `step` with the
 * outcome's oracle and a deterministic compressor (so this is the whole law of state_{t+1}), against
 * terms(state) − (γ/2)‖∇f(x)‖² + γN. f(x) is subtracted from both sides: f_inf cancels (it is −∞ for indefinite
 * quadratics), and f(x⁺) − f(x) = Δᵀ(A(x⁺ + x)/2 − b) is computed without the cancellation of two large values,
 * so the tolerance is relative to the inequality's own summands.
 */
import type { MomentumMethod, NodeEstimatorState } from './momentum-method.ts';
import type { Compressor } from '../../../src/compressors/types.ts';
import type { ReadonlyVector } from '../../../src/linalg/vector.ts';
import type { QuadraticNode } from '../../../src/problems/dense-quadratic.ts';
import { gradient, type Problem } from '../../../src/problems/types.ts';
import type { Sides } from '../../../src/report/verdict.ts';
import { key } from '../../../src/rng/key.ts';
import { finiteNoiseOracle, noiseOutcomes, type FiniteNoise } from './finite-noise.ts';

export interface MomentumSides extends Sides {
  readonly gamma: number;
  /** Joint noise outcomes enumerated (1 for σ = 0). */
  readonly outcomes: number;
}

export interface OneStep<S extends NodeEstimatorState> {
  readonly method: MomentumMethod<S>;
  readonly nodes: readonly QuadraticNode[];
  readonly problem: Problem;
  readonly state: S;
  readonly compressor: Compressor;
  readonly alpha: number;
  readonly eta: number;
  /** The declared bound σ ≥ max_i sqrt(E‖ξ_i‖²). */
  readonly sigma: number;
  readonly law: readonly FiniteNoise[];
  readonly gamma: number;
  /** Keep γN on the right side (false: the noise-term teeth). */
  readonly noiseTerms: boolean;
}

/**
 * f(x⁺) − f(x) for f = (1/n)Σ_i ½xᵀA_i x − b_iᵀx, as (1/n)Σ_i Δᵀ(A_i x̄ − b_i) with Δ = x⁺ − x, x̄ = (x⁺ + x)/2
 * (exact for quadratics), and the magnitude of its summands.
 */
export function objectiveChange(
  nodes: readonly QuadraticNode[],
  x: ReadonlyVector,
  xNext: ReadonlyVector,
): { value: number; scale: number } {
  const d = x.length;
  let value = 0;
  let scale = 0;
  for (const { A, b } of nodes) {
    for (let r = 0; r < d; r++) {
      const delta = xNext[r] - x[r];
      let g = -b[r];
      let mag = Math.abs(b[r]);
      const row = A[r];
      for (let c = 0; c < d; c++) {
        const t = 0.5 * row[c] * (xNext[c] + x[c]);
        g += t;
        mag += Math.abs(t);
      }
      value += delta * g;
      scale += Math.abs(delta) * mag;
    }
  }
  return { value: value / nodes.length, scale: scale / nodes.length };
}

/** (1/n)Σ_i ‖|A_i||x| + |b_i|‖: the size of the summands of the node gradients A_i x − b_i and of their mean. */
function gradientSummandSize(nodes: readonly QuadraticNode[], x: ArrayLike<number>): number {
  let s = 0;
  for (const { A, b } of nodes) {
    let t = 0;
    for (let r = 0; r < x.length; r++) {
      let m = Math.abs(b[r]);
      for (let c = 0; c < x.length; c++) m += Math.abs(A[r][c] * x[c]);
      t += m * m;
    }
    s += Math.sqrt(t);
  }
  return nodes.length === 0 ? 0 : s / nodes.length;
}

/** (1/n)Σ_i ‖v_i‖: the size of the summands of the mean (1/n)Σ_i v_i, which can cancel to nothing. */
function meanNorm(vs: readonly ArrayLike<number>[]): number {
  let s = 0;
  for (const v of vs) {
    let t = 0;
    for (let j = 0; j < v.length; j++) t += v[j] * v[j];
    s += Math.sqrt(t);
  }
  return vs.length === 0 ? 0 : s / vs.length;
}

export function oneStepSides<S extends NodeEstimatorState>(o: OneStep<S>): MomentumSides {
  const { method, problem, alpha, gamma, eta } = o;
  const now = method.terms(problem, alpha, gamma, eta, o.state);
  const grad = gradient(problem, o.state.x);
  let gg = 0;
  for (let j = 0; j < grad.length; j++) gg += grad[j] * grad[j];
  const descent = (gamma / 2) * gg;
  // ∇f_i = A_i x − b_i, ∇f = (1/n)Σ∇f_i and the step direction (1/n)Σg_i all cancel where nodes or terms pull
  // apart: their rounding is relative to the size of their summands, so those enter the scale (measured: fast-check
  // states with A x ≈ b, or ∇f_i = ±1 and ∇f ≈ 1e-14, gave sides of 1e-31 that a tolerance relative to the computed
  // values could not cover).
  const gradSize = gradientSummandSize(o.nodes, o.state.x);
  const cancellation = (gamma / 2) * gradSize * gradSize + gamma * meanNorm(o.state.gi) * gradSize;
  const noise = o.noiseTerms ? gamma * method.noiseTerm(alpha, eta, o.sigma, problem.n) : 0;
  const alg = method.build(gamma, eta, o.compressor);
  const outcomes = noiseOutcomes(o.law);
  let lhs = 0;
  let lhsScale = 0;
  for (const w of outcomes) {
    const after = alg.step(o.state, finiteNoiseOracle(problem, o.law, w, o.sigma), key(0));
    const df = objectiveChange(o.nodes, o.state.x, after.x);
    const next = method.terms(problem, alpha, gamma, eta, after);
    lhs += w.p * (df.value + next.value);
    lhsScale += w.p * (df.scale + next.scale);
  }
  return {
    lhs,
    rhs: now.value - descent + noise,
    scale: lhsScale + now.scale + descent + noise + cancellation,
    gamma,
    outcomes: outcomes.length,
  };
}
