/**
 * What the EF21 family's adversary spaces share (descent-space.ts, bc-space.ts, hb-space.ts): a candidate's n dense
 * quadratics (upper triangles S_i, linear terms b_i), its x, and the adversarial compressor's per-node directions
 * w_i and radius parameters β_i; how a start draws them, how the climber's vector is cut back into them, how a
 * shrink drops a node or a coordinate, how a counterexample prints them; and the pieces of one step's sides.
 */
import { ballOutput, radiusFraction } from '../../../src/adversary/ball-compressor.ts';
import type { InequalitySides } from '../../../src/adversary/types.ts';
import { symmetricFromUpper, upperLength } from '../../../src/linalg/symmetric.ts';
import type { ReadonlyVector } from '../../../src/linalg/vector.ts';
import type { Key } from '../../../src/rng/key.ts';
import { integerBelow, normal, uniform } from '../../../src/rng/sample.ts';
import type { SmoothnessConstants } from './constants.ts';
import { meanMatrix, nodeGradient, quadraticForm, type NodeQuadratics } from './quadratic-nodes.ts';

export type NodeCompressor = 'adversarial' | 'top-k';

/** A space's method and rule, for reports, and γ_rule for the instance's constants and the method's parameters. */
export interface RuleSetting<P extends readonly number[]> {
  readonly label: string;
  readonly gamma: (c: SmoothnessConstants, ...parameters: P) => number;
}

export interface NodeParts {
  readonly compressor: NodeCompressor;
  /** A_i's upper triangles. */
  readonly S: readonly Float64Array[];
  readonly b: readonly Float64Array[];
  readonly x: Float64Array;
  /** The adversarial compressor's direction and radius parameter per node. */
  readonly w: readonly Float64Array[];
  readonly beta: Float64Array;
}

/** The (n, d) a start may draw, per compressor; top-k needs d ≥ 2 and k < d to compress at all. */
export interface NodeShapes {
  readonly pool: readonly NodeCompressor[];
  readonly nodeCounts: readonly number[];
  readonly adversarialDims: readonly number[];
  readonly topKDims: readonly number[];
}

/**
 * The largest n and the smallest d twice as often: the heterogeneity violations grow with n, and the worst cases
 * are one-dimensional (every node's curvature and error aligned).
 */
export function nodeShapes(
  [nLo, nHi]: readonly [number, number] = [1, 3],
  [dLo, dHi]: readonly [number, number] = [1, 3],
  compressors: readonly NodeCompressor[] = ['adversarial', 'top-k'],
): NodeShapes {
  const nodeCounts: number[] = [];
  for (let n = nLo; n <= nHi; n++) nodeCounts.push(...(n === nHi && nHi > nLo ? [n, n] : [n]));
  const adversarialDims: number[] = [];
  for (let d = dLo; d <= dHi; d++) adversarialDims.push(...(d === dLo && dHi > dLo ? [d, d] : [d]));
  const topKDims: number[] = [];
  for (let d = Math.max(2, dLo); d <= dHi; d++) topKDims.push(d);
  const pool = compressors.filter((c) => c === 'adversarial' || topKDims.length > 0);
  if (pool.length === 0) throw new RangeError('descentSpace: top-k needs d ≥ 2');
  return { pool, nodeCounts, adversarialDims, topKDims };
}

/** A start's compressor, n and d. */
export function sampleShape(
  shapes: NodeShapes,
  kc: Key,
  kn: Key,
  kd: Key,
): { compressor: NodeCompressor; n: number; d: number } {
  const u = uniform(kc, 1)[0];
  // Three starts in four use the adversarial compressor: every top-k output is one of its outputs at α = k/d.
  const compressor = shapes.pool.length === 1 ? shapes.pool[0] : u < 0.75 ? 'adversarial' : 'top-k';
  const n = shapes.nodeCounts[integerBelow(kn, shapes.nodeCounts.length)];
  const ds = compressor === 'adversarial' ? shapes.adversarialDims : shapes.topKDims;
  return { compressor, n, d: ds[integerBelow(kd, ds.length)] };
}

/**
 * A start's S_i, b_i and x from `count` normals drawn with kNormal, and `take` for the rest of them in order.
 * Node scales log-uniform over two decades (kScale): heterogeneous L_i, where the QM and AM rules differ.
 */
export function sampleQuadratics(kScale: Key, kNormal: Key, n: number, d: number, count: number) {
  const m = upperLength(d);
  const scales = uniform(kScale, n);
  const z = normal(kNormal, count);
  let o = 0;
  const take = (len: number, factor = 1): Float64Array => {
    const v = z.slice(o, o + len).map((t) => t * factor);
    o += len;
    return v;
  };
  const S = Array.from({ length: n }, (_, i) => take(m, 10 ** (2 * scales[i] - 1) / Math.sqrt(d)));
  const b = Array.from({ length: n }, () => take(d));
  return { S, b, x: take(d), take };
}

/** The climber's vector back into S_i, b_i and x (the first parts of every encoding), shaped like `like`. */
export function decodeQuadratics(take: (length: number) => Float64Array, like: NodeParts) {
  const S = like.S.map((s) => take(s.length));
  const b = like.b.map((v) => take(v.length));
  return { S, b, x: take(like.x.length) };
}

export function withoutIndex<T>(xs: readonly T[], i: number): T[] {
  return xs.filter((_, q) => q !== i);
}

