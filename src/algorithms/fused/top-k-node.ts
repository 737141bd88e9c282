/**
 * One node of the EF21 round with top-k, fused (docs/scale.md §4): the difference target_i − g_i, the start of
 * g_i⁺ = g_i + 0, EF21-SGDM's momentum v_i⁺ = (1 − η) v_i + η ĝ_i, and the candidates of top-k's selection come out
 * of ONE pass over the node's vectors, where the unfused round made three (difference, selection, update) and
 * EF21-SGDM a fourth (momentum). How:
 *   1. a strided sample of |target_j − g_i,j| (samplePlan in src/linalg/select.ts, one coordinate in SAMPLE_SPACING)
 *      gives a threshold t, the sample's r-th largest, a little below the k-th largest magnitude τ;
 *   2. the pass keeps every j with |target_j − g_i,j| ≥ t (about 1.8k of them at d = 10⁶), in index order, with
 *      its value;
 *   3. Floyd–Rivest finds τ among the candidates, and the kept entries are applied to g_i⁺ and g⁺ at once:
 *      every |c_j| > τ, then |c_j| = τ in index order until there are k — top-k's own rule.
 * Exact, not approximate: with at least k candidates every non-candidate lies below t ≤ τ, so the kept set is
 * top-k's for every input. When the sample misjudged (fewer than k candidates) or a NaN appeared, the node takes
 * the unfused route on the materialised difference (compressSparse), the unfused round's answer by definition.
 * Bit for bit: every value is computed by the same floating-point operations in the same order as the unfused
 * round (bench/fast-paths.test.ts checks it against the dense round).
 */
import { sparseBits } from '../../compressors/bits.ts';
import { totalBits, type SparseMessage } from '../../compressors/types.ts';
import { rankInPlace, samplePlan, samplePosition } from '../../linalg/select.ts';
import type { ReadonlyVector, Vector } from '../../linalg/vector.ts';
import { applyCandidates, applyMessage } from './apply-kept.ts';
import { SAMPLE_SPACING, uninitialized } from './fresh.ts';

/**
 * Node i's target, as the round holds it:
 *   fresh    — a fresh array the round may overwrite (∇f_i(x⁺) from the oracle): it becomes g_i⁺ in place, and the
 *              difference goes to `diff` (the only copy of it once the target is overwritten);
 *   given    — an array the round only reads (EF21-SGD2M's u_i⁺): g_i⁺ is a fresh array;
 *   momentum — EF21-SGDM: `grad` (fresh ĝ_i) becomes v_i⁺ = (1 − η) v_i + η ĝ_i in place, the target is v_i⁺, and
 *              g_i⁺ is a fresh array.
 */
export type NodeTarget =
  | { readonly kind: 'fresh'; readonly t: Vector }
  | { readonly kind: 'given'; readonly t: ReadonlyVector }
  | { readonly kind: 'momentum'; readonly grad: Vector; readonly v: ReadonlyVector; readonly eta: number };

export interface FusedNodeInput {
  /** top-k's k (compressors/top-k.ts topKCountOf). */
  readonly k: number;
  readonly target: NodeTarget;
  /** g_i (read only). */
  readonly old: ReadonlyVector;
  /** The master's g⁺ under construction: g⁺_j += w·c_j at the kept entries. */
  readonly g: Vector;
  readonly w: number;
  /** A buffer for target − g_i (the round's reused scratch, or a fresh array when a round is nested). */
  readonly diffBuffer: () => Vector;
  /** top-k's compressSparse with the node's key: the unfused route. */
  readonly fallback: (diff: ReadonlyVector) => SparseMessage;
}

export interface FusedNodeOutput {
  /** g_i⁺. */
  readonly gi: Vector;
  /** Bits of the node's message. */
  readonly bits: number;
}

// Module-private scratch, grown to the largest d seen and reused: the sample's magnitudes, the candidates'
// indices and values, and their magnitudes for the selection. Safe as in select.ts: one thread, synchronous, every
// call writes what it later reads, nothing calls out while a buffer is live (the fallback runs after the
// candidates are dropped, and calls top-k's own compressSparse, which uses select.ts's scratch, not these), and no
// buffer leaves the module.
let sample = new Float64Array(0);
let candIndex = new Int32Array(0);
let candValue = new Float64Array(0);
let candMagnitude = new Float64Array(0);

