/**
 * The adversary's search space for EF21-HB's one-step inequality (theorems/ef21/ef21-hb.ts, docs/theory.md §3.7):
 *   x⁺ = x − γv,  g_i⁺ = g_i + C(∇f_i(x⁺) − g_i),  v⁺ = ηv + g⁺;  γ' = γ/(1 − η),  z = x − γ'(v − g),
 *   Ψ⁺ ≤ Ψ − (γ'/2)‖∇f(z)‖²,  Ψ = f(z) − f_inf + a(1/n)Σ‖g_i − ∇f_i(x)‖² + c‖v − g‖²,
 * with a, c from hb-constants.ts at γ = m·γ_rule(L, L_i, α, η).
 *
 * Candidates: n ∈ 1..3 dense symmetric (indefinite) quadratics in d ∈ 1..3, any state (x, g_i, v), η ∈
 * [ETA_MIN, ETA_MAX] searched, and the adversarial member of the contractive class (α ∈ [ALPHA_MIN, ALPHA_MAX]
 * searched; its directions are sampled, not climbed: Ψ⁺ sees only ‖C(u_i) − u_i‖) or top-k (d ∈ 2..3) stepped
 * through the real src/algorithms/ef21-hb.ts.
 */
import { ballOutput, radiusFraction } from '../../../src/adversary/ball-compressor.ts';
import { concatenate, slices } from '../../../src/adversary/coordinates.ts';
import type { InequalitySides, Json, SearchSpace } from '../../../src/adversary/types.ts';
import { ef21Hb } from '../../../src/algorithms/ef21-hb.ts';
import { topK } from '../../../src/compressors/top-k.ts';
import { symmetricFromUpper, upperLength } from '../../../src/linalg/symmetric.ts';
import type { ReadonlyVector } from '../../../src/linalg/vector.ts';
import { exactOracle } from '../../../src/oracles/exact.ts';
import { key, split, type Key } from '../../../src/rng/key.ts';
import { integerBelow, normal, uniform } from '../../../src/rng/sample.ts';
import type { SmoothnessConstants } from './constants.ts';
import { ALPHA_MAX, ALPHA_MIN } from './descent-space.ts';
import { ef21HbGamma, hbWeights } from './hb-constants.ts';
import {
  asProblem,
  meanMatrix,
  nodeGradient,
  quadraticForm,
  smoothnessOf,
  type NodeQuadratics,
} from './quadratic-nodes.ts';

/** η's range: below 0.05 the momentum weight c ∝ 1/η dwarfs every other term; 0.99 is heavy momentum. */
export const ETA_MIN = 0.05;
export const ETA_MAX = 0.99;

export interface HbSetting {
  readonly label: string;
  readonly gamma: (c: SmoothnessConstants, alpha: number, eta: number) => number;
}

/** The claim's rule, γ = (1 − η)²/(L + (1 − η)L̃ξ(α)). */
export const ef21HbSetting: HbSetting = {
  label: 'EF21-HB at γ = (1 − η)²/(L + (1 − η)L̃ξ(α)), Ψ on z = x − γ(v − g)/(1 − η)',
  gamma: (c, alpha, eta) => ef21HbGamma(c, alpha, eta),
};

export interface HbCandidate {
  readonly compressor: 'adversarial' | 'top-k';
  readonly k: number;
  readonly S: readonly Float64Array[];
  readonly b: readonly Float64Array[];
  readonly x: Float64Array;
  readonly gi: readonly Float64Array[];
  /** The master's momentum v. */
  readonly v: Float64Array;
  /** The adversarial compressor's directions (sampled) and radius parameters per node. */
  readonly w: readonly Float64Array[];
  readonly beta: Float64Array;
  readonly alphaAngle: number;
  readonly etaAngle: number;
}

export function hbParameters(c: HbCandidate): { alpha: number; eta: number } {
  const alpha =
    c.compressor === 'top-k' ? c.k / c.x.length : ALPHA_MIN + (ALPHA_MAX - ALPHA_MIN) * radiusFraction(c.alphaAngle);
  return { alpha, eta: ETA_MIN + (ETA_MAX - ETA_MIN) * radiusFraction(c.etaAngle) };
}

function quadraticsOf(c: HbCandidate): NodeQuadratics {
  const d = c.x.length;
  return { d, A: c.S.map((s) => symmetricFromUpper(s, d)), b: c.b };
}

const NAN_SIDES: InequalitySides = { lhs: NaN, rhs: NaN, scale: NaN };

function meanOf(vs: readonly ReadonlyVector[], d: number): Float64Array {
  const out = new Float64Array(d);
  for (const v of vs) for (let j = 0; j < d; j++) out[j] += v[j] / vs.length;
  return out;
}

function normSq(v: ReadonlyVector): number {
  let s = 0;
  for (let j = 0; j < v.length; j++) s += v[j] * v[j];
  return s;
}

