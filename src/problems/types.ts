/**
 * A distributed objective f(x) = (1/n) Σ_i f_i(x) with its smoothness constants as data
 * (docs/theory.md §0.2: L for f, L_i for f_i, L̃ = L_QM, L_AM).
 */
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';

export interface Problem {
  /** Parameterised name used verbatim in reports. */
  readonly name: string;
  readonly dim: number;
  /** Number of nodes. */
  readonly n: number;
  /** Local objective f_i(x). */
  fI(i: number, x: ReadonlyVector): number;
  /** Local gradient ∇f_i(x), fresh. */
  gradI(i: number, x: ReadonlyVector): Vector;
  /** Optional (separable problems): ∇f_i(x)_j for from ≤ j < to into out[j − from], bit for bit gradI's entries. */
  gradIRange?(out: Vector, i: number, x: ReadonlyVector, from: number, to: number): void;
  /** Smoothness constant of f (an upper bound; exact where the problem says so). */
  readonly L: number;
  /** Smoothness constants of the f_i. */
  readonly Li: readonly number[];
  /** A lower bound on inf f (exact when fInfExact). */
  readonly fInf: number;
  readonly fInfExact: boolean;
  /** PL constant μ (½‖∇f‖² ≥ μ(f − f*)) where known. */
  readonly mu?: number;
}

/** f(x) = (1/n) Σ f_i(x). */
export function objective(p: Problem, x: ReadonlyVector): number {
  let s = 0;
  for (let i = 0; i < p.n; i++) s += p.fI(i, x);
  return s / p.n;
}

/** ∇f(x) = (1/n) Σ ∇f_i(x), fresh. */
export function gradient(p: Problem, x: ReadonlyVector): Vector {
  const out = new Float64Array(p.dim);
  for (let i = 0; i < p.n; i++) {
    const gi = p.gradI(i, x);
    for (let j = 0; j < p.dim; j++) out[j] += gi[j];
  }
  const inv = 1 / p.n;
  for (let j = 0; j < p.dim; j++) out[j] *= inv;
  return out;
}

/** L̃ = L_QM = sqrt((1/n) Σ L_i²) [Richtárik et al. 2021, Assumption 1]. */
export function lTilde(p: Pick<Problem, 'Li'>): number {
  let s = 0;
  for (const l of p.Li) s += l * l;
  return Math.sqrt(s / p.Li.length);
}

/** L_AM = (1/n) Σ L_i [Richtárik, Gasanov, Burlachenko 2024]. */
export function lArith(p: Pick<Problem, 'Li'>): number {
  let s = 0;
  for (const l of p.Li) s += l;
  return s / p.Li.length;
}
