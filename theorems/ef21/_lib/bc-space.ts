/**
 * The adversary's search space for EF21-BC's one-step inequality (theorems/ef21/ef21-bc.ts, docs/theory.md §3.6):
 *   x⁺ = x − γg,  g̃_i⁺ = g̃_i + C_w(∇f_i(x⁺) − g̃_i),  g⁺ = g + C_M((1/n)Σg̃_i⁺ − g),
 *   Φ⁺ ≤ Φ − (γ/2)‖∇f(x)‖²,  Φ = f − f_inf + a(1/n)Σ‖g̃_i − ∇f_i(x)‖² + b‖g − (1/n)Σg̃_i‖²,
 * with a, b from bc-constants.ts at γ = m·γ_rule(L, L_i, α_w, α_M).
 *
 * Candidates: n ∈ 1..3 dense symmetric (indefinite) quadratics in d ∈ 1..3, any state (x, g̃_i, g), and either the
 * adversarial members of both classes (src/adversary/ball-compressor.ts; α_w and α_M searched in
 * [ALPHA_MIN, ALPHA_MAX]) or top-k on both links (d ∈ 2..3), stepped through the real src/algorithms/ef21-bc.ts.
 * Unlike EF21's space, the workers' output directions are climbed: the master's error sees their sum Σc_i, so
 * their alignment matters. The master's direction is not: Φ⁺ sees only ‖C_M(w) − w‖.
 */
import { ballOutput, radiusFraction } from '../../../src/adversary/ball-compressor.ts';
import { concatenate, slices } from '../../../src/adversary/coordinates.ts';
import type { InequalitySides, Json, SearchSpace } from '../../../src/adversary/types.ts';
import { ef21Bc } from '../../../src/algorithms/ef21-bc.ts';
import { topK } from '../../../src/compressors/top-k.ts';
import { symmetricFromUpper, upperLength } from '../../../src/linalg/symmetric.ts';
import type { ReadonlyVector } from '../../../src/linalg/vector.ts';
import { exactOracle } from '../../../src/oracles/exact.ts';
import { key, split, type Key } from '../../../src/rng/key.ts';
import { integerBelow, normal, uniform } from '../../../src/rng/sample.ts';
import { bcWeights, ef21BcGamma } from './bc-constants.ts';
import type { SmoothnessConstants } from './constants.ts';
import { ALPHA_MAX, ALPHA_MIN } from './descent-space.ts';
import {
  asProblem,
  meanMatrix,
  nodeGradient,
  quadraticForm,
  smoothnessOf,
  type NodeQuadratics,
} from './quadratic-nodes.ts';

export interface BcSetting {
  readonly label: string;
  /** γ_rule for the instance's constants and the two links' α. */
  readonly gamma: (c: SmoothnessConstants, alphaW: number, alphaM: number) => number;
}

/** The claim's rule, γ = 1/(L + L̃S(α_w, α_M)). */
export const ef21BcSetting: BcSetting = {
  label: 'EF21-BC at γ = 1/(L + L̃S), S = ξ_w + κξ_M(1 + ξ_w)',
  gamma: (c, alphaW, alphaM) => ef21BcGamma(c, alphaW, alphaM),
};

export interface BcCandidate {
  readonly compressor: 'adversarial' | 'top-k';
  /** top-k's k on the uplink and the downlink (0 for the adversarial pair). */
  readonly kW: number;
  readonly kM: number;
  /** A_i's upper triangles. */
  readonly S: readonly Float64Array[];
  readonly b: readonly Float64Array[];
  readonly x: Float64Array;
  /** The workers' g̃_i. */
  readonly gi: readonly Float64Array[];
  /** The broadcast g. */
  readonly g: Float64Array;
  /** C_w's direction and radius parameter per worker. */
  readonly w: readonly Float64Array[];
  readonly beta: Float64Array;
  /** C_M's radius parameter (its direction is along w = g̃⁺ − g: irrelevant to Φ⁺). */
  readonly betaM: number;
  readonly alphaWAngle: number;
  readonly alphaMAngle: number;
}

const angleToAlpha = (a: number): number => ALPHA_MIN + (ALPHA_MAX - ALPHA_MIN) * radiusFraction(a);

export function bcAlphas(c: BcCandidate): { alphaW: number; alphaM: number } {
  const d = c.x.length;
  return c.compressor === 'top-k'
    ? { alphaW: c.kW / d, alphaM: c.kM / d }
    : { alphaW: angleToAlpha(c.alphaWAngle), alphaM: angleToAlpha(c.alphaMAngle) };
}

function quadraticsOf(c: BcCandidate): NodeQuadratics {
  const d = c.x.length;
  return { d, A: c.S.map((s) => symmetricFromUpper(s, d)), b: c.b };
}

const NAN_SIDES: InequalitySides = { lhs: NaN, rhs: NaN, scale: NaN };

function meanOf(vs: readonly ReadonlyVector[], d: number): Float64Array {
  const out = new Float64Array(d);
  for (const v of vs) for (let j = 0; j < d; j++) out[j] += v[j] / vs.length;
  return out;
}

