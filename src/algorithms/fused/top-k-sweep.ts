/**
 * The whole EF21 round with top-k as one sweep over coordinate blocks (docs/scale.md §4), for oracles that can
 * evaluate ∇f_i on a coordinate range (an exactOracle over a problem with gradIRange: separable problems, exact
 * gradients; src/oracles/exact.ts exactRangeProblem). For each block of
 * BLOCK coordinates and each node in turn: the oracle writes the block of ∇f_i(x⁺) to a small buffer that stays in
 * the first-level cache, and one loop forms EF21-SGDM's v_i⁺ (when given momentum), the difference target − g_i,
 * g_i⁺ = g_i + 0 and top-k's candidates (fused/top-k-node.ts explains the sampled threshold). So each per-node vector
 * is read or written once per round, ∇f_i(x⁺) and target − g_i are never stored, and x⁺ and the problem's data
 * are read once per block for all nodes instead of once per node. Then, node by node in order, the candidates give
 * top-k's message, applied to g_i⁺ and g⁺ at the kept entries only.
 * Exact, and bit for bit the unfused round: the same floating-point operations in the same order per coordinate;
 * a node whose sample misjudged (fewer than k candidates, or more than its buffer holds) or that met a NaN gets
 * its difference recomputed in full (the range oracle is deterministic) and takes top-k's compressSparse.
 */
import { sparseBits } from '../../compressors/bits.ts';
import { totalBits, type SparseMessage } from '../../compressors/types.ts';
import { rankInPlace, samplePlan, samplePosition } from '../../linalg/select.ts';
import type { ReadonlyVector, Vector } from '../../linalg/vector.ts';
import { applyCandidates, applyMessage } from './apply-kept.ts';
import { SAMPLE_SPACING, uninitialized } from './fresh.ts';

export interface SweepInput {
  /** top-k's k. */
  readonly k: number;
  /** g_i (read only). */
  readonly gi: readonly ReadonlyVector[];
  /** The master's g⁺ under construction: g⁺_j += w_i·c_ij at the kept entries, node by node in order. */
  readonly g: Vector;
  readonly weights: readonly number[] | undefined;
  /** Entries from..to−1 of node i's oracle output at x⁺ (∇f_i(x⁺), or ĝ_i with momentum), into out[0..to−from). */
  readonly range: (out: Vector, i: number, from: number, to: number) => void;
  /** EF21-SGDM: the target is v_i⁺ = (1 − η) v_i + η ĝ_i, returned in `vi`. */
  readonly momentum: { readonly eta: number; readonly v: readonly ReadonlyVector[] } | undefined;
  /** A d-vector buffer for a node's full difference (the round's scratch), used only when a node falls back. */
  readonly diffBuffer: () => Vector;
  /** top-k's compressSparse with node i's key (the unfused route). */
  readonly fallback: (i: number, diff: ReadonlyVector) => SparseMessage;
}

export interface SweepOutput {
  readonly gi: Vector[];
  readonly vi: Vector[] | undefined;
  /** Bits of all n messages. */
  readonly bits: number;
}

/** Coordinates per block: the oracle's block (16 kB) and the blocks of x⁺ and the data stay in L1/L2. */
const BLOCK = 2048;
/** Consecutive coordinates per run of the sample (d ≥ 4096 > RUN whenever the sample route applies). */
export const RUN = 16;

// Module-private scratch, reused (safety as in top-k-node.ts): the oracle's block, the sample, and each node's
// candidates (indices, values) with a shared magnitude buffer for the selection. The range oracle runs while they
// are live; should it run a sweep of its own, that one finds `busy` set and declines (the node route takes over).
let busy = false;
const block = new Float64Array(BLOCK);
let sample = new Float64Array(0);
const candIndex: Int32Array[] = [];
const candValue: Float64Array[] = [];
let candMagnitude = new Float64Array(0);

/** The first coordinate of the q-th of `runs` sample runs (bench/fast-paths.test.ts lays out data against it). */
export function sampleRunStart(q: number, runs: number, d: number): number {
  return Math.min(d - RUN, Math.max(0, samplePosition(q, runs, d) - RUN / 2));
}

/**
 * The round's messages and g_i⁺ (v_i⁺), or undefined (nothing touched) when the sample route does not apply or a
 * sweep is already running.
 */
export function fusedTopKSweep(input: SweepInput): SweepOutput | undefined {
  const plan = samplePlan(input.g.length, input.k, SAMPLE_SPACING);
  if (plan === undefined || busy) return undefined;
  busy = true;
  try {
    return sweep(input, plan.m, plan.r);
  } finally {
    busy = false;
  }
}

