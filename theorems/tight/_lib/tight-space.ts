/**
 * The adversary's search space for the tight claims: a separable L-smooth μ-strongly convex f (quadratic or
 * log-cosh, strongly-convex-instance.ts), a state (x, e or d_i), and the compressor — the adversarial member of
 * the class (src/adversary/ball-compressor.ts: any output with ‖C(v) − v‖² ≤ (1 − δ)‖v‖²), or top-k / rand-k at
 * k = δd when δ is a fraction with a small denominator. The inequality is V⁺ ≤ ρV at η = m·η*, so the ratio the
 * adversary maximises is V⁺/(ρV).
 */
import type { Json, SearchSpace } from '../../../src/adversary/types.ts';
import { ballOutput } from '../../../src/adversary/ball-compressor.ts';
import { concatenate, slices } from '../../../src/adversary/coordinates.ts';
import { topK } from '../../../src/compressors/top-k.ts';
import { key, split, type Key } from '../../../src/rng/key.ts';
import { integerBelow, normal, uniform } from '../../../src/rng/sample.ts';
import type { Vector } from '../../../src/linalg/vector.ts';
import type { FunctionKind, SeparableFunction } from './strongly-convex-instance.ts';
import { tightRate } from './tight-rate.ts';
import type { CompressorLaw, Outcome, TightMethod } from './tight-methods.ts';

export type TightCompressor = 'adversarial' | 'top-k' | 'rand-k';

export interface TightCandidate {
  readonly kind: FunctionKind;
  readonly compressor: TightCompressor;
  /** Kept entries of top-k / rand-k (δ = k/d); 0 for the adversarial compressor. */
  readonly k: number;
  readonly t: Vector;
  readonly c: Vector;
  readonly x: Vector;
  /** EF: [e]; EF21: d_1 … d_n. */
  readonly e: readonly Vector[];
  /** The adversarial compressor's direction and radius parameter per worker. */
  readonly w: readonly Vector[];
  readonly beta: Vector;
}

export interface TightSetting {
  readonly method: TightMethod;
  readonly kappa: number;
  readonly delta: number;
  /** Workers: [1, 1] for the n = 1 claims. */
  readonly workers: readonly [number, number];
  /** The compressors searched (default: all three where δ allows top-k and rand-k). */
  readonly compressors?: readonly TightCompressor[];
}

/** (k, d) with k/d = δ exactly and d ≤ 10, or undefined: top-k and rand-k only exist at such δ. */
export function catalogueShape(delta: number): { k: number; d: number } | undefined {
  for (let d = 1; d <= 10; d++) {
    const k = Math.round(delta * d);
    if (k >= 1 && k <= d && Math.abs(k / d - delta) < 1e-12) return { k, d };
  }
  return undefined;
}

/** All k-subsets of {0, …, d−1} (d ≤ 10: at most 252). */
function subsets(d: number, k: number): number[][] {
  const out: number[][] = [];
  const walk = (start: number, acc: number[]): void => {
    if (acc.length === k) {
      out.push([...acc]);
      return;
    }
    for (let j = start; j < d; j++) walk(j + 1, [...acc, j]);
  };
  walk(0, []);
  return out;
}

function lawOf(c: TightCandidate, s: number): CompressorLaw {
  if (c.compressor === 'adversarial') return (v, i) => [{ p: 1, out: ballOutput(v, c.w[i], c.beta[i], s) }];
  const d = c.x.length;
  if (c.compressor === 'top-k') {
    const C = topK(d, c.k);
    return (v) => [{ p: 1, out: C.compress(v, key(0)) }];
  }
  const all = subsets(d, c.k);
  return (v) =>
    all.map((S): Outcome => {
      const out = new Float64Array(d);
      for (const j of S) out[j] = v[j];
      return { p: 1 / all.length, out };
    });
}

export function functionOf(c: TightCandidate, setting: TightSetting): SeparableFunction {
  return { kind: c.kind, L: 1, mu: 1 / setting.kappa, t: c.t, c: c.c };
}

/** Vectors of one candidate, in encoding order. */
function parts(c: TightCandidate): Vector[] {
  return [c.t, c.c, c.x, ...c.e, ...c.w, c.beta];
}

