/**
 * The adversary's search space for a momentum method's one-step inequality (momentum-method.ts):
 *   E[Λ_{t+1} | state_t] ≤ Λ_t − (γ/2)‖∇f(x^t)‖² + γN   at γ = m·γ_max,
 * over n ∈ 1…3 nodes and d ∈ 1…3 coordinates: dense symmetric quadratics f_i = ½xᵀA_i x − b_iᵀx (indefinite
 * allowed, each A_i free, so the L_i = ‖A_i‖₂ differ), an arbitrary state (x, v_i, u_i, g_i), η ∈ (0, 1], each
 * node's finite noise law (support points, weights and σ_i/σ as coordinates, centred and scaled to E‖ξ_i‖² = σ_i²
 * ≤ σ², finite-noise.ts; the expectation is exact by enumeration) and the compressor: top-k with α = k/d, or the
 * adversarial contractive member with α free (adversarial-contractive.ts). Both run through the method's own step.
 * The ratio is 1 + (lhs − rhs)/scale with the scale of one-step-sides.ts (the inequality's own summands).
 */
import type { Json, SearchSpace } from '../../../src/adversary/types.ts';
import { radiusFraction } from '../../../src/adversary/ball-compressor.ts';
import { concatenate, slices } from '../../../src/adversary/coordinates.ts';
import type { MomentumMethod, NodeEstimatorState } from './momentum-method.ts';
import { topK } from '../../../src/compressors/top-k.ts';
import type { Vector } from '../../../src/linalg/vector.ts';
import { denseQuadratic, type QuadraticNode } from '../../../src/problems/dense-quadratic.ts';
import { split, type Key } from '../../../src/rng/key.ts';
import { integerBelow, normal } from '../../../src/rng/sample.ts';
import { adversarialContractive } from '../../../src/adversary/adversarial-contractive.ts';
import { centeredNoise, type FiniteNoise } from './finite-noise.ts';
import { oneStepSides, type MomentumSides } from './one-step-sides.ts';

export type MomentumCompressor = 'top-k' | 'adversarial';

export interface MomentumCandidate {
  readonly compressor: MomentumCompressor;
  /** top-k's kept entries (α = k/d); 0 for the adversarial compressor. */
  readonly k: number;
  /** Node i's A_i as its upper triangle, row by row (d(d+1)/2 entries). */
  readonly a: readonly Vector[];
  readonly b: readonly Vector[];
  readonly x: Vector;
  readonly vi: readonly Vector[];
  /** Second momentum; empty for methods without one (and v_i is empty for EF21-SGD). */
  readonly ui: readonly Vector[];
  readonly gi: readonly Vector[];
  /** Node i's noise: m_i·d raw support coordinates, m_i log-weights, one coordinate for σ_i/σ = (1 + sin ·)/2. */
  readonly noise: readonly Vector[];
  /** [z]: the declared σ = |z|. */
  readonly sigma: Vector;
  /** [z]: η = 1/(1 + z²) ∈ (0, 1]; empty for EF21-SGD (η = 1). */
  readonly eta: Vector;
  /** Adversarial compressor: [z_α, β] with α = 1/(1 + z_α²) and radius fraction (1 + sin β)/2; empty for top-k. */
  readonly ball: Vector;
  /** Adversarial compressor: its direction (length d); empty for top-k. */
  readonly w: Vector;
}

const unitInterval = (z: number): number => 1 / (1 + z * z);

/** d(d+1)/2 upper-triangle entries → the symmetric matrix as rows. */
function symmetric(tri: Vector, d: number): number[][] {
  const A = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  let o = 0;
  for (let r = 0; r < d; r++) for (let c = r; c < d; c++) A[r][c] = A[c][r] = tri[o++];
  return A;
}

function dimOf(c: MomentumCandidate): number {
  return c.x.length;
}

/** Support points of node i's raw noise. */
function supportSize(c: MomentumCandidate, i: number): number {
  return (c.noise[i].length - 1) / (dimOf(c) + 1);
}

export function candidateNodes(c: MomentumCandidate): QuadraticNode[] {
  const d = dimOf(c);
  return c.a.map((tri, i) => ({ A: symmetric(tri, d), b: Array.from(c.b[i]) }));
}

export function candidateNoise(c: MomentumCandidate): FiniteNoise[] {
  const d = dimOf(c);
  const sigma = Math.abs(c.sigma[0]);
  return c.noise.map((z, i) => {
    const m = supportSize(c, i);
    const raw = Array.from({ length: m }, (_, j) => z.subarray(j * d, (j + 1) * d));
    const weights = Array.from({ length: m }, (_, j) => Math.exp(Math.max(-20, Math.min(20, z[m * d + j]))));
    return centeredNoise(raw, weights, (radiusFraction(z[m * d + m]) * sigma) ** 2);
  });
}

export function candidateAlpha(c: MomentumCandidate): number {
  return c.compressor === 'top-k' ? c.k / dimOf(c) : unitInterval(c.ball[0]);
}

