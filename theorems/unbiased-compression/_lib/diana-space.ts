/**
 * The adversary's search space for diana-lyapunov's one-step inequality (docs/theory.md §A2.3 [D]):
 *   E Ψ⁺ ≤ max{1 − γμ, 1 − α/2}·Ψ   at γ = m/(L + 6ωL_max/n), α = 1/(1 + ω), ω = d/k − 1 (scaled rand-k),
 * over the claim's shapes (lyapunov-instance.ts SHAPES: n ≤ 3, 2 ≤ d ≤ 5, k < d): node matrices A_i = B_iB_iᵀ with
 * B_i ∈ ℝ^{d×d} free (f_i convex, L_i = ‖A_i‖₂ heterogeneous, any rank), the error e = x − x* and the shift errors
 * δ_i = h_i − ∇f_i(x*). Every term of the inequality depends on the instance only through (A_i, e, δ_i) — the
 * message is u_i = A_i e − δ_i — so b_i = 0 (x* = 0, ∇f_i(x*) = 0) loses nothing. The left side is E Ψ⁺ in closed
 * form (closed-form-lyapunov.ts, exact over the rand-k law; its spec ties it to the enumeration through dianaUpdate);
 * scale = ρΨ, so the ratio is E Ψ⁺/(ρΨ). Ā singular (μ undefined) gives NaN sides, which the climber discards.
 * At m = 1 the supremum of the ratio is 1, approached only as μ → 0 with x − x* in Ā's near-kernel (ρ → 1, Ψ⁺ → Ψ);
 * above it the first violations are at n = 1, A = L·I, rand-1 of d = 2, from m = 7(9 − √17)/32 ≈ 1.0668 (spec).
 */
import type { Json, SearchSpace } from '../../../src/adversary/types.ts';
import { concatenate, slices } from '../../../src/adversary/coordinates.ts';
import type { Vector } from '../../../src/linalg/vector.ts';
import { denseQuadratic } from '../../../src/problems/dense-quadratic.ts';
import type { Problem } from '../../../src/problems/types.ts';
import { split, type Key } from '../../../src/rng/key.ts';
import { integerBelow, normal } from '../../../src/rng/sample.ts';
import { closedFormExpectedLyapunov } from './closed-form-lyapunov.ts';
import { SHAPES, type DianaPoint, type LyapunovInstance } from './lyapunov-instance.ts';
import { lyapunov, type Constants } from './lyapunov-sides.ts';

export interface DianaCandidate {
  /** rand-k's k (1 ≤ k < d). */
  readonly k: number;
  /** Node i's factor B_i (d×d, row-major): A_i = B_iB_iᵀ. */
  readonly B: readonly Vector[];
  /** e = x − x*. */
  readonly e: Vector;
  /** δ_i = h_i − ∇f_i(x*). */
  readonly delta: readonly Vector[];
}

/** The claim's constants at step multiplier m: diana-lyapunov.ts's lyapunovConstants, passed in (no import cycle). */
export type DianaConstantsRule = (
  p: Pick<Problem, 'L' | 'Li' | 'n' | 'mu'>,
  omega: number,
  multiplier: number,
) => Constants;

const dimOf = (c: DianaCandidate): number => c.e.length;

/** A_i = B_iB_iᵀ as rows. */
function gram(B: Vector, d: number): number[][] {
  return Array.from({ length: d }, (_, r) =>
    Array.from({ length: d }, (_, q) => {
      let s = 0;
      for (let l = 0; l < d; l++) s += B[r * d + l] * B[q * d + l];
      return s;
    }),
  );
}

/** The candidate as diana-lyapunov's (instance, state): b_i = 0, so x* = 0, ∇f_i(x*) = 0, x = e, h_i = δ_i. */
export function candidateInstance(c: DianaCandidate): { inst: LyapunovInstance; state: DianaPoint } {
  const d = dimOf(c);
  const problem = denseQuadratic(c.B.map((B) => ({ A: gram(B, d), b: new Array<number>(d).fill(0) })));
  const zero = new Float64Array(d);
  const inst = { problem, xStar: zero, gradStar: c.B.map(() => zero), k: c.k };
  return { inst, state: { x: c.e, hi: c.delta } };
}