function sweep(input: SweepInput, m: number, r: number): SweepOutput {
  const { k, gi, g, weights, range, momentum } = input;
  const n = gi.length;
  const d = g.length;
  // Room for twice the expected count (d·r/m) of candidates per node; a node that needs more falls back.
  const capacity = Math.min(d, 2 * Math.ceil((d * r) / m) + 64);
  if (sample.length < m) sample = new Float64Array(m);
  if (candMagnitude.length < capacity) candMagnitude = new Float64Array(capacity);
  for (let i = 0; i < n; i++)
    if (i >= candIndex.length || candIndex[i].length < capacity) {
      candIndex[i] = new Int32Array(capacity);
      candValue[i] = new Float64Array(capacity);
    }
  const eta = momentum === undefined ? 1 : momentum.eta;
  const keep = 1 - eta;
  const one = block;
  // 1. Each node's threshold from its sample, with the sweep's own expressions. The sample is m coordinates in
  // runs of RUN consecutive ones at evenly spread places: one oracle call per run, not per coordinate (single
  // coordinates cost one call and two cache misses each, 1–3 ms a node at d = 10⁶).
  const thresholds = new Float64Array(n);
  const s = sample;
  const runs = Math.ceil(m / RUN);
  for (let i = 0; i < n; i++) {
    const old = gi[i];
    const v = momentum?.v[i];
    for (let q = 0, c = 0; q < runs; q++) {
      const start = sampleRunStart(q, runs, d);
      const len = Math.min(RUN, m - c);
      range(one, i, start, start + len);
      for (let p = 0; p < len; p++, c++) {
        const j = start + p;
        s[c] = Math.abs(v === undefined ? one[p] - old[j] : keep * v[j] + eta * one[p] - old[j]);
      }
    }
    thresholds[i] = rankInPlace(s, m, m - r);
  }
  // 2. The sweep: blocks outside, nodes inside.
  // Every entry of these is written by the sweep below before they leave it.
  const outs: Vector[] = Array.from({ length: n }, () => uninitialized(d));
  const vOuts: Vector[] | undefined = momentum === undefined ? undefined : outs.map(() => uninitialized(d));
  const counts = new Int32Array(n);
  // A node is spoiled by a NaN or by more candidates than `capacity`: it falls back below.
  const spoiled = new Uint8Array(n);
  for (let from = 0; from < d; from += BLOCK) {
    const to = Math.min(d, from + BLOCK);
    for (let i = 0; i < n; i++) {
      range(one, i, from, to);
      const old = gi[i];
      const out = outs[i];
      const threshold = thresholds[i];
      const ci = candIndex[i];
      const cv = candValue[i];
      let count = counts[i];
      let bad = spoiled[i] === 1;
      if (vOuts === undefined) {
        for (let q = 0; q < to - from; q++) {
          // Indexing the block from 0 (not j − from) keeps V8's loop tight: measured 3.0 against 4.0 ms per 10⁶.
          const j = from + q;
          const o = old[j];
          const u = one[q] - o;
          out[j] = o + 0; // g_i⁺ starts as g_i + 0: the dense message's +0 off the support
          const a = Math.abs(u);
          if (a >= threshold) {
            if (count < capacity) {
              ci[count] = j;
              cv[count] = u;
            }
            count++;
          } else if (Number.isNaN(a)) bad = true;
        }
      } else {
        const v = (momentum as NonNullable<SweepInput['momentum']>).v[i];
        const vOut = vOuts[i];
        for (let q = 0; q < to - from; q++) {
          const j = from + q;
          const vj = keep * v[j] + eta * one[q];
          vOut[j] = vj;
          const o = old[j];
          const u = vj - o;
          out[j] = o + 0;
          const a = Math.abs(u);
          if (a >= threshold) {
            if (count < capacity) {
              ci[count] = j;
              cv[count] = u;
            }
            count++;
          } else if (Number.isNaN(a)) bad = true;
        }
      }
      counts[i] = count;
      if (bad || count > capacity) spoiled[i] = 1;
    }
  }
  // 3. Node by node, in order (g⁺ receives the nodes' messages in the unfused round's order).
  let bits = 0;
  const kBits = totalBits(sparseBits(k, d));
  for (let i = 0; i < n; i++) {
    const old = gi[i];
    const out = outs[i];
    const w = weights === undefined ? 1 / n : weights[i];
    const count = counts[i];
    if (spoiled[i] === 1 || count < k) {
      const diff = input.diffBuffer();
      if (vOuts === undefined) {
        range(diff, i, 0, d);
        for (let j = 0; j < d; j++) diff[j] = diff[j] - old[j];
      } else {
        const vOut = vOuts[i];
        for (let j = 0; j < d; j++) diff[j] = vOut[j] - old[j];
      }
      const message = input.fallback(i, diff);
      applyMessage(message, out, old, g, w);
      bits += totalBits(message.bits);
      continue;
    }
    applyCandidates(candIndex[i], candValue[i], count, k, candMagnitude, out, old, g, w);
    bits += kBits;
  }
  return { gi: outs, vi: vOuts, bits };
}