export function candidateEta(c: MomentumCandidate): number {
  return c.eta.length === 0 ? 1 : unitInterval(c.eta[0]);
}

/** The parts the climber moves, in encoding order. */
function parts(c: MomentumCandidate): Vector[] {
  return [...c.a, ...c.b, c.x, ...c.vi, ...c.ui, ...c.gi, ...c.noise, c.sigma, c.eta, c.ball, c.w];
}

const cut = (v: Vector, j: number): Vector => Float64Array.from(Array.from(v).filter((_, q) => q !== j));

/** Node i's raw noise without coordinate j (d → d − 1). */
function cutNoise(z: Vector, d: number, j: number): Vector {
  const m = (z.length - 1) / (d + 1);
  const out: number[] = [];
  for (let s = 0; s < m; s++) for (let q = 0; q < d; q++) if (q !== j) out.push(z[s * d + q]);
  for (let q = m * d; q < z.length; q++) out.push(z[q]);
  return Float64Array.from(out);
}

/** The upper triangle without row and column j. */
function cutTriangle(tri: Vector, d: number, j: number): Vector {
  const out: number[] = [];
  let o = 0;
  for (let r = 0; r < d; r++) {
    for (let c = r; c < d; c++) {
      if (r !== j && c !== j) out.push(tri[o]);
      o++;
    }
  }
  return Float64Array.from(out);
}

export interface MomentumSpaceOptions {
  /** Compressors searched (default both). */
  readonly compressors?: readonly MomentumCompressor[];
}

/** Both sides at γ = multiplier·γ_max; NaN sides when γ_max is not a positive finite number (all curvature 0). */
export function candidateSides<S extends NodeEstimatorState>(
  method: MomentumMethod<S>,
  c: MomentumCandidate,
  multiplier: number,
): MomentumSides {
  const nodes = candidateNodes(c);
  const problem = denseQuadratic(nodes);
  const alpha = candidateAlpha(c);
  const eta = candidateEta(c);
  const gammaMax = method.stepSize(problem, alpha, eta);
  if (!(gammaMax > 0 && Number.isFinite(gammaMax))) return { lhs: NaN, rhs: NaN, scale: NaN, gamma: NaN, outcomes: 0 };
  const compressor = c.compressor === 'top-k' ? topK(dimOf(c), c.k) : adversarialContractive(c.w, c.ball[1], alpha);
  return oneStepSides({
    method,
    nodes,
    problem,
    state: method.state({ x: c.x, vi: c.vi, ui: method.secondMomentum ? c.ui : c.vi, gi: c.gi }),
    compressor,
    alpha,
    eta,
    sigma: Math.abs(c.sigma[0]),
    law: candidateNoise(c),
    gamma: multiplier * gammaMax,
    noiseTerms: true,
  });
}

