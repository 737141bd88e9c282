/**
 * The adversary's search space for a user's method (src/adversary/types.ts): n ∈ 1..3 nodes of dense symmetric
 * quadratics in d ∈ 1..3 (indefinite allowed, node scales log-uniform over two decades so that L_i differ and
 * L̃ ≠ L_AM), any state of the declared shape, the adversarial member of the declared compressor class with its
 * parameter α or ω searched, the hyperparameters inside their declared ranges, and — for stochastic methods —
 * each node's finite noise law and σ. Both sides come from method-sides.ts; a defect of the user's code at a
 * candidate stops the search as a CallFailure carrying that candidate.
 */
import { radiusFraction } from '../adversary/ball-compressor.ts';
import type { Json, SearchSpace } from '../adversary/types.ts';
import { split, type Key } from '../rng/key.ts';
import { integerBelow, normal, uniform } from '../rng/sample.ts';
import {
  ALPHA_MIN,
  classParameter,
  hyperValues,
  instanceOf,
  noiseLaws,
  OMEGA_MAX,
  supportSize,
  type MethodCandidate,
} from './method-candidate.ts';
import { symmetricFromUpper, upperLength } from '../linalg/symmetric.ts';
import { methodSides } from './method-sides.ts';
import { UserCallError, type CallMonitor } from './user-call.ts';
import type { CompressorClass } from './user-method.ts';
import type { MethodShape, ValidMethod } from './validate-method.ts';

/** A call monitor that is also told which candidate is being evaluated (the watchdog reports it on a hang). */
export interface SearchMonitor extends CallMonitor {
  evaluating(c: MethodCandidate, multiplier: number): void;
}

/** A user defect found at a candidate: the search stops and reports it with the candidate. */
export class CallFailure extends Error {
  override readonly name = 'CallFailure';
  constructor(
    readonly error: UserCallError,
    readonly candidate: MethodCandidate,
    readonly multiplier: number,
  ) {
    super(error.message);
  }
}

/** The discrete part of a candidate: what the climber never moves. */
export interface CandidateShape {
  readonly n: number;
  readonly d: number;
  /** Noise support size per node (empty for deterministic methods). */
  readonly supports: readonly number[];
}

export function shapeOf(c: MethodCandidate): CandidateShape {
  return { n: c.n, d: c.d, supports: c.noise.map((_, i) => supportSize(c, i)) };
}

/** A candidate of the given shape with every coordinate 0 (decode fills it in). */
export function emptyCandidate(method: MethodShape, shape: CandidateShape): MethodCandidate {
  const { n, d } = shape;
  const zeros = (len: number): Float64Array => new Float64Array(len);
  return {
    n,
    d,
    a: Array.from({ length: n }, () => zeros(upperLength(d))),
    b: Array.from({ length: n }, () => zeros(d)),
    master: method.master.map(() => zeros(d)),
    perNode: method.perNode.map(() => Array.from({ length: n }, () => zeros(d))),
    w: Array.from({ length: n }, () => zeros(d)),
    beta: zeros(n),
    classAngle: 0,
    hyper: zeros(method.hyperparameters.length),
    noise: shape.supports.map((m) => zeros(m * d + m + 1)),
    sigma: 0,
  };
}

/** The candidate's coordinates in encoding order. */
function parts(c: MethodCandidate): Float64Array[] {
  return [
    ...c.a,
    ...c.b,
    ...c.master,
    ...c.perNode.flat(),
    ...c.w,
    c.beta,
    Float64Array.of(c.classAngle),
    c.hyper,
    ...c.noise,
    Float64Array.of(c.sigma),
  ];
}

