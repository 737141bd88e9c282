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
import { radiusFraction } from '../../../src/adversary/ball-compressor.ts';
import { concatenate, slices } from '../../../src/adversary/coordinates.ts';
import type { InequalitySides, Json, SearchSpace } from '../../../src/adversary/types.ts';
import { ef21Hb } from '../../../src/algorithms/ef21-hb.ts';
import { topK } from '../../../src/compressors/top-k.ts';
import { upperLength } from '../../../src/linalg/symmetric.ts';
import type { ReadonlyVector } from '../../../src/linalg/vector.ts';
import { exactOracle } from '../../../src/oracles/exact.ts';
import { key, split, type Key } from '../../../src/rng/key.ts';
import { integerBelow } from '../../../src/rng/sample.ts';
import { ALPHA_MAX, ALPHA_MIN } from './descent-space.ts';
import { ef21HbGamma, hbWeights } from './hb-constants.ts';
import {
  ballJson,
  ballUpdate,
  decodeQuadratics,
  meanGradient,
  meanOf,
  NAN_SIDES,
  nodeShapes,
  normSq,
  numbers,
  quadraticChange,
  quadraticsJson,
  quadraticsOf,
  sampleQuadratics,
  sampleShape,
  shrinkNodes,
  withoutCoordinate,
  withoutIndex,
  withoutNode,
  type NodeParts,
  type RuleSetting,
} from './node-parts.ts';
import { asProblem, nodeGradient, smoothnessOf, type NodeQuadratics } from './quadratic-nodes.ts';

/** η's range: below 0.05 the momentum weight c ∝ 1/η dwarfs every other term; 0.99 is heavy momentum. */
export const ETA_MIN = 0.05;
export const ETA_MAX = 0.99;

export type HbSetting = RuleSetting<[alpha: number, eta: number]>;

/** The claim's rule, γ = (1 − η)²/(L + (1 − η)L̃ξ(α)). */
export const ef21HbSetting: HbSetting = {
  label: 'EF21-HB at γ = (1 − η)²/(L + (1 − η)L̃ξ(α)), Ψ on z = x − γ(v − g)/(1 − η)',
  gamma: (c, alpha, eta) => ef21HbGamma(c, alpha, eta),
};

export interface HbCandidate extends NodeParts {
  readonly k: number;
  readonly gi: readonly Float64Array[];
  /** The master's momentum v. */
  readonly v: Float64Array;
  readonly alphaAngle: number;
  readonly etaAngle: number;
}

export function hbParameters(c: HbCandidate): { alpha: number; eta: number } {
  const alpha =
    c.compressor === 'top-k' ? c.k / c.x.length : ALPHA_MIN + (ALPHA_MAX - ALPHA_MIN) * radiusFraction(c.alphaAngle);
  return { alpha, eta: ETA_MIN + (ETA_MAX - ETA_MIN) * radiusFraction(c.etaAngle) };
}

/** Both sides at γ = multiplier·γ_rule. */
export function hbSpaceSides(setting: HbSetting, c: HbCandidate, multiplier: number): InequalitySides {
  const q = quadraticsOf(c);
  const { L, Li } = smoothnessOf(q);
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
    giNext = ballUpdate(q, c, c.gi, x1, alpha);
    mNext = Float64Array.from(c.v, (vj) => eta * vj);
    // z⁺ = z − γ'g exactly (the algebra of the header), without forming z⁺ from x⁺ and v⁺.
    for (let j = 0; j < d; j++) delta[j] = -effectiveStep * g[j];
  }
  const before = worker * coordinateNodeError(q, c.gi, c.x) + momentum * normSq(m);
  const after = worker * coordinateNodeError(q, giNext, xNext) + momentum * normSq(mNext);
  const gradZ = meanGradient(q, z);
  // f(z⁺) − f(z) = ∇f(z)ᵀδ + ½δᵀĀδ exactly.
  const { linear, curvature } = quadraticChange(q, gradZ, delta);
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

function dropCoordinate(c: HbCandidate, j: number): HbCandidate {
  const { cut, parts } = withoutCoordinate(c, j);
  return { ...c, ...parts, gi: c.gi.map(cut), v: cut(c.v) };
}

const SHAPES = nodeShapes();

export function hbSpace(setting: HbSetting): SearchSpace<HbCandidate> {
  return {
    description: `${setting.label}: n ∈ 1..3 nodes of dense symmetric quadratics (indefinite) in d ∈ 1..3, L_i from the matrices, any state (x, g_i, v), η ∈ [${ETA_MIN}, ${ETA_MAX}] searched; the adversarial compressor (α ∈ [${ALPHA_MIN}, ${ALPHA_MAX}] searched) or top-k (k < d) through src/algorithms/ef21-hb.ts`,
    sample(k: Key): HbCandidate {
      const [kc, kn, kd, kk, ks, kv] = split(k, 6);
      const { compressor, n, d } = sampleShape(SHAPES, kc, kn, kd);
      const { S, b, x, take } = sampleQuadratics(ks, kv, n, d, n * (upperLength(d) + 3 * d) + d + d + n + 2);
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
      const { S, b, x } = decodeQuadratics(take, like);
      const gi = like.gi.map((u) => take(u.length));
      const v = take(like.v.length);
      const adversarial = like.compressor === 'adversarial';
      const beta = adversarial ? take(like.beta.length) : like.beta;
      const alphaAngle = adversarial ? take(1)[0] : like.alphaAngle;
      const etaAngle = take(1)[0];
      return { ...like, S, b, x, gi, v, beta, alphaAngle, etaAngle };
    },
    sides: (c, multiplier) => hbSpaceSides(setting, c, multiplier),
    shrink: (c) =>
      shrinkNodes(c, 1, c.compressor === 'adversarial' ? c.x.length > 1 : c.k < c.x.length - 1, {
        node: (i) => ({ ...c, ...withoutNode(c, i), gi: withoutIndex(c.gi, i) }),
        coordinate: (j) => dropCoordinate(c, j),
      }),
    size: (c) => ({ n: c.S.length, d: c.x.length }),
    json(c): Json {
      const q = quadraticsOf(c);
      const { L, Li } = smoothnessOf(q);
      const { alpha, eta } = hbParameters(c);
      return {
        setting: setting.label,
        compressor: c.compressor === 'adversarial' ? 'adversarial' : `top-k(k=${c.k},d=${q.d})`,
        ...{ alpha, eta, L, Li, gammaRule: setting.gamma({ L, Li }, alpha, eta) },
        ...quadraticsJson(q, c.x),
        ...{ gi: c.gi.map(numbers), v: numbers(c.v) },
        ...(c.compressor === 'adversarial' ? ballJson(c) : {}),
      };
    },
  };
}

/**
 * (1/n)Σ‖g_i − ∇f_i(y)‖², summed coordinate by coordinate: node-parts.ts's nodeError sums node by node, which rounds
 * differently, and the committed reports (the adversary's search path) were made with this order.
 */
function coordinateNodeError(q: NodeQuadratics, gi: readonly ReadonlyVector[], y: ReadonlyVector): number {
  let s = 0;
  for (let i = 0; i < gi.length; i++) {
    const h = nodeGradient(q, i, y);
    for (let j = 0; j < q.d; j++) s += (gi[i][j] - h[j]) ** 2 / gi.length;
  }
  return s;
}