export function momentumSpace<S extends NodeEstimatorState>(
  method: MomentumMethod<S>,
  options: MomentumSpaceOptions = {},
): SearchSpace<MomentumCandidate> {
  const pool = options.compressors ?? (['top-k', 'adversarial'] as const);
  return {
    description: `${method.label}: n ∈ 1…3, d ∈ 1…3, dense symmetric quadratics (indefinite, heterogeneous L_i), any state${method.momentum ? ', η ∈ (0, 1]' : ''}, finite noise with 1–3 support points per node (E‖ξ_i‖² ≤ σ², exact expectation), ${pool.map((p) => (p === 'top-k' ? 'top-k' : 'the adversarial contractive compressor (one direction for all nodes, α ∈ (0, 1])')).join(' or ')}`,
    sample(k: Key): MomentumCandidate {
      const [kn, kd, kc, kk, km, kz, kf, ks] = split(k, 8);
      // Worst cases found are one-dimensional (n = 1 at the step rule's kink; n = 2 with errors cancelling in the
      // mean for the Lyapunov weights): half of the starts have d = 1, and n = 1, 2, 3 with weights 1:2:1.
      const n = [1, 2, 2, 3][integerBelow(kn, 4)];
      const d = [1, 1, 2, 3][integerBelow(kd, 4)];
      const compressor = pool[integerBelow(kc, pool.length)];
      const m = Array.from({ length: n }, (_, i) => [1, 2, 2, 3][integerBelow(split(km, n)[i], 4)]);
      const tri = (d * (d + 1)) / 2;
      const u = method.secondMomentum ? n : 0;
      const total =
        n * tri +
        n * d +
        d +
        ((method.momentum ? 2 : 1) * n + u) * d +
        m.reduce((s, mi) => s + mi * (d + 1) + 1, 0) +
        2 +
        (compressor === 'adversarial' ? 2 + d : 0);
      const z = normal(kz, total);
      let o = 0;
      const take = (len: number): Vector => {
        const v = z.slice(o, o + len);
        o += len;
        return v;
      };
      // Three families of starts: arbitrary; equilibrium v_i = u_i = g_i = ∇f_i(x), where the noise term is
      // tightest; and isotropic equilibrium (A_i = s_i·I, b_i = 0), where the step rules are tightest.
      const family = integerBelow(kf, 3);
      const a = Array.from({ length: n }, () => take(tri));
      const b = Array.from({ length: n }, () => take(d));
      if (family === 2) {
        for (let i = 0; i < n; i++) {
          const s = Math.abs(a[i][0]) + 0.1;
          let q = 0;
          for (let r = 0; r < d; r++) for (let c = r; c < d; c++) a[i][q++] = r === c ? s : 0;
          b[i].fill(0);
        }
      }
      const x = take(d);
      // EF21-SGD has no momentum v_i: its state is (x, g_i).
      let vi = Array.from({ length: method.momentum ? n : 0 }, () => take(d));
      let ui = Array.from({ length: u }, () => take(d));
      let gi = Array.from({ length: n }, () => take(d));
      if (family > 0) {
        const problem = denseQuadratic(a.map((t, i) => ({ A: symmetric(t, d), b: Array.from(b[i]) })));
        vi = vi.map((_, i) => problem.gradI(i, x));
        ui = ui.map((_, i) => problem.gradI(i, x));
        gi = gi.map((_, i) => problem.gradI(i, x));
      }
      const noise = m.map((mi) => take(mi * (d + 1) + 1));
      const sigma = take(1);
      // A quarter of the starts are noiseless: the pathwise corollary's worst case.
      if (integerBelow(ks, 4) === 0) sigma[0] = 0;
      const eta = take(1);
      return {
        compressor,
        k: compressor === 'top-k' ? 1 + integerBelow(kk, d) : 0,
        a,
        b,
        x,
        vi,
        ui,
        gi,
        noise,
        sigma,
        eta: method.momentum ? eta : new Float64Array(0),
        ball: compressor === 'adversarial' ? take(2) : new Float64Array(0),
        w: compressor === 'adversarial' ? take(d) : new Float64Array(0),
      };
    },
    encode(c) {
      return concatenate(parts(c));
    },
    decode(z, like) {
      const next = slices(z);
      const take = (p: Vector): Vector => next(p.length);
      return {
        ...like,
        a: like.a.map(take),
        b: like.b.map(take),
        x: take(like.x),
        vi: like.vi.map(take),
        ui: like.ui.map(take),
        gi: like.gi.map(take),
        noise: like.noise.map(take),
        sigma: take(like.sigma),
        eta: take(like.eta),
        ball: take(like.ball),
        w: take(like.w),
      };
    },
    sides: (c, multiplier) => candidateSides(method, c, multiplier),
    shrink(c) {
      const n = c.a.length;
      const d = dimOf(c);
      const out: MomentumCandidate[] = [];
      for (let i = 0; n > 1 && i < n; i++) {
        const drop = <T>(xs: readonly T[]): T[] => xs.filter((_, q) => q !== i);
        out.push({
          ...c,
          a: drop(c.a),
          b: drop(c.b),
          vi: drop(c.vi),
          ui: drop(c.ui),
          gi: drop(c.gi),
          noise: drop(c.noise),
        });
      }
      for (let j = 0; d > 1 && j < d; j++) {
        const each = (vs: readonly Vector[]): Vector[] => vs.map((v) => cut(v, j));
        out.push({
          ...c,
          k: Math.min(c.k, d - 1),
          a: c.a.map((t) => cutTriangle(t, d, j)),
          b: each(c.b),
          x: cut(c.x, j),
          vi: each(c.vi),
          ui: each(c.ui),
          gi: each(c.gi),
          noise: c.noise.map((z) => cutNoise(z, d, j)),
          w: c.w.length === 0 ? c.w : cut(c.w, j),
        });
      }
      return out;
    },
    size: (c) => ({ n: c.a.length, d: dimOf(c) }),
    json(c): Json {
      const arr = (v: ArrayLike<number>): number[] => Array.from(v);
      const law = candidateNoise(c);
      return {
        method: method.label,
        n: c.a.length,
        d: dimOf(c),
        compressor: c.compressor === 'top-k' ? `top-k(k=${c.k},d=${dimOf(c)})` : 'adversarial-contractive',
        alpha: candidateAlpha(c),
        ...(c.compressor === 'adversarial' ? { direction: arr(c.w), radiusFraction: radiusFraction(c.ball[1]) } : {}),
        eta: candidateEta(c),
        sigma: Math.abs(c.sigma[0]),
        nodes: candidateNodes(c).map((q) => ({ A: q.A.map(arr), b: q.b })),
        x: arr(c.x),
        vi: c.vi.map(arr),
        ...(method.secondMomentum ? { ui: c.ui.map(arr) } : {}),
        gi: c.gi.map(arr),
        noise: law.map((z) => ({ p: [...z.p], points: z.points.map(arr) })),
      };
    },
  };
}
