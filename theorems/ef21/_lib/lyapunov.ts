/**
 * The pieces every EF21-family Lyapunov check is built from (docs/theory.md §3.2–§3.5, §4.2). All of them have the form
 *   Φ(x, g) = f(x) − f_inf + coefficient · Σ_i c_i ‖g_i − h_i(x)‖²
 * with a node target h_i (∇f_i for EF21, ∇f_i/(n w_i) for EF21-W) and node weights c_i (1/n for EF21, (1/n)L_AM/L_i
 * for the improved analysis, w_i for EF21-W). One step of the method, from ANY state, must satisfy
 *   Φ(x⁺, g⁺) ≤ Φ(x, g) − (γ/2)‖∇f(x)‖² (+ a noise term for EF21-SGD),
 * pathwise for deterministic compressors and in expectation otherwise. f_inf cancels from the difference, so it is
 * never computed (indefinite quadratics have f_inf = −∞). Only the PL form needs f*.
 *
 * The next distortion Σ_i c_i‖g_i⁺ − h_i(x⁺)‖² comes either from a state the real algorithm produced (pathwise) or
 * in exact expectation: g_i⁺ − h_i(x⁺) = C(u_i) − u_i with u_i = h_i(x⁺) − g_i when node i sends, and −u_i when it
 * is silent (EF21-PP), so only E‖C(u_i) − u_i‖² is needed — the compressor's expectation() (linearity over the
 * participation coin, docs/theory.md §3.5).
 */
import type { Compressor } from '../../../src/compressors/types.ts';
import { norm2 } from '../../../src/linalg/norms.ts';
import { norm2sq, type ReadonlyVector, type Vector } from '../../../src/linalg/vector.ts';
import { key } from '../../../src/rng/key.ts';
import { gradient, objective, type Problem } from '../../../src/problems/types.ts';
import type { Sides } from '../../../src/report/verdict.ts';
import type { Instance } from './instances.ts';

/** Node target h_i(x). */
export type Target = (i: number, x: ReadonlyVector) => Vector;

/** A weighted sum of squared distances with the size of its summands. */
export interface Distortion {
  /** Σ_i c_i ‖g_i − h_i‖². */
  readonly value: number;
  /** Σ_i c_i (‖g_i‖ + ‖h_i‖)²: the size of the summands of the differences before they cancel. */
  readonly scale: number;
}

/** ∇f_i(x): EF21's target. */
export const gradientTarget =
  (problem: Problem): Target =>
  (i, x) =>
    problem.gradI(i, x);

/** c_i = 1/n: EF21's G = (1/n)Σ‖g_i − ∇f_i(x)‖² [Richtárik et al. 2021, Thm 1]. */
export function uniformWeights(n: number): number[] {
  return new Array<number>(n).fill(1 / n);
}

/** Σ_i c_i‖g_i − h_i(x)‖². */
export function distortion(
  c: readonly number[],
  gi: readonly ReadonlyVector[],
  target: Target,
  x: ReadonlyVector,
): Distortion {
  let value = 0;
  let scale = 0;
  for (let i = 0; i < gi.length; i++) {
    const h = target(i, x);
    const g = gi[i];
    let s = 0;
    for (let j = 0; j < h.length; j++) s += (g[j] - h[j]) ** 2;
    value += c[i] * s;
    scale += c[i] * (norm2(g) + norm2(h)) ** 2;
  }
  return { value, scale };
}

/**
 * E‖C(u) − u‖²: exact from the compressor's distribution (expectation()), or the one output of a deterministic
 * compressor. A RangeError when neither is available: these checks never fall back to Monte Carlo silently.
 */
export function expectedErrorSq(C: Compressor, u: ReadonlyVector): number {
  if (C.deterministic) {
    const out = C.compress(u, key(0));
    let s = 0;
    for (let j = 0; j < u.length; j++) s += (out[j] - u[j]) ** 2;
    return s;
  }
  const e = C.expectation?.(u);
  if (e === undefined) throw new RangeError(`expectedErrorSq: ${C.name} gives no exact expectation for this input`);
  return e.errorSq;
}

