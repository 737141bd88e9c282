/**
 * The adversary's search space for the EF21 family's one-step inequalities [Richtárik, Sokolov, Fatkhullin 2021,
 * Thm 1 & 2; Richtárik, Gasanov, Burlachenko 2024, Thm 2 & 3; Fatkhullin et al. 2021, EF21-PP]. All of them step
 *   x⁺ = x − γ Σ_i w_i g_i,   g_i⁺ = g_i + C(h_i(x⁺) − g_i) (node i joins with probability p),  h_i = ∇f_i/(n w_i),
 * with master weights w_i (1/n for EF21, L_i/ΣL_j for EF21-W) and judge a Lyapunov function with node weights c_i:
 *   descent:      Φ⁺ ≤ Φ − (γ/2)‖∇f(x)‖²,   Φ = f − f_inf + (γ/(2θ))Σ_i c_i‖g_i − h_i(x)‖²   (f_inf cancels),
 *   contraction:  Ψ⁺ ≤ (1 − γμ)Ψ,           Ψ = f − f*    + (γ/θ)Σ_i c_i‖g_i − h_i(x)‖²,
 * with θ = θ(pα) and γ = m·γ_rule(L, L_i, μ, α, p). The expectation over participation is exact:
 * E‖g_i⁺ − h_i(x⁺)‖² = p‖C(u_i) − u_i‖² + (1 − p)‖u_i‖², u_i = h_i(x⁺) − g_i.
 *
 * Candidates: n ∈ 1..3 nodes of dense symmetric quadratics in d ∈ 1..3 (indefinite for the descent form; for the
 * contraction form Ā is shifted to λ_min(Ā) = μ > 0, each A_i still indefinite if the adversary likes), any state
 * (x, g_i), and the compressor: the adversarial member of the contractive class (src/adversary/ball-compressor.ts,
 * node i's own direction and radius, α itself a searched coordinate), or top-k (α = k/d) stepped through the real
 * src/algorithms/ef21.ts or ef21-w.ts. The climber moves the matrix entries, b_i, x, g_i, the radii and α; L_i, L
 * and μ follow from the matrices (quadratic-nodes.ts), so the step moves with them.
 */
import { ballOutput, radiusFraction } from '../../../src/adversary/ball-compressor.ts';
import { concatenate, slices } from '../../../src/adversary/coordinates.ts';
import type { InequalitySides, Json, SearchSpace } from '../../../src/adversary/types.ts';
import { ef21 } from '../../../src/algorithms/ef21.ts';
import { ef21W } from '../../../src/algorithms/ef21-w.ts';
import { topK } from '../../../src/compressors/top-k.ts';
import { spectralNormSymmetric, symmetricEigen } from '../../../src/linalg/eigen.ts';
import type { ReadonlyVector, Vector } from '../../../src/linalg/vector.ts';
import { exactOracle } from '../../../src/oracles/exact.ts';
import { key, split, type Key } from '../../../src/rng/key.ts';
import { integerBelow } from '../../../src/rng/sample.ts';
import { theta, type SmoothnessConstants } from './constants.ts';
import {
  ballJson,
  decodeQuadratics,
  meanGradient,
  NAN_SIDES,
  type NodeCompressor,
  nodeShapes,
  normSq,
  quadraticChange,
  quadraticsJson,
  quadraticsOf,
  sampleQuadratics,
  sampleShape,
  shrinkNodes,
  withoutCoordinate,
  withoutIndex,
  withoutNode,
} from './node-parts.ts';
import {
  asProblem,
  gapFromGradient,
  meanMatrix,
  nodeGradient,
  smoothnessOf,
  type NodeQuadratics,
} from './quadratic-nodes.ts';
import { symmetricFromUpper, upperLength } from '../../../src/linalg/symmetric.ts';

export type DescentCompressor = NodeCompressor;

export interface DescentSetting {
  /** The method, rule and Lyapunov function, in a phrase, for reports. */
  readonly label: string;
  readonly form: 'descent' | 'contraction';
  /** γ_rule: the theory's step for the instance's constants, α, and participation p. */
  readonly gamma: (c: SmoothnessConstants, alpha: number, p: number) => number;
  /** The master's weights w_i (g = Σ w_i g_i, targets ∇f_i/(n w_i)). */
  readonly masterWeights: (Li: readonly number[]) => number[];
  /** The Lyapunov function's node weights c_i. */
  readonly lyapunovWeights: (Li: readonly number[]) => number[];
  /** The implementation top-k candidates step through (at p = 1); it must aggregate with masterWeights. */
  readonly implementation: 'ef21' | 'ef21-w';
  /** Participation probabilities the key chooses among (default [1]). */
  readonly participation?: readonly number[];
  /** Default both. */
  readonly compressors?: readonly DescentCompressor[];
  /** Node and coordinate ranges (default [1, 3] each). */
  readonly nodes?: readonly [number, number];
  readonly dims?: readonly [number, number];
}

