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
import { upperLength } from '../../../src/linalg/symmetric.ts';
import type { ReadonlyVector } from '../../../src/linalg/vector.ts';
import { exactOracle } from '../../../src/oracles/exact.ts';
import { key, split, type Key } from '../../../src/rng/key.ts';
import { integerBelow } from '../../../src/rng/sample.ts';
import { bcWeights, ef21BcGamma } from './bc-constants.ts';
import { ALPHA_MAX, ALPHA_MIN } from './descent-space.ts';
import {
  ballUpdate,
  decodeQuadratics,
  distSq,
  meanGradient,
  meanOf,
  NAN_SIDES,
  nodeError,
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
import { asProblem, smoothnessOf } from './quadratic-nodes.ts';

/** γ_rule for the instance's constants and the two links' α. */
export type BcSetting = RuleSetting<[alphaW: number, alphaM: number]>;

/** The claim's rule, γ = 1/(L + L̃S(α_w, α_M)). */
export const ef21BcSetting: BcSetting = {
  label: 'EF21-BC at γ = 1/(L + L̃S), S = ξ_w + κξ_M(1 + ξ_w)',
  gamma: (c, alphaW, alphaM) => ef21BcGamma(c, alphaW, alphaM),
};

export interface BcCandidate extends NodeParts {
  /** top-k's k on the uplink and the downlink (0 for the adversarial pair). */
  readonly kW: number;
  readonly kM: number;
  /** The workers' g̃_i. */
  readonly gi: readonly Float64Array[];
  /** The broadcast g. */
  readonly g: Float64Array;
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

/** Both sides at γ = multiplier·γ_rule. */
export function bcSpaceSides(setting: BcSetting, c: BcCandidate, multiplier: number): InequalitySides {
  const q = quadraticsOf(c);
  const { L, Li } = smoothnessOf(q);
  const d = q.d;
  if (!(L > 0) || !Li.every((l) => l > 0)) return NAN_SIDES;
  const { alphaW, alphaM } = bcAlphas(c);
  const gamma = multiplier * setting.gamma({ L, Li }, alphaW, alphaM);
  if (!(gamma > 0 && Number.isFinite(gamma))) return NAN_SIDES;
  const { worker, master } = bcWeights(gamma, alphaW, alphaM);
  const before = worker * nodeError(q, c.gi, c.x) + master * distSq(c.g, meanOf(c.gi, d));
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
    giNext = ballUpdate(q, c, c.gi, x1, alphaW);
    const wv = meanOf(giNext, d);
    for (let j = 0; j < d; j++) wv[j] -= c.g[j];
    masterNext = distSq(ballOutput(wv, new Float64Array(d), c.betaM, Math.sqrt(1 - alphaM)), wv);
  }
  const after = worker * nodeError(q, giNext, xNext) + master * masterNext;
  const gradF = meanGradient(q, c.x);
  const { linear, curvature } = quadraticChange(
    q,
    gradF,
    Float64Array.from(xNext, (xj, j) => xj - c.x[j]),
  );
  const gradSq = normSq(gradF);
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

function dropCoordinate(c: BcCandidate, j: number): BcCandidate {
  const { cut, parts } = withoutCoordinate(c, j);
  return { ...c, ...parts, gi: c.gi.map(cut), g: cut(c.g) };
}

const SHAPES = nodeShapes();

export function bcSpace(setting: BcSetting): SearchSpace<BcCandidate> {
  return {
    description: `${setting.label}: n ∈ 1..3 nodes of dense symmetric quadratics (indefinite) in d ∈ 1..3, L_i from the matrices, any state (x, g̃_i, g); the adversarial C_w (direction and radius per node) and C_M with α_w, α_M ∈ [${ALPHA_MIN}, ${ALPHA_MAX}] searched, or top-k (k < d) on both links through src/algorithms/ef21-bc.ts`,
    sample(k: Key): BcCandidate {
      const [kc, kn, kd, kw, km, ks, kv] = split(k, 7);
      const { compressor, n, d } = sampleShape(SHAPES, kc, kn, kd);
      const { S, b, x, take } = sampleQuadratics(ks, kv, n, d, n * (upperLength(d) + 4 * d) + 2 * d + n + 3);
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
      const { S, b, x } = decodeQuadratics(take, like);
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
      const d = c.x.length;
      // top-k keeps its k, which must stay below d after the cut.
      const canCut = c.compressor === 'adversarial' ? d > 1 : Math.max(c.kW, c.kM) < d - 1;
      return shrinkNodes(c, 1, canCut, {
        node: (i) => ({ ...c, ...withoutNode(c, i), gi: withoutIndex(c.gi, i) }),
        coordinate: (j) => dropCoordinate(c, j),
      });
    },
    size: (c) => ({ n: c.S.length, d: c.x.length }),
    json(c): Json {
      const q = quadraticsOf(c);
      const { L, Li } = smoothnessOf(q);
      const { alphaW, alphaM } = bcAlphas(c);
      return {
        setting: setting.label,
        compressors:
          c.compressor === 'adversarial'
            ? 'adversarial C_w and C_M'
            : `top-k(k=${c.kW},d=${q.d}) up, top-k(k=${c.kM},d=${q.d}) down`,
        ...{ alphaW, alphaM, L, Li, gammaRule: setting.gamma({ L, Li }, alphaW, alphaM) },
        ...quadraticsJson(q, c.x),
        ...{ gi: c.gi.map(numbers), g: numbers(c.g) },
        ...(c.compressor === 'adversarial'
          ? {
              workerRadiusFraction: numbers(c.beta).map(radiusFraction),
              workerDirection: c.w.map(numbers),
              masterRadiusFraction: radiusFraction(c.betaM),
            }
          : {}),
      };
    },
  };
}
