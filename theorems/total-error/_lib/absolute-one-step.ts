/**
 * EF-SGD's one-step inequality with an absolute compressor, both sides (docs/theory.md §8, derived form [D]). With
 * z = x − γg − γē the corrected iterate of an ef14.ts state (ef14VirtualIterate), x⁺ = x − γg the point where the
 * next gradients are drawn and z⁺ = z − γḡ(x⁺) the next corrected iterate,
 *   E f(z⁺) − f(z) ≤ −(γ/4)‖∇f(x⁺)‖² + Lγ²σ²/(2n) + L²γ³Δ²/2   for γ ≤ 1/(2L),
 * with ‖e_i‖² ≤ Δ² (the absolute contract), per-node noise E‖ĝ_i − ∇f_i‖² ≤ σ² independent over nodes. Two
 * evaluations of the left side: through the method (ef14.ts's own step, E over two-point noise ±v_i enumerated over
 * the 2ⁿ sign patterns) and in closed form for a quadratic f (what the adversary climbs); the spec ties them.
 */
import { ef14, type EF14State } from '../../../src/algorithms/ef14.ts';
import { ef14VirtualIterate } from '../../../src/algorithms/ef14-virtual-iterate.ts';
import type { Compressor } from '../../../src/compressors/types.ts';
import { dot, norm2sq, type ReadonlyVector, type Vector } from '../../../src/linalg/vector.ts';
import type { Oracle } from '../../../src/oracles/types.ts';
import { gradient, objective, type Problem } from '../../../src/problems/types.ts';
import { key } from '../../../src/rng/key.ts';
import type { Sides } from '../../../src/report/verdict.ts';

/** γ = STEP_FRACTION/L is the largest step of the checked form: 1 − Lγ ≥ 1/2 turns (γ/2)(1 − Lγ) into γ/4 [D]. */
export const STEP_FRACTION = 1 / 2;

/** γ = multiplier·STEP_FRACTION/L. */
export function stepSize(L: number, multiplier = 1): number {
  return (multiplier * STEP_FRACTION) / L;
}

/** The scalars the right side needs, and `deltaFactor` (1 in the claim; the teeth use 1/4). */
export interface BoundTerms {
  readonly L: number;
  readonly gamma: number;
  readonly n: number;
  /** ‖∇f(x⁺)‖². */
  readonly gradSq: number;
  /** Per-node noise bound σ². */
  readonly sigmaSq: number;
  /** The absolute contract's Δ². */
  readonly deltaSq: number;
  readonly deltaFactor?: number;
}

/** −(γ/4)‖∇f(x⁺)‖² + Lγ²σ²/(2n) + L²γ³·deltaFactor·Δ²/2 and Σ|summands|. */
export function rightSide(t: BoundTerms): { rhs: number; scale: number } {
  const descent = (t.gamma / 4) * t.gradSq;
  const noise = (t.L * t.gamma ** 2 * t.sigmaSq) / (2 * t.n);
  const memory = (t.L ** 2 * t.gamma ** 3 * (t.deltaFactor ?? 1) * t.deltaSq) / 2;
  return { rhs: -descent + noise + memory, scale: descent + noise + memory };
}

/** A quadratic instance in the adversary's coordinates: Hessian A (row-major d×d, symmetric), ∇f(z), e_i, v_i. */
export interface QuadraticStep {
  readonly A: ReadonlyVector;
  readonly gradZ: ReadonlyVector;
  readonly e: readonly ReadonlyVector[];
  readonly v: readonly ReadonlyVector[];
}

function matVec(A: ReadonlyVector, x: ReadonlyVector): Vector {
  const d = x.length;
  const out = new Float64Array(d);
  for (let r = 0; r < d; r++) {
    let s = 0;
    for (let c = 0; c < d; c++) s += A[r * d + c] * x[c];
    out[r] = s;
  }
  return out;
}

/**
 * Closed form for f quadratic with Hessian A: x⁺ − z = γē, so ∇f(x⁺) = ∇f(z) + γAē =: a, and with ξ̄ = (1/n)Σ ±v_i
 * (independent fair signs) E f(z − γ(a + ξ̄)) − f(z) = −γ⟨∇f(z), a⟩ + (γ²/2)aᵀAa + (γ²/(2n²))Σ_i v_iᵀAv_i.
 */