export interface DescentCandidate {
  readonly compressor: DescentCompressor;
  /** top-k's k; 0 for the adversarial compressor. */
  readonly k: number;
  readonly p: number;
  /** A_i's upper triangles (plus, in the contraction form, the shift that puts λ_min(Ā) at μ). */
  readonly S: readonly Float64Array[];
  readonly b: readonly Float64Array[];
  readonly x: Float64Array;
  readonly g: readonly Float64Array[];
  /**
   * The adversarial compressor's direction per node. Sampled, not climbed: neither side depends on it (x⁺ does not
   * depend on C, and the Lyapunov function sees only ‖C(u_i) − u_i‖), but the map stays the general one.
   */
  readonly w: readonly Float64Array[];
  /** Radius parameters per node (b = (1 + sin β)/2 of the allowed radius). */
  readonly beta: Float64Array;
  /** α = ALPHA_MIN + (1 − ALPHA_MIN)(1 + sin a)/2 for the adversarial compressor. */
  readonly alphaAngle: number;
  /** Contraction form: μ = rms(S)·(MU_FLOOR + (1 + sin τ)/2). */
  readonly muAngle: number;
}

/**
 * The adversarial compressor's α range. Below 0.01 γ vanishes and the inequality with it; above 0.9 the method is
 * nearly uncompressed gradient descent, where the inequality is the descent lemma — tight at curvature L for every
 * rule, violated by none, and a local maximum that would absorb climbs. top-k covers α = k/d up to 2/3.
 */
export const ALPHA_MIN = 0.01;
export const ALPHA_MAX = 0.9;
/** μ's floor relative to the matrices' size: keeps κ ≲ 10³, where f − f* is still accurate to ~1e-13. */
export const MU_FLOOR = 0.01;

export function alphaOf(c: DescentCandidate): number {
  return c.compressor === 'top-k'
    ? c.k / c.x.length
    : ALPHA_MIN + (ALPHA_MAX - ALPHA_MIN) * radiusFraction(c.alphaAngle);
}

export interface DescentInstance {
  readonly q: NodeQuadratics;
  readonly L: number;
  readonly Li: number[];
  /** Contraction form: μ = λ_min(Ā) and Ā's eigenpairs (for f − f*). */
  readonly mu?: number;
  readonly eigen?: { readonly values: Float64Array; readonly vectors: readonly Float64Array[] };
}

/** The quadratics of a candidate with their constants. */
export function instanceOf(c: DescentCandidate, form: DescentSetting['form']): DescentInstance {
  const d = c.x.length;
  const n = c.S.length;
  if (form === 'descent') {
    const q = quadraticsOf(c);
    return { q, ...smoothnessOf(q) };
  }
  let ss = 0;
  for (const s of c.S) for (let j = 0; j < s.length; j++) ss += s[j] * s[j];
  const rms = Math.sqrt(ss / (n * upperLength(d)));
  const mu = rms * (MU_FLOOR + radiusFraction(c.muAngle));
  const unshifted = quadraticsOf(c);
  const base = symmetricEigen({ order: d, data: meanMatrix(unshifted) });
  // Ā = S̄ + (μ − λ_min(S̄))I: the same eigenvectors, eigenvalues shifted so that the smallest is μ.
  const shift = mu - base.values[0];
  const values = base.values.map((v) => v + shift);
  const A = c.S.map((s) => symmetricFromUpper(s, d, shift));
  const q: NodeQuadratics = { d, A, b: c.b };
  return {
    q,
    L: Math.max(Math.abs(values[0]), Math.abs(values[d - 1])),
    Li: A.map((a) => spectralNormSymmetric({ order: d, data: a })),
    mu,
    eigen: { values, vectors: base.vectors },
  };
}