function distSq(a: ReadonlyVector, b: ReadonlyVector): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += (a[j] - b[j]) ** 2;
  return s;
}

/** (1/n)Σ‖g̃_i − ∇f_i(y)‖². */
function workerError(q: NodeQuadratics, gi: readonly ReadonlyVector[], y: ReadonlyVector): number {
  let s = 0;
  for (let i = 0; i < gi.length; i++) s += distSq(gi[i], nodeGradient(q, i, y)) / gi.length;
  return s;
}

/** Both sides at γ = multiplier·γ_rule. */
export function bcSpaceSides(setting: BcSetting, c: BcCandidate, multiplier: number): InequalitySides {
  const q = quadraticsOf(c);
  const { L, Li } = smoothnessOf(q);
  const n = c.S.length;
  const d = q.d;
  if (!(L > 0) || !Li.every((l) => l > 0)) return NAN_SIDES;
  const { alphaW, alphaM } = bcAlphas(c);
  const gamma = multiplier * setting.gamma({ L, Li }, alphaW, alphaM);
  if (!(gamma > 0 && Number.isFinite(gamma))) return NAN_SIDES;
  const { worker, master } = bcWeights(gamma, alphaW, alphaM);
  const before = worker * workerError(q, c.gi, c.x) + master * distSq(c.g, meanOf(c.gi, d));
  let xNext: ReadonlyVector;
  let giNext: readonly ReadonlyVector[];
  let masterNext: number;
  if (c.compressor === 'top-k') {
    // Through the real implementation: its x⁺, g̃_i⁺ and g⁺, judged against the independent targets.
    const state = { t: 0, x: c.x, gi: c.gi, g: c.g, gTilde: meanOf(c.gi, d), bitsPerNode: 0, initBitsPerNode: 0 };
    const next = ef21Bc({ gamma, compressor: topK(d, c.kW), masterCompressor: topK(d, c.kM) }).step(
      { ...state, downlinkBits: 0, initDownlinkBits: 0 },
      exactOracle(asProblem(q, L, Li)),
      key(0),
    );
    xNext = next.x;
    giNext = next.gi;
    masterNext = distSq(next.g, meanOf(next.gi, d));
  } else {
    const x1 = new Float64Array(d);
    for (let j = 0; j < d; j++) x1[j] = c.x[j] - gamma * c.g[j];
    xNext = x1;
    const radius = Math.sqrt(1 - alphaW);
    giNext = c.gi.map((g, i) => {
      const h = nodeGradient(q, i, x1);
      for (let j = 0; j < d; j++) h[j] -= g[j];
      const out = ballOutput(h, c.w[i], c.beta[i], radius);
      for (let j = 0; j < d; j++) out[j] += g[j];
      return out;
    });
    const wv = meanOf(giNext, d);
    for (let j = 0; j < d; j++) wv[j] -= c.g[j];
    masterNext = distSq(ballOutput(wv, new Float64Array(d), c.betaM, Math.sqrt(1 - alphaM)), wv);
  }
  const after = worker * workerError(q, giNext, xNext) + master * masterNext;
  const gradF = meanOf(
    Array.from({ length: n }, (_, i) => nodeGradient(q, i, c.x)),
    d,
  );
  const delta = new Float64Array(d);
  for (let j = 0; j < d; j++) delta[j] = xNext[j] - c.x[j];
  // f(x⁺) − f(x) = ∇f(x)ᵀδ + ½δᵀĀδ exactly: no f_inf, and no cancellation between f(x⁺) and f(x).
  let linear = 0;
  for (let j = 0; j < d; j++) linear += gradF[j] * delta[j];
  const curvature = 0.5 * quadraticForm(meanMatrix(q), delta);
  let gradSq = 0;
  for (let j = 0; j < d; j++) gradSq += gradF[j] * gradF[j];
  return {
    lhs: linear + curvature + after,
    rhs: before - (gamma / 2) * gradSq,
    scale: Math.abs(linear) + Math.abs(curvature) + before + after + (gamma / 2) * gradSq,
  };
}

function encodedParts(c: BcCandidate): ArrayLike<number>[] {
  const parts: ArrayLike<number>[] = [...c.S, ...c.b, c.x, ...c.gi, c.g];
  if (c.compressor === 'adversarial') parts.push(...c.w, c.beta, [c.betaM, c.alphaWAngle, c.alphaMAngle]);
  return parts;
}

const without = <T>(xs: readonly T[], i: number): T[] => xs.filter((_, q) => q !== i);

function dropCoordinate(c: BcCandidate, j: number): BcCandidate {
  const d = c.x.length;
  const cut = (v: ReadonlyVector): Float64Array => Float64Array.from(Array.from(v).filter((_, q) => q !== j));
  const S = c.S.map((s) => {
    const full = symmetricFromUpper(s, d);
    const out: number[] = [];
    for (let r = 0; r < d; r++) for (let col = r; col < d; col++) if (r !== j && col !== j) out.push(full[r * d + col]);
    return Float64Array.from(out);
  });
  return { ...c, S, b: c.b.map(cut), x: cut(c.x), gi: c.gi.map(cut), g: cut(c.g), w: c.w.map(cut) };
}

