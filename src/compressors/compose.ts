/**
 * Composition outer ∘ inner: C(x) = Q(T(x)), with T = inner and Q = outer drawing from independent keys
 * (split(key) → [inner, outer]). A contract is given only where a rule is proven; other pairs are refused.
 *
 * Rule 1 [D] (docs/theory.md §1.1 row 16). T a coordinate projection (projection.ts: T(x)_j ∈ {x_j, 0}, possibly
 * random, independent of Q) that is contractive with α_T; Q unbiased with ω. With y = T(x):
 *   E_Q‖Q(y) − x‖² = E_Q‖Q(y) − y‖² + ‖y − x‖²          (cross term 2⟨E Q(y) − y, y − x⟩ = 0: Q unbiased)
 *                  ≤ ω‖y‖² + ‖x‖² − ‖y‖²                 (⟨y, x − y⟩ = 0 on every outcome)
 *   and E_T‖y‖² = ‖x‖² − E_T‖y − x‖² ≥ α_T‖x‖², so for ω < 1
 *   E‖Q(T(x)) − x‖² ≤ (1 − α_T(1 − ω))‖x‖²:  contractive α = α_T(1 − ω); top-k∘natural gives 7k/(8d).
 *   Refused when ω ≥ 1 (the bound gives no contraction; use rescale).
 * Rule 2 [D] (row 17; Beznosikov et al.'s δ(1 + ω) rule [M]). Same T and Q, output sQ(T(x)) with s = 1/(1 + ω):
 *   E‖sQ(y) − x‖² = s²E‖Q(y)‖² − 2s⟨y, x⟩ + ‖x‖² ≤ s²(1 + ω)‖y‖² − 2s‖y‖² + ‖x‖² = ‖x‖² − ‖y‖²/(1 + ω)
 *   (⟨y, x⟩ = ‖y‖², E‖Q(y)‖² ≤ (1 + ω)‖y‖²), so α = α_T/(1 + ω) for every ω ≥ 0; (8/9)natural∘top-k: 8k/(9d).
 * Rule 3 [D]. T unbiased with ω_T, Q unbiased with ω_Q: E Q(T(x)) = x and
 *   E‖Q(T(x)) − x‖² = E‖Q(T(x)) − T(x)‖² + E‖T(x) − x‖² ≤ ω_Q(1 + ω_T)‖x‖² + ω_T‖x‖²,
 *   so unbiased with ω = ω_T + ω_Q + ω_Tω_Q; with rescale, contractive α = 1/(1 + ω) (scaled.ts).
 *
 * expectation() is exact when T is deterministic and Q has one: with y = T(x) and Q's moments (m, e),
 *   E C(x) = m,  E‖C(x) − x‖² = e + ‖y − x‖² + 2⟨m − y, y − x⟩; rescaling uses scaled.ts. Otherwise undefined.
 * Wire format: rules 1–2 send T's indices and the kept values at Q's mean cost per coordinate (exact for natural,
 * whose cost is per coordinate; an estimate for norm-based Q); rule 3 sends Q's message only.
 */
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import { key as rootKey, split, type Key } from '../rng/key.ts';
import { VALUE_BITS } from './bits.ts';
import { isCoordinateProjection } from './projection.ts';
import { scaledExpectation, unscale } from './scaled.ts';
import type { Compressor, Contract, ExactMoments, MessageBits } from './types.ts';
import { checkInput } from './validate.ts';

export interface ComposeOptions {
  /** Multiply by 1/(1 + ω_outer) (rule 2), or by 1/(1 + ω) of the unbiased composition (rule 3). */
  readonly rescale?: boolean;
}

/**
 * @example
 * compose(natural(8), topK(8, 2)).contract;
 * // returns { kind: 'contractive', alpha: 0.21875 }   (7k/(8d))
 */
export function compose(outer: Compressor, inner: Compressor, options: ComposeOptions = {}): Compressor {
  const rescale = options.rescale === true;
  const base = `${outer.name}∘${inner.name}`;
  const name = rescale ? `contractive(${base})` : base;
  if (outer.dim !== inner.dim) throw new RangeError(`compose: dimensions differ, ${outer.name} vs ${inner.name}`);
  const d = inner.dim;
  if (outer.contract.kind !== 'unbiased') {
    throw new RangeError(
      `compose: no proven rule for an outer ${outer.contract.kind} compressor (${base}); the outer one must be unbiased`,
    );
  }
  const omegaQ = outer.contract.omega;
  let contract: Contract;
  let scale = 1;
  let projection = false;
  if (isCoordinateProjection(inner) && inner.contract.kind === 'contractive') {
    projection = true;
    const alphaT = inner.contract.alpha;
    if (rescale) {
      scale = 1 / (1 + omegaQ);
      contract = { kind: 'contractive', alpha: alphaT * scale };
    } else {
      if (!(omegaQ < 1))
        throw new RangeError(`compose: ${base} needs ω < 1 for α = α_T(1 − ω) > 0, got ω=${omegaQ}; use rescale`);
      contract = { kind: 'contractive', alpha: alphaT * (1 - omegaQ) };
    }
  } else if (inner.contract.kind === 'unbiased') {
    const omegaT = inner.contract.omega;
    const omega = omegaT + omegaQ + omegaT * omegaQ;
    if (rescale) {
      scale = 1 / (1 + omega);
      contract = { kind: 'contractive', alpha: scale };
    } else contract = { kind: 'unbiased', omega };
  } else {
    throw new RangeError(
      `compose: no proven rule for ${base}; the inner one must be a contractive coordinate projection (top-k, rand-k, bernoulli, identity) or unbiased`,
    );
  }
  const bits = (scaledOut: ReadonlyVector): MessageBits => {
    const out = scale === 1 ? scaledOut : unscale(scaledOut, scale);
    const q = outer.bits(out);
    if (!projection) return q;
    const t = inner.bits(out);
    return { values: (t.values / VALUE_BITS) * (q.values / d), indices: t.indices };
  };
  const compress = (x: ReadonlyVector, key: Key): Vector => {
    checkInput(name, d, x);
    const [kInner, kOuter] = split(key);
    const y = outer.compress(inner.compress(x, kInner), kOuter);
    if (scale !== 1) for (let j = 0; j < d; j++) y[j] *= scale;
    return y;
  };
  const exact = (x: ReadonlyVector): ExactMoments | undefined => {
    checkInput(name, d, x);
    if (!inner.deterministic || outer.expectation === undefined) return undefined;
    const y = inner.compress(x, rootKey(0)); // deterministic: the key is ignored
    const q = outer.expectation(y);
    if (q === undefined) return undefined;
    let yx = 0;
    let cross = 0;
    for (let j = 0; j < d; j++) {
      yx += (y[j] - x[j]) ** 2;
      cross += (q.mean[j] - y[j]) * (y[j] - x[j]);
    }
    const e: ExactMoments = { mean: q.mean, errorSq: q.errorSq + yx + 2 * cross };
    return scale === 1 ? e : scaledExpectation(e, scale, x);
  };
  return {
    name,
    dim: d,
    contract,
    deterministic: inner.deterministic && outer.deterministic,
    bits,
    compress,
    expectation: exact,
  };
}