/**
 * g_i⁺ and the node's message, fused; undefined (and nothing touched) when the sample route does not apply
 * (d < 4096, or k close to d): the caller then takes the unfused route.
 */
export function fusedTopKNode(input: FusedNodeInput): FusedNodeOutput | undefined {
  const { k, target, old, g, w } = input;
  const d = old.length;
  const plan = samplePlan(d, k, SAMPLE_SPACING);
  if (plan === undefined) return undefined;
  const { m, r } = plan;
  if (sample.length < m) sample = new Float64Array(m);
  if (candIndex.length < d) {
    candIndex = new Int32Array(d);
    candValue = new Float64Array(d);
    candMagnitude = new Float64Array(d);
  }
  const s = sample;
  // 1. The sample, with the pass's own expressions (so each sampled value is the one the pass computes).
  if (target.kind === 'momentum') {
    const { grad, v, eta } = target;
    const keep = 1 - eta;
    for (let c = 0; c < m; c++) {
      const j = samplePosition(c, m, d);
      s[c] = Math.abs(keep * v[j] + eta * grad[j] - old[j]);
    }
  } else {
    const t = target.t;
    for (let c = 0; c < m; c++) {
      const j = samplePosition(c, m, d);
      s[c] = Math.abs(t[j] - old[j]);
    }
  }
  const threshold = rankInPlace(s, m, m - r);
  // 2. The pass. A NaN threshold keeps no candidate, and the fallback below decides.
  const ci = candIndex;
  const cv = candValue;
  let count = 0;
  let nan = false;
  let out: Vector;
  let diff: Vector | undefined;
  if (target.kind === 'fresh') {
    const t = target.t;
    const dv = input.diffBuffer();
    for (let j = 0; j < d; j++) {
      const o = old[j];
      const u = t[j] - o;
      dv[j] = u;
      t[j] = o + 0; // g_i⁺ starts as g_i + 0: the dense message's +0 off the support (−0 + 0 = +0)
      const a = Math.abs(u);
      if (a >= threshold) {
        ci[count] = j;
        cv[count] = u;
        count++;
      } else if (Number.isNaN(a)) nan = true;
    }
    out = t;
    diff = dv;
  } else if (target.kind === 'given') {
    const t = target.t;
    out = uninitialized(d); // every entry written below
    for (let j = 0; j < d; j++) {
      const o = old[j];
      const u = t[j] - o;
      out[j] = o + 0;
      const a = Math.abs(u);
      if (a >= threshold) {
        ci[count] = j;
        cv[count] = u;
        count++;
      } else if (Number.isNaN(a)) nan = true;
    }
  } else {
    const { grad, v, eta } = target;
    const keep = 1 - eta;
    out = uninitialized(d); // every entry written below
    for (let j = 0; j < d; j++) {
      const vj = keep * v[j] + eta * grad[j];
      grad[j] = vj; // ĝ_i's array becomes v_i⁺
      const o = old[j];
      const u = vj - o;
      out[j] = o + 0;
      const a = Math.abs(u);
      if (a >= threshold) {
        ci[count] = j;
        cv[count] = u;
        count++;
      } else if (Number.isNaN(a)) nan = true;
    }
  }
  if (nan || count < k) {
    // The unfused route on the materialised difference (target − g_i; for momentum the target is v_i⁺ = grad).
    if (diff === undefined) {
      diff = input.diffBuffer();
      const t = target.kind === 'given' ? target.t : (target as { readonly grad: Vector }).grad;
      for (let j = 0; j < d; j++) diff[j] = t[j] - old[j];
    }
    const message = input.fallback(diff);
    applyMessage(message, out, old, g, w);
    return { gi: out, bits: totalBits(message.bits) };
  }
  // 3. τ among the candidates, then top-k's rule over them in index order.
  applyCandidates(ci, cv, count, k, candMagnitude, out, old, g, w);
  return { gi: out, bits: totalBits(sparseBits(k, d)) };
}