export function quadraticSides(q: QuadraticStep, L: number, gamma: number, deltaFactor = 1): Sides {
  const n = q.e.length;
  const d = q.gradZ.length;
  const eBar = new Float64Array(d);
  for (const e of q.e) for (let j = 0; j < d; j++) eBar[j] += e[j] / n;
  const Ae = matVec(q.A, eBar);
  const a = Float64Array.from(q.gradZ, (g, j) => g + gamma * Ae[j]);
  const cross = gamma * dot(q.gradZ, a);
  const curvature = (gamma ** 2 / 2) * dot(a, matVec(q.A, a));
  let noiseSum = 0;
  let noiseAbs = 0;
  for (const v of q.v) {
    const w = dot(v, matVec(q.A, v));
    noiseSum += w;
    noiseAbs += Math.abs(w);
  }
  const noiseScale = gamma ** 2 / (2 * n * n);
  const lhs = -cross + curvature + noiseScale * noiseSum;
  const r = rightSide({
    L,
    gamma,
    n,
    gradSq: norm2sq(a),
    sigmaSq: Math.max(...q.v.map(norm2sq)),
    deltaSq: Math.max(...q.e.map(norm2sq)),
    deltaFactor,
  });
  return { lhs, rhs: r.rhs, scale: Math.abs(cross) + Math.abs(curvature) + noiseScale * noiseAbs + r.scale };
}

/** One EF14 state on a problem, with the compressor, the per-node noise vectors v_i and the declared σ². */
export interface MethodStep {
  readonly problem: Problem;
  readonly compressor: Compressor;
  /** The hard threshold's λ: Δ² = dλ² is computed here from it, not read from the contract the claim relies on. */
  readonly lambda: number;
  readonly state: EF14State;
  readonly v: readonly ReadonlyVector[];
}

/** ∇f_i(x) + s_i v_i with the signs s fixed: one outcome of the two-point noise. */
function signedOracle(problem: Problem, v: readonly ReadonlyVector[], signs: number): Oracle {
  return {
    name: 'two-point',
    problem,
    sigma: Math.sqrt(Math.max(...v.map(norm2sq))),
    shared: false,
    gradI: (i, x) => {
      const g = problem.gradI(i, x);
      const s = (signs >> i) & 1 ? -1 : 1;
      for (let j = 0; j < g.length; j++) g[j] += s * v[i][j];
      return g;
    },
  };
}

/**
 * Both sides through the method: E f(z⁺) by running ef14.ts's step once per sign pattern (2ⁿ outcomes, equally
 * likely), Δ² = dλ² (§8, written here; the catalogue checks the compressor's declaration), σ² = max_i‖v_i‖². Also
 * the closed form of E f(z⁺) − f(z) for the quadratic problem (Av = ∇f(v) − ∇f(0)), for the identity check.
 */
export function methodSides(m: MethodStep, multiplier = 1, deltaFactor = 1): Sides & { closed: number } {
  const { problem, compressor, state, v } = m;
  if (compressor.contract.kind !== 'absolute') throw new RangeError(`${compressor.name}: not an absolute compressor`);
  const gamma = stepSize(problem.L, multiplier);
  const n = problem.n;
  const method = ef14({ gamma, compressor });
  const z = ef14VirtualIterate(state, gamma);
  const fz = objective(problem, z);
  let sum = 0;
  let abs = Math.abs(fz);
  for (let signs = 0; signs < 2 ** n; signs++) {
    const next = method.step(state, signedOracle(problem, v, signs), key(0));
    const fNext = objective(problem, ef14VirtualIterate(next, gamma));
    sum += fNext;
    abs += Math.abs(fNext) / 2 ** n;
  }
  const lhs = sum / 2 ** n - fz;
  const xNext = Float64Array.from(state.x, (x, j) => x - gamma * state.g[j]);
  const grad = gradient(problem, xNext);
  const r = rightSide({
    L: problem.L,
    gamma,
    n,
    gradSq: norm2sq(grad),
    sigmaSq: Math.max(...v.map(norm2sq)),
    deltaSq: state.x.length * m.lambda * m.lambda,
    deltaFactor,
  });
  const g0 = gradient(problem, new Float64Array(z.length));
  const hess = (u: ReadonlyVector): number => dot(u, gradient(problem, u)) - dot(u, g0);
  const step = Float64Array.from(z, (zj, j) => zj - gamma * grad[j]);
  let noise = 0;
  for (const u of v) noise += hess(u);
  const closed = objective(problem, step) - fz + (gamma ** 2 / (2 * n * n)) * noise;
  return { lhs, rhs: r.rhs, scale: abs + r.scale, closed };
}
