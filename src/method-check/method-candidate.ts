/**
 * One point of the method checker's search: an instance (per-node dense symmetric quadratics
 * f_i(x) = ½xᵀA_i x − b_iᵀx, indefinite allowed), a state of the method's declared shape, the adversarial
 * compressor's free choices, the hyperparameters and the noise law — all real coordinates the climber moves, with
 * n and d (and each node's noise support size) the discrete part. The constants L = ‖Ā‖₂, L_i = ‖A_i‖₂ and
 * μ = λ_min(Ā) follow from the matrices (Jacobi, src/linalg/eigen.ts), so a rule's γ moves with the instance.
 */
import { symmetricFromUpper } from '../linalg/symmetric.ts';
import { radiusFraction } from '../adversary/ball-compressor.ts';
import { spectralNormSymmetric, symmetricEigenvalues } from '../linalg/eigen.ts';
import type { ReadonlyVector } from '../linalg/vector.ts';
import type { CompressorClass } from './user-method.ts';
import type { Hyperparameter } from './validate-method.ts';

export interface MethodCandidate {
  readonly n: number;
  readonly d: number;
  /** A_i's upper triangles, row by row (d(d+1)/2 entries each). */
  readonly a: readonly Float64Array[];
  readonly b: readonly Float64Array[];
  /** The master vectors, in the declared order. */
  readonly master: readonly Float64Array[];
  /** perNode[k][i]: the k-th declared per-node vector of node i. */
  readonly perNode: readonly (readonly Float64Array[])[];
  /** Node i's compressor direction w_i (w_i = 0 points along the input). */
  readonly w: readonly Float64Array[];
  /** Node i's radius parameter: the compressor uses b = (1 + sin β)/2 of the allowed radius. */
  readonly beta: Float64Array;
  /** α = ALPHA_MIN + (1 − ALPHA_MIN)(1 + sin a)/2, or ω = OMEGA_MAX(1 + sin a)/2. */
  readonly classAngle: number;
  /** Per hyperparameter: lo + (hi − lo)(1 + sin h)/2. */
  readonly hyper: Float64Array;
  /** Node i's noise (stochastic methods; else empty): m·d raw support coordinates, m log-weights, σ_i/σ's angle. */
  readonly noise: readonly Float64Array[];
  /** σ = |sigma| (stochastic methods; else 0). */
  readonly sigma: number;
}

/** The smallest α searched: below it γ vanishes and the claim with it. */
export const ALPHA_MIN = 0.01;
/** The largest ω searched. */
export const OMEGA_MAX = 10;

/** The compressor parameter of a candidate: α for the contractive class, ω for the unbiased class. */
export function classParameter(c: MethodCandidate, cls: CompressorClass): number {
  return cls === 'contractive'
    ? ALPHA_MIN + (1 - ALPHA_MIN) * radiusFraction(c.classAngle)
    : OMEGA_MAX * radiusFraction(c.classAngle);
}

export function hyperValues(c: MethodCandidate, hyper: readonly Hyperparameter[]): Record<string, number> {
  const out: Record<string, number> = {};
  hyper.forEach((h, k) => {
    out[h.name] = h.lo + (h.hi - h.lo) * radiusFraction(c.hyper[k]);
  });
  return out;
}

/** The quadratics of a candidate with their constants. */
export interface QuadraticInstance {
  readonly n: number;
  readonly d: number;
  /** A_i row-major. */
  readonly A: readonly Float64Array[];
  readonly b: readonly Float64Array[];
  /** Ā = (1/n)ΣA_i row-major. */
  readonly mean: Float64Array;
  readonly L: number;
  readonly Li: readonly number[];
  readonly lTilde: number;
  readonly lAM: number;
  readonly mu: number;
}