/** The shared parts without node i. */
export function withoutNode(c: NodeParts, i: number): Omit<NodeParts, 'x' | 'compressor'> {
  const beta = Float64Array.from(withoutIndex(Array.from(c.beta), i));
  return { S: withoutIndex(c.S, i), b: withoutIndex(c.b, i), w: withoutIndex(c.w, i), beta };
}

/** The shared parts with coordinate j removed (principal submatrices, shorter vectors), and the cut itself. */
export function withoutCoordinate(c: NodeParts, j: number) {
  const d = c.x.length;
  const cut = (v: ReadonlyVector): Float64Array => Float64Array.from(Array.from(v).filter((_, q) => q !== j));
  const S = c.S.map((s) => {
    const full = symmetricFromUpper(s, d);
    const out: number[] = [];
    for (let r = 0; r < d; r++) for (let col = r; col < d; col++) if (r !== j && col !== j) out.push(full[r * d + col]);
    return Float64Array.from(out);
  });
  return { cut, parts: { S, b: c.b.map(cut), x: cut(c.x), w: c.w.map(cut) } };
}

/**
 * A shrink's candidates: each node dropped (while more than nMin remain), then each coordinate (where canCut);
 * `drop` removes them from every field.
 */
export function shrinkNodes<T extends NodeParts>(
  c: T,
  nMin: number,
  canCut: boolean,
  drop: { readonly node: (i: number) => T; readonly coordinate: (j: number) => T },
): T[] {
  const out: T[] = [];
  for (let i = 0; c.S.length > nMin && i < c.S.length; i++) out.push(drop.node(i));
  for (let j = 0; canCut && j < c.x.length; j++) out.push(drop.coordinate(j));
  return out;
}

/** The candidate's quadratics (A_i from the upper triangles, unshifted). */
export function quadraticsOf(c: Pick<NodeParts, 'S' | 'b' | 'x'>): NodeQuadratics {
  const d = c.x.length;
  return { d, A: c.S.map((s) => symmetricFromUpper(s, d)), b: c.b };
}

export const numbers = (v: ReadonlyVector): number[] => Array.from(v);

/** A_i (as rows), b_i and x, for a counterexample. */
export function quadraticsJson(q: NodeQuadratics, x: ReadonlyVector) {
  const rows = (A: Float64Array): number[][] =>
    Array.from({ length: q.d }, (_, r) => numbers(A.subarray(r * q.d, (r + 1) * q.d)));
  return { A: q.A.map(rows), b: q.b.map(numbers), x: numbers(x) };
}

/** The adversarial compressor's radii and directions, for a counterexample. */
export function ballJson(c: NodeParts) {
  return { radiusFraction: numbers(c.beta).map(radiusFraction), direction: c.w.map(numbers) };
}

export const NAN_SIDES: InequalitySides = { lhs: NaN, rhs: NaN, scale: NaN };

export function distSq(a: ReadonlyVector, b: ReadonlyVector): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += (a[j] - b[j]) ** 2;
  return s;
}

/** (1/n)Σ‖g_i − ∇f_i(y)‖². */
export function nodeError(q: NodeQuadratics, gi: readonly ReadonlyVector[], y: ReadonlyVector): number {
  let s = 0;
  for (let i = 0; i < gi.length; i++) s += distSq(gi[i], nodeGradient(q, i, y)) / gi.length;
  return s;
}

export function normSq(v: ReadonlyVector): number {
  let s = 0;
  for (let j = 0; j < v.length; j++) s += v[j] * v[j];
  return s;
}

/** (1/n)Σ v_i. */
export function meanOf(vs: readonly ReadonlyVector[], d: number): Float64Array {
  const out = new Float64Array(d);
  for (const v of vs) for (let j = 0; j < d; j++) out[j] += v[j] / vs.length;
  return out;
}

/** ∇f(y) = (1/n)Σ∇f_i(y). */
export function meanGradient(q: NodeQuadratics, y: ReadonlyVector): Float64Array {
  return meanOf(
    Array.from({ length: q.A.length }, (_, i) => nodeGradient(q, i, y)),
    q.d,
  );
}

/** f(y + δ) − f(y) = ∇f(y)ᵀδ + ½δᵀĀδ exactly: no f_inf, and no cancellation between the two values. */
export function quadraticChange(
  q: NodeQuadratics,
  grad: ReadonlyVector,
  delta: ReadonlyVector,
): { linear: number; curvature: number } {
  let linear = 0;
  for (let j = 0; j < q.d; j++) linear += grad[j] * delta[j];
  return { linear, curvature: 0.5 * quadraticForm(meanMatrix(q), delta) };
}

/** g_i⁺ = g_i + C(∇f_i(x⁺) − g_i) with the adversarial member of the class at α (node i's own w_i, β_i). */
export function ballUpdate(
  q: NodeQuadratics,
  c: NodeParts,
  gi: readonly ReadonlyVector[],
  xNext: ReadonlyVector,
  alpha: number,
): Float64Array[] {
  const radius = Math.sqrt(1 - alpha);
  return gi.map((g, i) => {
    const h = nodeGradient(q, i, xNext);
    for (let j = 0; j < q.d; j++) h[j] -= g[j];
    const out = ballOutput(h, c.w[i], c.beta[i], radius);
    for (let j = 0; j < q.d; j++) out[j] += g[j];
    return out;
  });
}
