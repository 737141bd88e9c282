/**
 * The adversary's search space for ef-sgd-absolute-bound's one-step inequality (docs/theory.md §8, derived form
 * [D]): E f(z⁺) − f(z) ≤ −(γ/4)‖∇f(x⁺)‖² + Lγ²σ²/(2n) + L²γ³Δ²/2 at γ = m/(2L), over quadratics f with any
 * symmetric Hessian A (indefinite allowed, L = ‖A‖₂), any gradient ∇f(z) at the corrected iterate, any memories
 * e_i and any two-point noise ±v_i. Δ² = max_i‖e_i‖² and σ² = max_i‖v_i‖² are the tightest constants the candidate
 * allows: every memory of an absolute compressor with that Δ, every noise law with that σ. Only A, ∇f(z), ē and the
 * v_i enter the inequality (x⁺ − z = γē), so z = 0 and b free lose nothing. The left side is the closed form
 * (absolute-one-step.ts quadraticSides; its spec ties it to ef14.ts's step). scale = Σ|summands|.
 * At m = 1 the supremum of the ratio is 1, attained at ∇f(z) = 0, A = L·I (absolute-states.ts worstMethodStep);
 * every m > 1 is violated there, so m* is the bisection's first bracket above 1.
 */
import type { Json, SearchSpace } from '../../../src/adversary/types.ts';
import { concatenate, slices } from '../../../src/adversary/coordinates.ts';
import { spectralNormSymmetric } from '../../../src/linalg/eigen.ts';
import type { Vector } from '../../../src/linalg/vector.ts';
import { split, type Key } from '../../../src/rng/key.ts';
import { integerBelow, normal } from '../../../src/rng/sample.ts';
import { quadraticSides, stepSize } from './absolute-one-step.ts';

export interface AbsoluteCandidate {
  /** Free d×d matrix M (row-major); the Hessian is A = (M + Mᵀ)/2. */
  readonly M: Vector;
  readonly gradZ: Vector;
  readonly e: readonly Vector[];
  readonly v: readonly Vector[];
}

const dimOf = (c: AbsoluteCandidate): number => c.gradZ.length;

function hessian(c: AbsoluteCandidate): { A: Vector; rows: number[][] } {
  const d = dimOf(c);
  const A = new Float64Array(d * d);
  for (let r = 0; r < d; r++) for (let q = 0; q < d; q++) A[r * d + q] = (c.M[r * d + q] + c.M[q * d + r]) / 2;
  return { A, rows: Array.from({ length: d }, (_, r) => Array.from(A.subarray(r * d, (r + 1) * d))) };
}

const cut = (v: Vector, j: number): Vector => v.filter((_, q) => q !== j);
const cutSquare = (M: Vector, d: number, j: number): Vector =>
  M.filter((_, q) => Math.floor(q / d) !== j && q % d !== j);

export function absoluteSpace(): SearchSpace<AbsoluteCandidate> {
  return {
    description:
      'EF-SGD with an absolute compressor: n ≤ 3, d ≤ 4, quadratic f with any symmetric Hessian (indefinite allowed), any ∇f(z), memories e_i (Δ² = max‖e_i‖²), two-point noise ±v_i (σ² = max‖v_i‖²); E f(z⁺) in closed form',
    sample(k: Key): AbsoluteCandidate {
      const [kn, kd, kz, kFamily] = split(k, 4);
      const n = 1 + integerBelow(kn, 3);
      const d = 1 + integerBelow(kd, 4);
      const take = slices(normal(kz, d * d + d + 2 * n * d));
      const M = take(d * d);
      const gradZ = take(d);
      const e = Array.from({ length: n }, () => take(d));
      const v = Array.from({ length: n }, () => take(d));
      // Starts: arbitrary; at a stationary corrected iterate; near an isotropic Hessian; without noise.
      const family = integerBelow(kFamily, 4);
      if (family === 1) gradZ.fill(0);
      if (family === 2) for (let j = 0; j < d; j++) M[j * d + j] += 3;
      if (family === 3) for (const w of v) w.fill(0);
      return { M, gradZ, e, v };
    },
    encode: (c) => concatenate([c.M, c.gradZ, ...c.e, ...c.v]),
    decode(z, like) {
      const next = slices(z);
      return {
        M: next(like.M.length),
        gradZ: next(like.gradZ.length),
        e: like.e.map((w) => next(w.length)),
        v: like.v.map((w) => next(w.length)),
      };
    },
    sides(c, multiplier) {
      const { A, rows } = hessian(c);
      const L = spectralNormSymmetric(rows);
      if (!(L > 0)) return { lhs: NaN, rhs: NaN, scale: NaN };
      return quadraticSides({ A, gradZ: c.gradZ, e: c.e, v: c.v }, L, stepSize(L, multiplier));
    },
    shrink(c) {
      const n = c.e.length;
      const d = dimOf(c);
      const out: AbsoluteCandidate[] = [];
      for (let i = 0; n > 1 && i < n; i++) {
        const drop = <T>(xs: readonly T[]): T[] => xs.filter((_, q) => q !== i);
        out.push({ ...c, e: drop(c.e), v: drop(c.v) });
      }
      for (let j = 0; d > 1 && j < d; j++) {
        out.push({
          M: cutSquare(c.M, d, j),
          gradZ: cut(c.gradZ, j),
          e: c.e.map((w) => cut(w, j)),
          v: c.v.map((w) => cut(w, j)),
        });
      }
      return out;
    },
    size: (c) => ({ n: c.e.length, d: dimOf(c) }),
    json(c): Json {
      const { rows } = hessian(c);
      const arr = (w: ArrayLike<number>): number[] => Array.from(w);
      return {
        n: c.e.length,
        d: dimOf(c),
        A: rows,
        L: spectralNormSymmetric(rows),
        gradZ: arr(c.gradZ),
        e: c.e.map(arr),
        v: c.v.map(arr),
      };
    },
  };
}