export function instanceOf(c: MethodCandidate): QuadraticInstance {
  const { n, d } = c;
  const A = c.a.map((u) => symmetricFromUpper(u, d));
  const mean = new Float64Array(d * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d * d; j++) mean[j] += A[i][j] / n;
  const Li = A.map((Ai) => spectralNormSymmetric({ order: d, data: Ai }));
  const eig = symmetricEigenvalues({ order: d, data: mean });
  const L = Math.max(Math.abs(eig[0]), Math.abs(eig[d - 1]));
  let sq = 0;
  let sum = 0;
  for (const l of Li) {
    sq += l * l;
    sum += l;
  }
  // L̃ = sqrt((1/n)ΣL_i²) [Richtárik, Sokolov, Fatkhullin 2021]; L_AM = (1/n)ΣL_i [Richtárik, Gasanov, Burlachenko 2024].
  return { n, d, A, b: c.b, mean, L, Li, lTilde: Math.sqrt(sq / n), lAM: sum / n, mu: eig[0] };
}

/** ∇f_i(x) = A_i x − b_i, fresh. */
export function nodeGradient(q: QuadraticInstance, i: number, x: ReadonlyVector): Float64Array {
  const { d } = q;
  const Ai = q.A[i];
  const out = new Float64Array(d);
  for (let r = 0; r < d; r++) {
    let s = -q.b[i][r];
    for (let col = 0; col < d; col++) s += Ai[r * d + col] * x[col];
    out[r] = s;
  }
  return out;
}

/** ∇f(x) = (1/n)Σ∇f_i(x), fresh. */
export function meanGradient(q: QuadraticInstance, x: ReadonlyVector): Float64Array {
  const out = new Float64Array(q.d);
  for (let i = 0; i < q.n; i++) {
    const g = nodeGradient(q, i, x);
    for (let j = 0; j < q.d; j++) out[j] += g[j] / q.n;
  }
  return out;
}

/**
 * f(y) − f(x_ref) = ∇f(x_ref)ᵀδ + ½δᵀĀδ with δ = y − x_ref: exact for a quadratic, and free of the cancellation
 * f(y) − f(x_ref) would suffer when both are large.
 */
export function relativeObjective(q: QuadraticInstance, xRef: ReadonlyVector): (y: ReadonlyVector) => number {
  const gRef = meanGradient(q, xRef);
  const { d } = q;
  return (y) => {
    let linear = 0;
    let curvature = 0;
    for (let r = 0; r < d; r++) {
      const dr = y[r] - xRef[r];
      linear += gRef[r] * dr;
      for (let col = 0; col < d; col++) curvature += dr * q.mean[r * d + col] * (y[col] - xRef[col]);
    }
    return linear + 0.5 * curvature;
  };
}

/** One node's finite noise law: support points with probabilities, centred, E‖ξ‖² = σ_i². */
export interface NodeNoise {
  readonly p: readonly number[];
  readonly points: readonly Float64Array[];
}

/** Support points of node i's noise. */
export function supportSize(c: MethodCandidate, i: number): number {
  return (c.noise[i].length - 1) / (c.d + 1);
}

/**
 * Node laws of a candidate: ξ_j = s·(z_j − Σ_l p_l z_l) with s chosen so that E‖ξ_i‖² = σ_i² exactly, σ_i = σ·(1 + sin ·)/2
 * ≤ σ (Assumption 2 of Fatkhullin, Tyurin, Richtárik 2023: unbiased, variance at most σ²).
 */
export function noiseLaws(c: MethodCandidate): NodeNoise[] {
  const { d } = c;
  const sigma = Math.abs(c.sigma);
  return c.noise.map((z, i) => {
    const m = supportSize(c, i);
    const weights = Array.from({ length: m }, (_, j) => Math.exp(Math.max(-20, Math.min(20, z[m * d + j]))));
    const total = weights.reduce((a, w) => a + w, 0);
    const p = weights.map((w) => w / total);
    const centre = new Float64Array(d);
    for (let j = 0; j < m; j++) for (let r = 0; r < d; r++) centre[r] += p[j] * z[j * d + r];
    const points = Array.from({ length: m }, (_, j) => {
      const v = new Float64Array(d);
      for (let r = 0; r < d; r++) v[r] = z[j * d + r] - centre[r];
      return v;
    });
    let second = 0;
    for (let j = 0; j < m; j++) for (let r = 0; r < d; r++) second += p[j] * points[j][r] ** 2;
    const target = sigma * radiusFraction(z[m * d + m]);
    const s = second > 0 ? target / Math.sqrt(second) : 0;
    for (const v of points) for (let r = 0; r < d; r++) v[r] *= s;
    return { p, points };
  });
}