/**
 * E Σ_i c_i‖g_i⁺ − h_i(x⁺)‖² over the compressor and an independent participation coin with P(send) = p
 * (p = 1: everyone sends): Σ_i c_i [p·E‖C(u_i) − u_i‖² + (1 − p)‖u_i‖²], u_i = h_i(x⁺) − g_i.
 */
export function expectedNextDistortion(
  C: Compressor,
  c: readonly number[],
  gi: readonly ReadonlyVector[],
  target: Target,
  xNext: ReadonlyVector,
  p = 1,
): Distortion {
  let value = 0;
  let scale = 0;
  for (let i = 0; i < gi.length; i++) {
    const h = target(i, xNext);
    const g = gi[i];
    const u = new Float64Array(h.length);
    for (let j = 0; j < h.length; j++) u[j] = h[j] - g[j];
    const sent = expectedErrorSq(C, u);
    value += c[i] * (p === 1 ? sent : p * sent + (1 - p) * norm2sq(u));
    scale += c[i] * (norm2(g) + norm2(h)) ** 2;
  }
  return { value, scale };
}

/** (Σ_i ‖∇f_i(x)‖/n)²: the size of the summands of ‖∇f(x)‖² = ‖(1/n)Σ∇f_i(x)‖². */
export function gradientScale(problem: Problem, x: ReadonlyVector): number {
  let s = 0;
  for (let i = 0; i < problem.n; i++) s += norm2(problem.gradI(i, x));
  return (s / problem.n) ** 2;
}

export interface DescentInput {
  readonly instance: Instance;
  readonly gamma: number;
  /** The Lyapunov weight of the distortion: γ/(2θ) for EF21, γ/α for the EF21-SGD derived form. */
  readonly coefficient: number;
  readonly x: ReadonlyVector;
  readonly before: Distortion;
  readonly xNext: ReadonlyVector;
  /** Realized or expected next distortion. */
  readonly after: Distortion;
  /** Added to the right side (EF21-SGD's 6γσ²/(α²τ)); default 0. */
  readonly extra?: number;
}

/**
 * Both sides of Φ(x⁺, g⁺) ≤ Φ(x, g) − (γ/2)‖∇f(x)‖² + extra, with f_inf cancelled:
 *   lhs = f(x⁺) + coefficient·after,   rhs = f(x) + coefficient·before − (γ/2)‖∇f(x)‖² + extra.
 */
export function descentSides(o: DescentInput): Sides {
  const { problem } = o.instance;
  const extra = o.extra ?? 0;
  const fNext = objective(problem, o.xNext);
  const f = objective(problem, o.x);
  const gradSq = norm2sq(gradient(problem, o.x));
  const lhs = fNext + o.coefficient * o.after.value;
  const rhs = f + o.coefficient * o.before.value - (o.gamma / 2) * gradSq + extra;
  const scale =
    o.instance.fScale(o.xNext) +
    o.instance.fScale(o.x) +
    o.coefficient * (o.after.scale + o.before.scale) +
    (o.gamma / 2) * gradientScale(problem, o.x) +
    Math.abs(extra);
  return { lhs, rhs, scale };
}

export interface ContractionInput extends Omit<DescentInput, 'extra'> {
  /** f* = min f (exact for the positive definite quadratics of the PL check). */
  readonly fStar: number;
  /** The contraction factor 1 − γμ. */
  readonly factor: number;
}

/** Both sides of Ψ(x⁺, g⁺) ≤ factor·Ψ(x, g), Ψ = f − f* + coefficient·distortion (docs/theory.md §3.3). */
export function contractionSides(o: ContractionInput): Sides {
  const { problem } = o.instance;
  const psiNext = objective(problem, o.xNext) - o.fStar + o.coefficient * o.after.value;
  const psi = objective(problem, o.x) - o.fStar + o.coefficient * o.before.value;
  const scale =
    o.instance.fScale(o.xNext) +
    o.instance.fScale(o.x) +
    2 * Math.abs(o.fStar) +
    o.coefficient * (o.after.scale + o.before.scale);
  return { lhs: psiNext, rhs: o.factor * psi, scale };
}