/** Both sides of the setting's inequality for a candidate at γ = multiplier·γ_rule. */
export function descentSides(setting: DescentSetting, c: DescentCandidate, multiplier: number): InequalitySides {
  const inst = instanceOf(c, setting.form);
  const { q, L, Li } = inst;
  const n = q.A.length;
  const d = q.d;
  if (!(L > 0) || !Li.every((l) => l > 0)) return NAN_SIDES;
  const alpha = alphaOf(c);
  const p = c.p;
  const gamma = multiplier * setting.gamma({ L, Li, ...(inst.mu === undefined ? {} : { mu: inst.mu }) }, alpha, p);
  if (!(gamma > 0 && Number.isFinite(gamma))) return NAN_SIDES;
  const th = theta(p * alpha);
  const coefficient = setting.form === 'descent' ? gamma / (2 * th) : gamma / th;
  const w = setting.masterWeights(Li);
  const cw = setting.lyapunovWeights(Li);
  const target = (i: number, y: ReadonlyVector): Vector => {
    const h = nodeGradient(q, i, y);
    const s = 1 / (n * w[i]);
    for (let j = 0; j < d; j++) h[j] *= s;
    return h;
  };
  let before = 0;
  for (let i = 0; i < n; i++) {
    const h = target(i, c.x);
    let s = 0;
    for (let j = 0; j < d; j++) s += (c.g[i][j] - h[j]) ** 2;
    before += cw[i] * s;
  }
  let xNext: ReadonlyVector;
  let after = 0;
  if (c.compressor === 'top-k' && p === 1) {
    // Pathwise through the real implementation: its x⁺ and g_i⁺, judged against the independent targets.
    const C = topK(d, c.k);
    const oracle = exactOracle(asProblem(q, L, Li));
    const gBar = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) gBar[j] += w[i] * c.g[i][j];
    const common = { t: 0, x: c.x, gi: c.g, g: gBar, bitsPerNode: 0, initBitsPerNode: 0 };
    const next =
      setting.implementation === 'ef21'
        ? ef21({ gamma, compressor: C }).step(common, oracle, key(0))
        : ef21W({ gamma, compressor: C }).step({ ...common, wi: w }, oracle, key(0));
    xNext = next.x;
    for (let i = 0; i < n; i++) {
      const h = target(i, xNext);
      let s = 0;
      for (let j = 0; j < d; j++) s += (next.gi[i][j] - h[j]) ** 2;
      after += cw[i] * s;
    }
  } else {
    const x1 = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      let gj = 0;
      for (let i = 0; i < n; i++) gj += w[i] * c.g[i][j];
      x1[j] = c.x[j] - gamma * gj;
    }
    xNext = x1;
    const C = c.compressor === 'top-k' ? topK(d, c.k) : undefined;
    const radius = Math.sqrt(1 - alpha);
    for (let i = 0; i < n; i++) {
      const h = target(i, xNext);
      const u = new Float64Array(d);
      for (let j = 0; j < d; j++) u[j] = h[j] - c.g[i][j];
      const out = C === undefined ? ballOutput(u, c.w[i], c.beta[i], radius) : C.compress(u, key(0));
      let sent = 0;
      for (let j = 0; j < d; j++) sent += (out[j] - u[j]) ** 2;
      after += cw[i] * (p * sent + (1 - p) * normSq(u));
    }
  }
  const gradF = meanGradient(q, c.x);
  const gradSq = normSq(gradF);
  if (setting.form === 'descent') {
    const { linear, curvature } = quadraticChange(
      q,
      gradF,
      Float64Array.from(xNext, (xj, j) => xj - c.x[j]),
    );
    const lhs = linear + curvature + coefficient * after;
    const rhs = coefficient * before - (gamma / 2) * gradSq;
    return {
      lhs,
      rhs,
      scale: Math.abs(linear) + Math.abs(curvature) + coefficient * (before + after) + (gamma / 2) * gradSq,
    };
  }
  const mu = inst.mu ?? NaN;
  const eigen = inst.eigen ?? symmetricEigen({ order: d, data: meanMatrix(q) });
  const psi = gapFromGradient(eigen, gradF) + coefficient * before;
  const psiNext = gapFromGradient(eigen, meanGradient(q, xNext)) + coefficient * after;
  const rhs = (1 - gamma * mu) * psi;
  // Scale = the right side, so the ratio is Ψ⁺/((1 − γμ)Ψ); past γμ = 1 (large multipliers) the right side is ≤ 0.
  return { lhs: psiNext, rhs, scale: rhs > 0 ? rhs : psiNext + Math.abs(rhs) };
}

/** Vectors of one candidate in encoding order (the directions w_i are not encoded: see DescentCandidate.w). */
function encodedParts(c: DescentCandidate, form: DescentSetting['form']): ReadonlyVector[] {
  const parts: ReadonlyVector[] = [...c.S, ...c.b, c.x, ...c.g];
  if (c.compressor === 'adversarial') parts.push(c.beta, Float64Array.of(c.alphaAngle));
  if (form === 'contraction') parts.push(Float64Array.of(c.muAngle));
  return parts;
}