export function encodeCandidate(c: MethodCandidate): Float64Array {
  const ps = parts(c);
  const out = new Float64Array(ps.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of ps) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function decodeCandidate(z: Float64Array, like: MethodCandidate): MethodCandidate {
  let o = 0;
  const take = (len: number): Float64Array => {
    const v = z.slice(o, o + len);
    o += len;
    return v;
  };
  const a = like.a.map((v) => take(v.length));
  const b = like.b.map((v) => take(v.length));
  const master = like.master.map((v) => take(v.length));
  const perNode = like.perNode.map((vs) => vs.map((v) => take(v.length)));
  const w = like.w.map((v) => take(v.length));
  const beta = take(like.beta.length);
  const classAngle = take(1)[0];
  const hyper = take(like.hyper.length);
  const noise = like.noise.map((v) => take(v.length));
  const sigma = take(1)[0];
  return { n: like.n, d: like.d, a, b, master, perNode, w, beta, classAngle, hyper, noise, sigma };
}

function without<T>(xs: readonly T[], i: number): T[] {
  return xs.filter((_, q) => q !== i);
}

/** The candidate with node i removed. */
function dropNode(c: MethodCandidate, i: number): MethodCandidate {
  return {
    ...c,
    n: c.n - 1,
    a: without(c.a, i),
    b: without(c.b, i),
    perNode: c.perNode.map((vs) => without(vs, i)),
    w: without(c.w, i),
    beta: Float64Array.from(without(Array.from(c.beta), i)),
    noise: c.noise.length === 0 ? [] : without(c.noise, i),
  };
}

/** The candidate with coordinate j removed (principal submatrices, shorter vectors and noise points). */
function dropCoordinate(c: MethodCandidate, j: number): MethodCandidate {
  const d = c.d;
  const cut = (v: Float64Array): Float64Array => Float64Array.from(Array.from(v).filter((_, q) => q !== j));
  const a = c.a.map((u) => {
    const full = symmetricFromUpper(u, d);
    const out: number[] = [];
    for (let r = 0; r < d; r++) for (let col = r; col < d; col++) if (r !== j && col !== j) out.push(full[r * d + col]);
    return Float64Array.from(out);
  });
  const noise = c.noise.map((z, i) => {
    const m = supportSize(c, i);
    const out: number[] = [];
    for (let p = 0; p < m; p++) for (let r = 0; r < d; r++) if (r !== j) out.push(z[p * d + r]);
    for (let q = m * d; q < z.length; q++) out.push(z[q]);
    return Float64Array.from(out);
  });
  return {
    ...c,
    d: d - 1,
    a,
    b: c.b.map(cut),
    master: c.master.map(cut),
    perNode: c.perNode.map((vs) => vs.map(cut)),
    w: c.w.map(cut),
    noise,
  };
}

export interface MethodSpaceSetting {
  readonly method: ValidMethod;
  readonly cls: CompressorClass;
  readonly monitor: SearchMonitor;
}

/** The instance, state, compressor, hyperparameters and noise of a candidate, as printed in verdicts. */
export function candidateJson(method: MethodShape, cls: CompressorClass, c: MethodCandidate): Json {
  const q = instanceOf(c);
  const arr = (v: ArrayLike<number>): number[] => Array.from(v);
  const rows = (A: Float64Array): number[][] =>
    Array.from({ length: q.d }, (_, r) => arr(A.subarray(r * q.d, (r + 1) * q.d)));
  const state: Record<string, Json> = {};
  method.master.forEach((name, k) => {
    state[name] = arr(c.master[k]);
  });
  method.perNode.forEach((name, k) => {
    state[name] = c.perNode[k].map(arr);
  });
  const hyper = hyperValues(c, method.hyperparameters);
  return {
    n: q.n,
    d: q.d,
    L: q.L,
    Li: [...q.Li],
    lTilde: q.lTilde,
    lAM: q.lAM,
    mu: q.mu,
    [cls === 'contractive' ? 'alpha' : 'omega']: classParameter(c, cls),
    ...(method.hyperparameters.length > 0 ? { hyperparameters: hyper } : {}),
    A: q.A.map(rows),
    b: c.b.map(arr),
    state,
    compressor: { radiusFraction: arr(c.beta).map(radiusFraction), direction: c.w.map(arr) },
    ...(method.stochastic
      ? { sigma: Math.abs(c.sigma), noise: noiseLaws(c).map((law) => ({ p: [...law.p], points: law.points.map(arr) })) }
      : {}),
  };
}

/** What the space ranges over, in a sentence. */
export function spaceDescription(method: MethodShape, cls: CompressorClass): string {
  const stateNames = [...method.master, ...method.perNode.map((p) => `${p}_i`)].join(', ');
  const compressor =
    cls === 'contractive'
      ? `the adversarial contractive compressor (α ∈ [${ALPHA_MIN}, 1] searched)`
      : `the two-point unbiased compressor (ω ∈ [0, ${OMEGA_MAX}] searched)`;
  const hyper = method.hyperparameters.map((h) => `${h.name} ∈ [${h.lo}, ${h.hi}]`);
  return `${method.name}: n ∈ 1..3 nodes of dense symmetric quadratics (indefinite) in d ∈ 1..3, L_i from the matrices, any state (${stateNames}), ${compressor}${hyper.length > 0 ? `, ${hyper.join(', ')}` : ''}${method.stochastic ? ', finite noise laws with E‖ξ_i‖² ≤ σ² (σ searched)' : ''}`;
}

export function methodSpace(setting: MethodSpaceSetting): SearchSpace<MethodCandidate> {
  const { method, cls, monitor } = setting;
  return {
    description: spaceDescription(method, cls),
    sample(k: Key): MethodCandidate {
      const [kn, kd, ks, km, kv] = split(k, 5);
      const n = 1 + integerBelow(kn, 3);
      // d = 2 twice as often: the smallest dimension where a compressor's error can point away from its input.
      const d = [1, 2, 2, 3][integerBelow(kd, 4)];
      const supports = method.stochastic ? Array.from(uniform(km, n), (u) => 2 + Math.floor(2 * u)) : [];
      const like = emptyCandidate(method, { n, d, supports });
      const z = normal(kv, encodeCandidate(like).length);
      const c = decodeCandidate(z, like);
      // Node scales log-uniform over [0.1, 10]: heterogeneous L_i, where L̃ and L_AM rules part.
      const scales = uniform(ks, n);
      const a = c.a.map((u, i) => u.map((t) => (t * 10 ** (2 * scales[i] - 1)) / Math.sqrt(d)));
      return { ...c, a };
    },
    encode: encodeCandidate,
    decode: decodeCandidate,
    sides(c, multiplier) {
      monitor.evaluating(c, multiplier);
      try {
        return methodSides(method, cls, c, multiplier, monitor).sides;
      } catch (e) {
        if (e instanceof UserCallError) throw new CallFailure(e, c, multiplier);
        throw e;
      }
    },
    shrink(c) {
      const out: MethodCandidate[] = [];
      for (let i = 0; c.n > 1 && i < c.n; i++) out.push(dropNode(c, i));
      for (let j = 0; c.d > 1 && j < c.d; j++) out.push(dropCoordinate(c, j));
      return out;
    },
    size: (c) => ({ n: c.n, d: c.d }),
    json: (c) => candidateJson(method, cls, c),
  };
}