export function tightSpace(setting: TightSetting): SearchSpace<TightCandidate> {
  // δ = 1 is no compression: EF's V then weighs ‖e‖² by s⁻¹ = ∞, and the claims are about compressors.
  if (!(setting.delta < 1))
    throw new RangeError(`tightSpace: need δ < 1 (δ = 1 is no compression), got ${setting.delta}`);
  const rate = tightRate(1, 1 / setting.kappa, setting.delta);
  const shape = catalogueShape(setting.delta);
  const [nLo, nHi] = setting.workers;
  const allowed = setting.compressors ?? (['adversarial', 'top-k', 'rand-k'] as const);
  // top-k and rand-k exist only where δ = k/d; rand-k's law is enumerated for one worker only.
  const pool = allowed.filter((c) => c === 'adversarial' || (shape !== undefined && (c === 'top-k' || nHi === 1)));
  if (pool.length === 0)
    throw new RangeError(`tightSpace: no compressor of ${allowed.join(', ')} exists at δ = ${setting.delta}`);
  const named = pool.map((c) =>
    c === 'adversarial' ? 'the adversarial compressor' : `${c} (k/d = ${shape?.k}/${shape?.d})`,
  );
  const space: SearchSpace<TightCandidate> = {
    description: `${setting.method.label}${nHi > 1 ? ` with ${nLo}–${nHi} workers` : ''}, κ = ${setting.kappa}, δ = ${setting.delta}: separable quadratic and log-cosh f with curvature in [μ, L], any state, ${named.join(', ')}`,
    sample(k: Key): TightCandidate {
      const [kc, kn, kd, kv, kf] = split(k, 5);
      const u = uniform(kc, 2);
      const catalogue = pool.filter((c) => c !== 'adversarial');
      // Half of the starts use the adversarial compressor whenever it is allowed: it is where the worst case lives.
      const compressor: TightCompressor =
        catalogue.length === 0 || (catalogue.length < pool.length && u[0] < 0.5)
          ? 'adversarial'
          : catalogue[Math.floor(u[1] * catalogue.length)];
      const n = nLo + integerBelow(kn, nHi - nLo + 1);
      // Worst cases are one-dimensional (a curvature at μ or L): half of the adversarial starts are, the rest 2–3.
      const d = compressor === 'adversarial' ? [1, 1, 2, 3][integerBelow(kd, 4)] : (shape?.d ?? 1);
      const z = normal(kv, (4 + 2 * n) * d + n);
      const vec = (o: number): Vector => z.slice(o * d, (o + 1) * d);
      return {
        kind: uniform(kf, 1)[0] < 2 / 3 ? 'quadratic' : 'log-cosh',
        compressor,
        k: compressor === 'adversarial' ? 0 : (shape?.k ?? 0),
        t: vec(0).map((v) => 2 * v),
        c: vec(1),
        x: vec(2),
        e: Array.from({ length: setting.method.id === 'ef' ? 1 : n }, (_, i) => vec(3 + i)),
        w: Array.from({ length: setting.method.id === 'ef' ? 1 : n }, (_, i) => vec(3 + n + i)),
        beta: z.slice((3 + 2 * n) * d, (3 + 2 * n) * d + (setting.method.id === 'ef' ? 1 : n)),
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
        t: take(like.t),
        c: take(like.c),
        x: take(like.x),
        e: like.e.map(take),
        w: like.w.map(take),
        beta: take(like.beta),
      };
    },
    sides(c, multiplier) {
      const f = functionOf(c, setting);
      const state = { x: c.x, e: c.e };
      const v = setting.method.lyapunov(f, rate.s, state);
      const vNext = setting.method.nextLyapunov(f, rate.s, multiplier * rate.eta, state, lawOf(c, rate.s));
      return { lhs: vNext, rhs: rate.rho * v, scale: rate.rho * v };
    },
    shrink(c) {
      if (c.compressor !== 'adversarial') return [];
      const d = c.x.length;
      const out: TightCandidate[] = [];
      // One worker fewer (EF21 with n > the claim's minimum), then one coordinate fewer.
      for (let i = 0; c.e.length > nLo && setting.method.id === 'ef21' && i < c.e.length; i++) {
        const drop = <T>(xs: readonly T[]): T[] => xs.filter((_, q) => q !== i);
        out.push({ ...c, e: drop(c.e), w: drop(c.w), beta: Float64Array.from(drop(Array.from(c.beta))) });
      }
      for (let j = 0; d > 1 && j < d; j++) {
        const cut = (v: Vector): Vector => Float64Array.from(Array.from(v).filter((_, q) => q !== j));
        out.push({ ...c, t: cut(c.t), c: cut(c.c), x: cut(c.x), e: c.e.map(cut), w: c.w.map(cut) });
      }
      return out;
    },
    size: (c) => ({ n: c.e.length, d: c.x.length }),
    json(c): Json {
      const arr = (v: Vector): number[] => Array.from(v);
      return {
        method: setting.method.id,
        kappa: setting.kappa,
        delta: setting.delta,
        L: 1,
        mu: 1 / setting.kappa,
        function: c.kind,
        curvature: arr(c.t).map((t) =>
          c.kind === 'quadratic'
            ? 1 / setting.kappa + ((1 - 1 / setting.kappa) * (1 + Math.sin(t))) / 2
            : (1 + Math.sin(t)) / 2,
        ),
        ...(c.kind === 'log-cosh' ? { centres: arr(c.c) } : {}),
        compressor: c.compressor === 'adversarial' ? 'adversarial' : `${c.compressor}(k=${c.k},d=${c.x.length})`,
        x: arr(c.x),
        [setting.method.id === 'ef' ? 'e' : 'd']: c.e.map(arr),
        ...(c.compressor === 'adversarial'
          ? { direction: c.w.map(arr), radiusFraction: arr(c.beta).map((b) => (1 + Math.sin(b)) / 2) }
          : {}),
      };
    },
  };
  return space;
}