/** (1/n)Σ‖g_i − ∇f_i(y)‖². */
function nodeError(q: NodeQuadratics, gi: readonly ReadonlyVector[], y: ReadonlyVector): number {
  let s = 0;
  for (let i = 0; i < gi.length; i++) {
    const h = nodeGradient(q, i, y);
    for (let j = 0; j < q.d; j++) s += (gi[i][j] - h[j]) ** 2 / gi.length;
  }
  return s;
}

/** Both sides at γ = multiplier·γ_rule. */
export function hbSpaceSides(setting: HbSetting, c: HbCandidate, multiplier: number): InequalitySides {
  const q = quadraticsOf(c);
  const { L, Li } = smoothnessOf(q);
  const n = c.S.length;
  const d = q.d;
  if (!(L > 0) || !Li.every((l) => l > 0)) return NAN_SIDES;
  const { alpha, eta } = hbParameters(c);
  const gamma = multiplier * setting.gamma({ L, Li }, alpha, eta);
  if (!(gamma > 0 && Number.isFinite(gamma))) return NAN_SIDES;
  const { effectiveStep, worker, momentum } = hbWeights({ L, Li }, gamma, alpha, eta);
  const g = meanOf(c.gi, d);
  const m = Float64Array.from(c.v, (vj, j) => vj - g[j]);
  const z = Float64Array.from(c.x, (xj, j) => xj - effectiveStep * m[j]);
  const delta = new Float64Array(d);
  let xNext: ReadonlyVector;
  let giNext: readonly ReadonlyVector[];
  let mNext: Float64Array;
  // The rounding of z⁺ − z when it is formed from the implementation's x⁺, v⁺, g⁺ (top-k): its summands' size.
  let cancelled = 0;
  if (c.compressor === 'top-k') {
    const state = { t: 0, x: c.x, g, gi: c.gi, v: c.v, bitsPerNode: 0, initBitsPerNode: 0 };
    const next = ef21Hb({ gamma, eta, compressor: topK(d, c.k) }).step(state, exactOracle(asProblem(q, L, Li)), key(0));
    xNext = next.x;
    giNext = next.gi;
    mNext = Float64Array.from(next.v, (vj, j) => vj - next.g[j]);
    for (let j = 0; j < d; j++) delta[j] = xNext[j] - effectiveStep * mNext[j] - z[j];
    cancelled = Math.sqrt(normSq(c.x) + normSq(xNext)) + effectiveStep * Math.sqrt(normSq(m) + normSq(mNext));
  } else {
    const x1 = Float64Array.from(c.x, (xj, j) => xj - gamma * c.v[j]);
    xNext = x1;
    const radius = Math.sqrt(1 - alpha);
    giNext = c.gi.map((gv, i) => {
      const h = nodeGradient(q, i, x1);
      for (let j = 0; j < d; j++) h[j] -= gv[j];
      const out = ballOutput(h, c.w[i], c.beta[i], radius);
      for (let j = 0; j < d; j++) out[j] += gv[j];
      return out;
    });
    mNext = Float64Array.from(c.v, (vj) => eta * vj);
    // z⁺ = z − γ'g exactly (the algebra of the header), without forming z⁺ from x⁺ and v⁺.
    for (let j = 0; j < d; j++) delta[j] = -effectiveStep * g[j];
  }
  const before = worker * nodeError(q, c.gi, c.x) + momentum * normSq(m);
  const after = worker * nodeError(q, giNext, xNext) + momentum * normSq(mNext);
  const gradZ = meanOf(
    Array.from({ length: n }, (_, i) => nodeGradient(q, i, z)),
    d,
  );
  // f(z⁺) − f(z) = ∇f(z)ᵀδ + ½δᵀĀδ exactly.
  let linear = 0;
  for (let j = 0; j < d; j++) linear += gradZ[j] * delta[j];
  const curvature = 0.5 * quadraticForm(meanMatrix(q), delta);
  const gradSq = normSq(gradZ);
  return {
    lhs: linear + curvature + after,
    rhs: before - (effectiveStep / 2) * gradSq,
    scale:
      Math.abs(linear) +
      Math.abs(curvature) +
      Math.sqrt(gradSq) * cancelled +
      before +
      after +
      (effectiveStep / 2) * gradSq,
  };
}

function encodedParts(c: HbCandidate): ArrayLike<number>[] {
  const parts: ArrayLike<number>[] = [...c.S, ...c.b, c.x, ...c.gi, c.v];
  if (c.compressor === 'adversarial') parts.push(c.beta, [c.alphaAngle]);
  parts.push([c.etaAngle]);
  return parts;
}

const without = <T>(xs: readonly T[], i: number): T[] => xs.filter((_, q) => q !== i);