/** Drop entry j of a vector; drop row and column j of a row-major d×d factor. */
const cut = (v: Vector, j: number): Vector => Float64Array.from(Array.from(v).filter((_, q) => q !== j));
const cutSquare = (B: Vector, d: number, j: number): Vector =>
  Float64Array.from(Array.from(B).filter((_, q) => Math.floor(q / d) !== j && q % d !== j));

export function dianaSpace(constants: DianaConstantsRule): SearchSpace<DianaCandidate> {
  return {
    description:
      'DIANA: n ≤ 3, 2 ≤ d ≤ 5, scaled rand-k (k < d, ω = d/k − 1), convex quadratics A_i = B_iB_iᵀ (any rank, heterogeneous L_i), any x − x* and h_i − ∇f_i(x*); E Ψ⁺ exact (closed form over the subsets)',
    sample(key: Key): DianaCandidate {
      const [ks, kz, kf] = split(key, 3);
      const [n, d, k] = SHAPES[integerBelow(ks, SHAPES.length)];
      const z = normal(kz, n * d * d + d + n * d);
      const take = slices(z);
      const B = Array.from({ length: n }, () => take(d * d));
      const e = take(d);
      let delta = Array.from({ length: n }, () => take(d));
      // Starts: arbitrary; small messages (h_i = ∇f_i(x), u_i = 0); at the minimiser (x = x*); and shifts at the
      // optimum (h_i = ∇f_i(x*)).
      const family = integerBelow(kf, 4);
      const { inst } = candidateInstance({ k, B, e, delta });
      if (family === 1) delta = delta.map((_, i) => inst.problem.gradI(i, e));
      if (family === 2) e.fill(0);
      if (family === 3) for (const v of delta) v.fill(0);
      return { k, B, e, delta };
    },
    encode: (c) => concatenate([...c.B, c.e, ...c.delta]),
    decode(z, like) {
      const next = slices(z);
      return {
        k: like.k,
        B: like.B.map((v) => next(v.length)),
        e: next(like.e.length),
        delta: like.delta.map((v) => next(v.length)),
      };
    },
    sides(c, multiplier) {
      const { inst, state } = candidateInstance(c);
      const p = inst.problem;
      if (p.mu === undefined || !(p.mu > 0)) return { lhs: NaN, rhs: NaN, scale: NaN };
      const cs = constants(p, dimOf(c) / c.k - 1, multiplier);
      const lhs = closedFormExpectedLyapunov(inst, state, cs);
      const rhs = cs.rho * lyapunov(inst, state, cs.gamma, cs.M);
      return { lhs, rhs, scale: rhs };
    },
    shrink(c) {
      const n = c.B.length;
      const d = dimOf(c);
      const out: DianaCandidate[] = [];
      for (let i = 0; n > 1 && i < n; i++) {
        const drop = <T>(xs: readonly T[]): T[] => xs.filter((_, q) => q !== i);
        out.push({ ...c, B: drop(c.B), delta: drop(c.delta) });
      }
      for (let j = 0; d > 2 && j < d; j++) {
        out.push({
          k: Math.min(c.k, d - 2),
          B: c.B.map((B) => cutSquare(B, d, j)),
          e: cut(c.e, j),
          delta: c.delta.map((v) => cut(v, j)),
        });
      }
      return out;
    },
    size: (c) => ({ n: c.B.length, d: dimOf(c) }),
    json(c): Json {
      const { inst, state } = candidateInstance(c);
      const p = inst.problem;
      const arr = (v: ArrayLike<number>): number[] => Array.from(v);
      return {
        n: p.n,
        d: p.dim,
        k: c.k,
        omega: p.dim / c.k - 1,
        A: c.B.map((B) => gram(B, p.dim)),
        x: arr(state.x),
        hi: state.hi.map(arr),
        xStar: arr(inst.xStar),
        L: p.L,
        Li: [...p.Li],
        mu: p.mu ?? null,
      };
    },
  };
}
