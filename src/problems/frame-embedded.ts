/**
 * f(x) = Σ_i φ_i(u_iᵀx): a separable function of m coordinates y_i = u_iᵀx along a random orthonormal frame
 * (src/linalg/random-frame.ts), embedded in ℝ^d. The frame is the first m rows of a Haar rotation, so f is the
 * rotated function φ(Qx) without the d × d matrix; every directional quantity costs O(md):
 *   ∇f(x) = Σ_i φ_i'(y_i) u_i,   ∇²f(x) v = Σ_i φ_i''(y_i)(u_iᵀv) u_i,
 * and ∇²f(x) has eigenvalues φ_i''(y_i) on the frame and 0 on its (d − m)-dimensional complement.
 *
 * Profiles and their constants on |y| ≤ R (exact: each is a polynomial whose extremes are at 0 or ±R):
 *   bowl(c):  φ = ½cy²,            φ'' = c,              |φ'''| = 0
 *   well(λ):  φ = λ(y⁴/4 − y²/2),  φ'' = λ(3y² − 1),     |φ'''| = 6λ|y| ≤ 6λR,   minima y = ±1, φ(±1) = −λ/4
 * Since ∇²f(x) − ∇²f(x') = Σ_i (φ_i''(y_i) − φ_i''(y_i'))u_iu_iᵀ has operator norm max_i |φ_i''(y_i) − φ_i''(y_i')|
 * ≤ max_i sup|φ_i'''|·‖y − y'‖∞ ≤ max_i sup|φ_i'''|·‖x − x'‖, ρ = max_i sup_{|y|≤R}|φ_i'''|; likewise
 * L = max_i sup_{|y|≤R}|φ_i''| [D, this file].
 */
import type { SymmetricOperator } from '../linalg/lanczos.ts';
import { randomOrthonormalFrame } from '../linalg/random-frame.ts';
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import type { Key } from '../rng/key.ts';
import type { SaddleProblem } from './saddle-problem.ts';

/** One coordinate's profile φ_i. */
export type Profile =
  | { readonly kind: 'bowl'; readonly c: number }
  | { readonly kind: 'well'; readonly lambda: number };

export interface FrameEmbeddedOptions {
  /** Used verbatim in reports. */
  readonly name: string;
  readonly d: number;
  /** Draws the frame. */
  readonly key: Key;
  readonly profiles: readonly Profile[];
  /** R: the slab |y_i| ≤ R on which L and ρ hold. */
  readonly radius: number;
}

function value(p: Profile, y: number): number {
  return p.kind === 'bowl' ? 0.5 * p.c * y * y : p.lambda * (0.25 * y ** 4 - 0.5 * y * y);
}

function slope(p: Profile, y: number): number {
  return p.kind === 'bowl' ? p.c * y : p.lambda * (y * y * y - y);
}

function curvature(p: Profile, y: number): number {
  return p.kind === 'bowl' ? p.c : p.lambda * (3 * y * y - 1);
}

/** sup_{|y|≤R} |φ''|: c, or λ·max(1, |3R² − 1|) (the extremes of 3y² − 1 on [−R, R] are at 0 and ±R). */
function curvatureBound(p: Profile, R: number): number {
  return p.kind === 'bowl' ? Math.abs(p.c) : p.lambda * Math.max(1, Math.abs(3 * R * R - 1));
}

/** sup_{|y|≤R} |φ'''|: 0, or 6λR. */
function thirdDerivativeBound(p: Profile, R: number): number {
  return p.kind === 'bowl' ? 0 : 6 * p.lambda * R;
}

/**
 * @example
 * frameEmbedded({ name: 'strict-saddle', d: 100, key: key(1), profiles: [{ kind: 'bowl', c: 1 }, { kind: 'well', lambda: 1 }], radius: 2 }).rho;
 * // returns 12 (= 6·1·2)
 */
