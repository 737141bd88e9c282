/**
 * EF and EF21 as the tight analysis writes them (n = 1 unless stated) [Berg Thomsen, Taylor, Dieuleveut 2025,
 * §2; the authors' code, lyapunov.py], with their Lyapunov functions. Each takes the compressor's law at the
 * vector it compresses as a list of weighted outcomes, so one step gives V⁺ exactly in expectation (one outcome
 * for deterministic compressors; every k-subset for rand-k).
 *   EF:   c = C(e + η∇f(x)),  x⁺ = x − c,  e⁺ = e + η∇f(x) − c;     V_EF = ‖x − x* − e‖² + s⁻¹‖e‖².
 *   EF21 (n workers, homogeneous f_i = f): x⁺ = x − η·(1/n)Σ_i d_i,  d_i⁺ = d_i + C_i(∇f(x⁺) − d_i);
 *         V_EF21 = (s/n)‖Σ_i ∇f(x)‖² + Σ_i ‖∇f(x) − d_i‖²   (for n = 1: ‖d − ∇f(x)‖² + s‖∇f(x)‖²).
 * properties: tight-methods.spec.ts ties the EF21 step to src/algorithms/ef21.ts (top-k, same iterates).
 */
import type { ReadonlyVector, Vector } from '../../../src/linalg/vector.ts';
import { grad, minimiser, type SeparableFunction } from './strongly-convex-instance.ts';

/** One weighted outcome of C(v). */
export interface Outcome {
  readonly p: number;
  readonly out: Vector;
}

/** The law of C_i(v) at worker i. */
export type CompressorLaw = (v: ReadonlyVector, worker: number) => readonly Outcome[];

export interface State {
  readonly x: ReadonlyVector;
  /** EF: the single error e. EF21: the estimators d_i, one per worker. */
  readonly e: readonly ReadonlyVector[];
}

export interface TightMethod {
  readonly id: 'ef' | 'ef21';
  readonly label: string;
  /** V at a state. */
  lyapunov(f: SeparableFunction, s: number, state: State): number;
  /** E V⁺ after one step at η with the given compressor law. */
  nextLyapunov(f: SeparableFunction, s: number, eta: number, state: State, law: CompressorLaw): number;
}

function sq(a: ReadonlyVector): number {
  let t = 0;
  for (let j = 0; j < a.length; j++) t += a[j] * a[j];
  return t;
}

function distSq(a: ReadonlyVector, b: ReadonlyVector): number {
  let t = 0;
  for (let j = 0; j < a.length; j++) t += (a[j] - b[j]) ** 2;
  return t;
}

/** ‖x − x* − e‖² + s⁻¹‖e‖². */
function vEf(xs: ReadonlyVector, s: number, x: ReadonlyVector, e: ReadonlyVector): number {
  let t = 0;
  for (let j = 0; j < x.length; j++) t += (x[j] - xs[j] - e[j]) ** 2;
  return t + sq(e) / s;
}

export const efMethod: TightMethod = {
  id: 'ef',
  label: 'EF',
  lyapunov: (f, s, st) => vEf(minimiser(f), s, st.x, st.e[0]),
  nextLyapunov(f, s, eta, st, law) {
    const xs = minimiser(f);
    const g = grad(f, st.x);
    const e = st.e[0];
    const d = st.x.length;
    const v = new Float64Array(d);
    for (let j = 0; j < d; j++) v[j] = e[j] + eta * g[j];
    let total = 0;
    for (const { p, out: c } of law(v, 0)) {
      const xNext = new Float64Array(d);
      const eNext = new Float64Array(d);
      for (let j = 0; j < d; j++) {
        xNext[j] = st.x[j] - c[j];
        eNext[j] = v[j] - c[j];
      }
      total += p * vEf(xs, s, xNext, eNext);
    }
    return total;
  },
};

/** (s/n)‖n∇f(x)‖² + Σ_i‖∇f(x) − d_i‖². */
function vEf21(s: number, g: ReadonlyVector, di: readonly ReadonlyVector[]): number {
  const n = di.length;
  let t = s * n * sq(g);
  for (const d of di) t += distSq(g, d);
  return t;
}

export const ef21Method: TightMethod = {
  id: 'ef21',
  label: 'EF21',
  lyapunov: (f, s, st) => vEf21(s, grad(f, st.x), st.e),
  nextLyapunov(f, s, eta, st, law) {
    const n = st.e.length;
    const d = st.x.length;
    const xNext = Float64Array.from(st.x);
    for (const di of st.e) for (let j = 0; j < d; j++) xNext[j] -= (eta * di[j]) / n;
    const gNext = grad(f, xNext);
    // x⁺ does not depend on the compressors, so E V⁺ = s·n‖∇f(x⁺)‖² + Σ_i E‖C_i(u_i) − u_i‖², u_i = ∇f(x⁺) − d_i.
    let total = s * n * sq(gNext);
    for (let i = 0; i < n; i++) {
      const u = new Float64Array(d);
      for (let j = 0; j < d; j++) u[j] = gNext[j] - st.e[i][j];
      for (const { p, out } of law(u, i)) total += p * distSq(out, u);
    }
    return total;
  },
};