function dropCoordinate(c: HbCandidate, j: number): HbCandidate {
  const d = c.x.length;
  const cut = (v: ReadonlyVector): Float64Array => Float64Array.from(Array.from(v).filter((_, q) => q !== j));
  const S = c.S.map((s) => {
    const full = symmetricFromUpper(s, d);
    const out: number[] = [];
    for (let r = 0; r < d; r++) for (let col = r; col < d; col++) if (r !== j && col !== j) out.push(full[r * d + col]);
    return Float64Array.from(out);
  });
  return { ...c, S, b: c.b.map(cut), x: cut(c.x), gi: c.gi.map(cut), v: cut(c.v), w: c.w.map(cut) };
}

export function hbSpace(setting: HbSetting): SearchSpace<HbCandidate> {
  return {
    description: `${setting.label}: n ∈ 1..3 nodes of dense symmetric quadratics (indefinite) in d ∈ 1..3, L_i from the matrices, any state (x, g_i, v), η ∈ [${ETA_MIN}, ${ETA_MAX}] searched; the adversarial compressor (α ∈ [${ALPHA_MIN}, ${ALPHA_MAX}] searched) or top-k (k < d) through src/algorithms/ef21-hb.ts`,
    sample(k: Key): HbCandidate {
      const [kc, kn, kd, kk, ks, kv] = split(k, 6);
      // Three starts in four use the adversarial compressor: every top-k output is one of its outputs at α = k/d.
      const compressor = uniform(kc, 1)[0] < 0.75 ? 'adversarial' : 'top-k';
      const n = [1, 2, 3, 3][integerBelow(kn, 4)];
      const d = compressor === 'adversarial' ? [1, 1, 2, 3][integerBelow(kd, 4)] : 2 + integerBelow(kd, 2);
      const m = upperLength(d);
      const scales = uniform(ks, n);
      const z = normal(kv, n * (m + 3 * d) + d + d + n + 2);
      let o = 0;
      const take = (len: number, factor = 1): Float64Array => {
        const v = z.slice(o, o + len).map((t) => t * factor);
        o += len;
        return v;
      };
      const S = Array.from({ length: n }, (_, i) => take(m, 10 ** (2 * scales[i] - 1) / Math.sqrt(d)));
      const b = Array.from({ length: n }, () => take(d));
      const x = take(d);
      const gi = Array.from({ length: n }, () => take(d));
      const v = take(d);
      const w = Array.from({ length: n }, () => take(d));
      const beta = take(n);
      const [alphaAngle, etaAngle] = take(2);
      const k1 = compressor === 'top-k' ? 1 + integerBelow(kk, d - 1) : 0;
      return { compressor, k: k1, S, b, x, gi, v, w, beta, alphaAngle, etaAngle };
    },
    encode: (c) => concatenate(encodedParts(c)),
    decode(z, like) {
      const take = slices(z);
      const S = like.S.map((s) => take(s.length));
      const b = like.b.map((u) => take(u.length));
      const x = take(like.x.length);
      const gi = like.gi.map((u) => take(u.length));
      const v = take(like.v.length);
      const adversarial = like.compressor === 'adversarial';
      const beta = adversarial ? take(like.beta.length) : like.beta;
      const alphaAngle = adversarial ? take(1)[0] : like.alphaAngle;
      const etaAngle = take(1)[0];
      return { ...like, S, b, x, gi, v, beta, alphaAngle, etaAngle };
    },
    sides: (c, multiplier) => hbSpaceSides(setting, c, multiplier),
    shrink(c) {
      const n = c.S.length;
      const d = c.x.length;
      const out: HbCandidate[] = [];
      for (let i = 0; n > 1 && i < n; i++) {
        const beta = Float64Array.from(without(Array.from(c.beta), i));
        out.push({ ...c, S: without(c.S, i), b: without(c.b, i), gi: without(c.gi, i), w: without(c.w, i), beta });
      }
      const canCut = c.compressor === 'adversarial' ? d > 1 : c.k < d - 1;
      for (let j = 0; canCut && j < d; j++) out.push(dropCoordinate(c, j));
      return out;
    },
    size: (c) => ({ n: c.S.length, d: c.x.length }),
    json(c): Json {
      const q = quadraticsOf(c);
      const { L, Li } = smoothnessOf(q);
      const { alpha, eta } = hbParameters(c);
      const arr = (u: ReadonlyVector): number[] => Array.from(u);
      const rows = (A: Float64Array): number[][] =>
        Array.from({ length: q.d }, (_, r) => arr(A.subarray(r * q.d, (r + 1) * q.d)));
      return {
        setting: setting.label,
        compressor: c.compressor === 'adversarial' ? 'adversarial' : `top-k(k=${c.k},d=${q.d})`,
        ...{ alpha, eta, L, Li, gammaRule: setting.gamma({ L, Li }, alpha, eta) },
        ...{ A: q.A.map(rows), b: q.b.map(arr), x: arr(c.x), gi: c.gi.map(arr), v: arr(c.v) },
        ...(c.compressor === 'adversarial'
          ? { radiusFraction: arr(c.beta).map(radiusFraction), direction: c.w.map(arr) }
          : {}),
      };
    },
  };
}