export function frameEmbedded(o: FrameEmbeddedOptions): SaddleProblem {
  const { d, profiles, radius: R } = o;
  const m = profiles.length;
  if (!(Number.isInteger(d) && m >= 1 && d >= m))
    throw new RangeError(`${o.name}: need an integer d ≥ m = ${m}, got d=${d}`);
  if (!(Number.isFinite(R) && R > 0)) throw new RangeError(`${o.name}: need a radius R > 0, got R=${R}`);
  for (const p of profiles) {
    const c = p.kind === 'bowl' ? p.c : p.lambda;
    if (!(Number.isFinite(c) && c > 0))
      throw new RangeError(`${o.name}: need positive profile constants, got ${p.kind} ${c}`);
  }
  if (profiles.some((p) => p.kind === 'well') && R < 1)
    throw new RangeError(`${o.name}: the region must hold the minima y = ±1, got R=${R}`);
  // One contiguous m·d buffer (row i = u_i) with subarray views: the hot loops below read a single typed array.
  const flat = new Float64Array(m * d);
  randomOrthonormalFrame(o.key, d, m).forEach((u, i) => {
    flat.set(u, i * d);
  });
  const U = Array.from({ length: m }, (_, i) => flat.subarray(i * d, (i + 1) * d));
  const coordinates = (x: ReadonlyVector): Vector => {
    if (x.length !== d) throw new RangeError(`${o.name}: x has length ${x.length}, problem has d=${d}`);
    const y = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const off = i * d;
      let s = 0;
      for (let j = 0; j < d; j++) s += flat[off + j] * x[j];
      y[i] = s;
    }
    return y;
  };
  /** Σ_i w_i u_i, fresh. */
  const combine = (w: ReadonlyVector): Vector => {
    const out = new Float64Array(d);
    for (let i = 0; i < m; i++) {
      const off = i * d;
      const wi = w[i];
      if (wi !== 0) for (let j = 0; j < d; j++) out[j] += wi * flat[off + j];
    }
    return out;
  };
  /** ∇²f(x) as an operator: the curvatures φ_i''(y_i) are computed once, each product then costs two passes. */
  const hessian = (x: ReadonlyVector): SymmetricOperator => {
    const y = coordinates(x);
    const c = Float64Array.from(y, (yi, i) => curvature(profiles[i], yi));
    return {
      dim: d,
      apply: (v) => {
        const uv = coordinates(v);
        for (let i = 0; i < m; i++) uv[i] *= c[i];
        return combine(uv);
      },
    };
  };
  const f = (x: ReadonlyVector): number => {
    const y = coordinates(x);
    let s = 0;
    for (let i = 0; i < m; i++) s += value(profiles[i], y[i]);
    return s;
  };
  const grad = (x: ReadonlyVector): Vector => {
    const y = coordinates(x);
    return combine(Float64Array.from(y, (yi, i) => slope(profiles[i], yi)));
  };
  const hessianVector = (x: ReadonlyVector, v: ReadonlyVector): Vector => hessian(x).apply(v);
  const lambdaMin = (x: ReadonlyVector): number => {
    const y = coordinates(x);
    // The complement of the frame is flat: eigenvalue 0 with multiplicity d − m.
    let low = d > m ? 0 : Infinity;
    for (let i = 0; i < m; i++) low = Math.min(low, curvature(profiles[i], y[i]));
    return low;
  };
  const node = (who: string, i: number): void => {
    if (i !== 0) throw new RangeError(`${o.name}: ${who} node ${i} out of range (n = 1)`);
  };
  const L = profiles.reduce((acc, p) => Math.max(acc, curvatureBound(p, R)), 0);
  const rho = profiles.reduce((acc, p) => Math.max(acc, thirdDerivativeBound(p, R)), 0);
  const fInf = profiles.reduce((acc, p) => acc + (p.kind === 'well' ? -p.lambda / 4 : 0), 0);
  // Every sign pattern of the wells' ±1, bowls at 0: 2^(number of wells) minimisers in the frame's span.
  const wells = profiles.flatMap((p, i) => (p.kind === 'well' ? [i] : []));
  const minimisers: Vector[] = [];
  for (let mask = 0; mask < 2 ** wells.length; mask++) {
    const y = new Float64Array(m);
    wells.forEach((i, b) => {
      y[i] = (mask >> b) & 1 ? -1 : 1;
    });
    minimisers.push(combine(y));
  }
  return {
    name: o.name,
    dim: d,
    n: 1,
    fI: (i, x) => {
      node('fI', i);
      return f(x);
    },
    gradI: (i, x) => {
      node('gradI', i);
      return grad(x);
    },
    L,
    Li: [L],
    fInf,
    fInfExact: true,
    hessianVector,
    hessian,
    rho,
    radius: R,
    frame: U,
    coordinates,
    saddle: new Float64Array(d),
    minimisers,
    lambdaMin,
  };
}