export function bcSpace(setting: BcSetting): SearchSpace<BcCandidate> {
  return {
    description: `${setting.label}: n ∈ 1..3 nodes of dense symmetric quadratics (indefinite) in d ∈ 1..3, L_i from the matrices, any state (x, g̃_i, g); the adversarial C_w (direction and radius per node) and C_M with α_w, α_M ∈ [${ALPHA_MIN}, ${ALPHA_MAX}] searched, or top-k (k < d) on both links through src/algorithms/ef21-bc.ts`,
    sample(k: Key): BcCandidate {
      const [kc, kn, kd, kw, km, ks, kv] = split(k, 7);
      // Three starts in four use the adversarial pair: every top-k output is one of its outputs at α = k/d.
      const compressor = uniform(kc, 1)[0] < 0.75 ? 'adversarial' : 'top-k';
      const n = [1, 2, 3, 3][integerBelow(kn, 4)];
      const d = compressor === 'adversarial' ? [1, 1, 2, 3][integerBelow(kd, 4)] : 2 + integerBelow(kd, 2);
      const m = upperLength(d);
      const scales = uniform(ks, n);
      const z = normal(kv, n * (m + 4 * d) + 2 * d + n + 3);
      let o = 0;
      const take = (len: number, factor = 1): Float64Array => {
        const v = z.slice(o, o + len).map((t) => t * factor);
        o += len;
        return v;
      };
      // Node scales log-uniform over two decades: heterogeneous L_i.
      const S = Array.from({ length: n }, (_, i) => take(m, 10 ** (2 * scales[i] - 1) / Math.sqrt(d)));
      const b = Array.from({ length: n }, () => take(d));
      const x = take(d);
      const gi = Array.from({ length: n }, () => take(d));
      const g = take(d);
      const w = Array.from({ length: n }, () => take(d));
      const beta = take(n);
      const [betaM, alphaWAngle, alphaMAngle] = take(3);
      const topKs = compressor === 'top-k';
      return {
        ...{ compressor, kW: topKs ? 1 + integerBelow(kw, d - 1) : 0, kM: topKs ? 1 + integerBelow(km, d - 1) : 0 },
        ...{ S, b, x, gi, g, w, beta, betaM, alphaWAngle, alphaMAngle },
      };
    },
    encode: (c) => concatenate(encodedParts(c)),
    decode(z, like) {
      const take = slices(z);
      const S = like.S.map((s) => take(s.length));
      const b = like.b.map((v) => take(v.length));
      const x = take(like.x.length);
      const gi = like.gi.map((v) => take(v.length));
      const g = take(like.g.length);
      if (like.compressor !== 'adversarial') return { ...like, S, b, x, gi, g };
      const w = like.w.map((v) => take(v.length));
      const beta = take(like.beta.length);
      const [betaM, alphaWAngle, alphaMAngle] = take(3);
      return { ...like, S, b, x, gi, g, w, beta, betaM, alphaWAngle, alphaMAngle };
    },
    sides: (c, multiplier) => bcSpaceSides(setting, c, multiplier),
    shrink(c) {
      const n = c.S.length;
      const d = c.x.length;
      const out: BcCandidate[] = [];
      for (let i = 0; n > 1 && i < n; i++) {
        const beta = Float64Array.from(without(Array.from(c.beta), i));
        out.push({ ...c, S: without(c.S, i), b: without(c.b, i), gi: without(c.gi, i), w: without(c.w, i), beta });
      }
      // top-k keeps its k, which must stay below d after the cut.
      const canCut = c.compressor === 'adversarial' ? d > 1 : Math.max(c.kW, c.kM) < d - 1;
      for (let j = 0; canCut && j < d; j++) out.push(dropCoordinate(c, j));
      return out;
    },
    size: (c) => ({ n: c.S.length, d: c.x.length }),
    json(c): Json {
      const q = quadraticsOf(c);
      const { L, Li } = smoothnessOf(q);
      const { alphaW, alphaM } = bcAlphas(c);
      const arr = (v: ReadonlyVector): number[] => Array.from(v);
      const rows = (A: Float64Array): number[][] =>
        Array.from({ length: q.d }, (_, r) => arr(A.subarray(r * q.d, (r + 1) * q.d)));
      return {
        setting: setting.label,
        compressors:
          c.compressor === 'adversarial'
            ? 'adversarial C_w and C_M'
            : `top-k(k=${c.kW},d=${q.d}) up, top-k(k=${c.kM},d=${q.d}) down`,
        ...{ alphaW, alphaM, L, Li, gammaRule: setting.gamma({ L, Li }, alphaW, alphaM) },
        ...{ A: q.A.map(rows), b: q.b.map(arr), x: arr(c.x), gi: c.gi.map(arr), g: arr(c.g) },
        ...(c.compressor === 'adversarial'
          ? {
              workerRadiusFraction: arr(c.beta).map(radiusFraction),
              workerDirection: c.w.map(arr),
              masterRadiusFraction: radiusFraction(c.betaM),
            }
          : {}),
      };
    },
  };
}