/** The candidate with coordinate j removed (principal submatrices, shorter vectors). */
function dropCoordinate(c: DescentCandidate, j: number): DescentCandidate {
  const { cut, parts } = withoutCoordinate(c, j);
  return { ...c, ...parts, g: c.g.map(cut) };
}

export function descentSpace(setting: DescentSetting): SearchSpace<DescentCandidate> {
  const [nLo, nHi] = setting.nodes ?? [1, 3];
  const [dLo, dHi] = setting.dims ?? [1, 3];
  const participation = setting.participation ?? [1];
  const shapes = nodeShapes([nLo, nHi], [dLo, dHi], setting.compressors);
  const shape =
    setting.form === 'descent'
      ? 'dense symmetric quadratics (indefinite)'
      : 'dense symmetric quadratics with Ā ≻ 0 (μ = λ_min(Ā), A_i indefinite allowed)';
  const compressors = shapes.pool.map((c) =>
    c === 'adversarial'
      ? `the adversarial compressor (α ∈ [${ALPHA_MIN}, ${ALPHA_MAX}] searched)`
      : `top-k (k < d) through src/algorithms/${setting.implementation}.ts`,
  );
  return {
    description: `${setting.label}: n ∈ ${nLo}..${nHi} nodes of ${shape} in d ∈ ${dLo}..${dHi}, L_i from the matrices, any state (x, g_i)${participation.length > 1 || participation[0] !== 1 ? `, p ∈ {${participation.join(', ')}}` : ''}; ${compressors.join(' or ')}`,
    sample(k: Key): DescentCandidate {
      const [kc, kn, kd, kk, kp, ks, kv] = split(k, 7);
      const { compressor, n, d } = sampleShape(shapes, kc, kn, kd);
      const { S, b, x, take } = sampleQuadratics(ks, kv, n, d, n * (upperLength(d) + 4 * d) + d + n + 2);
      const g = Array.from({ length: n }, () => take(d));
      const w = Array.from({ length: n }, () => take(d));
      const beta = take(n);
      const [alphaAngle, muAngle] = take(2);
      return {
        compressor,
        k: compressor === 'top-k' ? 1 + integerBelow(kk, d - 1) : 0,
        p: participation[integerBelow(kp, participation.length)],
        S,
        b,
        x,
        g,
        w,
        beta,
        alphaAngle,
        muAngle,
      };
    },
    encode(c) {
      return concatenate(encodedParts(c, setting.form));
    },
    decode(z, like) {
      const take = slices(z);
      const { S, b, x } = decodeQuadratics(take, like);
      const g = like.g.map((v) => take(v.length));
      const adversarial = like.compressor === 'adversarial';
      const beta = adversarial ? take(like.beta.length) : like.beta;
      const alphaAngle = adversarial ? take(1)[0] : like.alphaAngle;
      const muAngle = setting.form === 'contraction' ? take(1)[0] : like.muAngle;
      return { ...like, S, b, x, g, beta, alphaAngle, muAngle };
    },
    sides: (c, multiplier) => descentSides(setting, c, multiplier),
    shrink(c) {
      const d = c.x.length;
      // top-k keeps its k (so α = k/d grows as d shrinks), and must still compress: k < d − 1 before the cut.
      return shrinkNodes(c, nLo, d > dLo && (c.compressor === 'adversarial' || c.k < d - 1), {
        node: (i) => ({ ...c, ...withoutNode(c, i), g: withoutIndex(c.g, i) }),
        coordinate: (j) => dropCoordinate(c, j),
      });
    },
    size: (c) => ({ n: c.S.length, d: c.x.length }),
    json(c): Json {
      const inst = instanceOf(c, setting.form);
      const { q, L, Li } = inst;
      const alpha = alphaOf(c);
      return {
        setting: setting.label,
        compressor: c.compressor === 'adversarial' ? 'adversarial' : `top-k(k=${c.k},d=${q.d})`,
        alpha,
        p: c.p,
        L,
        Li,
        ...(inst.mu === undefined ? {} : { mu: inst.mu }),
        gammaRule: setting.gamma({ L, Li, ...(inst.mu === undefined ? {} : { mu: inst.mu }) }, alpha, c.p),
        ...quadraticsJson(q, c.x),
        g: c.g.map((v) => Array.from(v)),
        ...(c.compressor === 'adversarial' ? ballJson(c) : {}),
      };
    },
  };
}
