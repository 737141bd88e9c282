/**
 * The communication round shared by the EF21 family [Richtárik, Sokolov, Fatkhullin 2021, Alg. 1; docs/theory.md §3.1]:
 *   c_i = C(target_i − g_i),   g_i⁺ = g_i + c_i,   g⁺ = g + Σ_i w_i c_i   (w_i = 1/n unless weighted, EF21-W)
 * The master's g⁺ is built from the messages c_i only, as a real master would. Methods differ only in the target
 * (∇f_i(x⁺), ĝ_i(x⁺), v_i⁺, u_i⁺, ∇f_i(x⁺)/(n w_i)) and in who sends (EF21-PP).
 * Speed (measured in bench/): with a sparsifier (compressSparse), one pass writes target_i − g_i to a reused scratch
 * buffer and starts g_i⁺ in node i's fresh target (or in one fresh array when the targets are given), and the
 * message then touches g_i⁺ and g⁺ only at its kept entries. Off the support g_i⁺_j = g_i_j + 0, exactly what
 * adding the dense message's +0 gives, so both paths agree bit for bit (bench/fast-paths.test.ts). With top-k
 * itself (made by topK()) the node's selection joins that pass too, and so does EF21-SGDM's momentum when the round
 * is given it (`momentum`): fused/top-k-node.ts; and when the oracle evaluates coordinate ranges (`targetRange`)
 * the whole round is one sweep over coordinate blocks, the gradient included (fused/top-k-sweep.ts). Every route
 * gives the dense round's results bit for bit (bench/fast-paths.test.ts); docs/scale.md §4 has the measurements.
 */
import { topKCountOf } from '../compressors/top-k.ts';
import { totalBits } from '../compressors/types.ts';
import type { Compressor } from '../compressors/types.ts';
import { copy, type ReadonlyVector, type Vector } from '../linalg/vector.ts';
import type { Key } from '../rng/key.ts';
import { fusedTopKNode, type NodeTarget } from './fused/top-k-node.ts';
import { fusedTopKSweep } from './fused/top-k-sweep.ts';
import { compressorKey, type Randomness } from './validate.ts';

export interface EF21RoundInput {
  readonly compressor: Compressor;
  readonly gi: readonly ReadonlyVector[];
  readonly g: ReadonlyVector;
  /**
   * Node i's target: a function returning a fresh vector the round may overwrite (oracles and kernels return fresh
   * arrays), or the targets themselves, which the round only reads (EF21-SGD2M's u_i⁺, which is also state).
   */
  readonly target: ((i: number) => Vector) | readonly ReadonlyVector[];
  readonly kCompress: Key;
  readonly randomness?: Randomness | undefined;
  /** Aggregation weights w_i (default 1/n). */
  readonly weights?: readonly number[] | undefined;
  /** Whether node i sends this round (default: all); silent nodes keep g_i and are not billed. */
  readonly active?: readonly boolean[] | undefined;
  /**
   * EF21-SGDM's momentum, folded into the round: `target` (a function) returns ĝ_i, and node i's target is
   * v_i⁺ = (1 − η) v_i + η ĝ_i, written into ĝ_i's array and returned in `vi`. Not with `active`.
   */
  readonly momentum?: { readonly eta: number; readonly v: readonly ReadonlyVector[] } | undefined;
  /**
   * The same oracle outputs as the function `target`, entries from..to−1 into out[0..to−from), bit for bit (an exact
   * oracle over a separable problem): with top-k the round then sweeps coordinate blocks across all nodes
   * (fused/top-k-sweep.ts). Ignored with `active`.
   */
  readonly targetRange?: ((out: Vector, i: number, from: number, to: number) => void) | undefined;
}

export interface EF21RoundOutput {
  readonly gi: Vector[];
  readonly g: Vector;
  /** v_i⁺, with `momentum` only. */
  readonly vi?: Vector[];
  /** Bits sent this round, mean over all n nodes (silent nodes count as 0). */
  readonly bitsPerNode: number;
}

// Module-private scratch for target_i − g_i on the sparse path, resized when d changes: the difference is read once
// by the compressor and never kept, so it need not be a fresh array (a fresh 8 MB array costs 2–6 ms of page
// faults, bench/). Safe: JavaScript runs this on one thread and the round is synchronous; the buffer leaves the
// round only as the argument of compressSparse, which by contract (compressors/types.ts) reads it during the call
// and returns copies, and of the fused kernels (fused/), which write and read it during the call and keep nothing;
// and a re-entrant call (an oracle or compressor that itself runs a round) finds `scratchBusy` set and allocates
// instead. So no returned array is ever this buffer, and a later round cannot change a state already returned.
let scratch = new Float64Array(0);
let scratchBusy = false;

export function ef21Round(input: EF21RoundInput): EF21RoundOutput {
  const { compressor: C, gi, target, kCompress, randomness, weights, active, momentum } = input;
  const n = gi.length;
  const g = input.g instanceof Float64Array ? input.g.slice() : copy(input.g);
  const d = g.length;
  const next: Vector[] = new Array<Vector>(n);
  if (momentum !== undefined && (typeof target !== 'function' || active !== undefined))
    throw new RangeError('ef21Round: momentum needs a function target and every node active');
  const vNext: Vector[] | undefined = momentum === undefined ? undefined : new Array<Vector>(n);
  const sparse = C.compressSparse !== undefined;
  // top-k made by topK(): the node's selection is fused into its pass (fused/top-k-node.ts).
  const fusedK = sparse ? topKCountOf(C) : undefined;
  const useScratch = sparse && !scratchBusy;
  if (useScratch) {
    scratchBusy = true;
    if (scratch.length !== d) scratch = new Float64Array(d);
  }
  const diffBuffer = (): Vector => (useScratch ? scratch : new Float64Array(d));
  let bits = 0;
  try {
    if (fusedK !== undefined && input.targetRange !== undefined && active === undefined) {
      const swept = fusedTopKSweep({
        k: fusedK,
        gi,
        g,
        weights,
        range: input.targetRange,
        momentum,
        diffBuffer,
        fallback: (i, x) =>
          (C.compressSparse as NonNullable<Compressor['compressSparse']>)(
            x,
            C.deterministic ? kCompress : compressorKey(kCompress, i, randomness),
          ),
      });
      if (swept !== undefined)
        return swept.vi === undefined
          ? { gi: swept.gi, g, bitsPerNode: swept.bits / n }
          : { gi: swept.gi, g, vi: swept.vi, bitsPerNode: swept.bits / n };
    }
    for (let i = 0; i < n; i++) {
      const old = gi[i];
      if (active !== undefined && !active[i]) {
        next[i] = copy(old);
        continue;
      }
      // A deterministic compressor ignores its key, so the per-node derivation (a Threefry block) is skipped.
      const k = C.deterministic ? kCompress : compressorKey(kCompress, i, randomness);
      const w = weights === undefined ? 1 / n : weights[i];
      // `fresh` is a target the round may overwrite; `given` one it only reads.
      let fresh = typeof target === 'function' ? target(i) : undefined;
      let given = typeof target === 'function' ? undefined : target[i];
      if (fusedK !== undefined) {
        const node: NodeTarget =
          momentum !== undefined
            ? { kind: 'momentum', grad: fresh as Vector, v: momentum.v[i], eta: momentum.eta }
            : fresh !== undefined
              ? { kind: 'fresh', t: fresh }
              : { kind: 'given', t: given as ReadonlyVector };
        const fused = fusedTopKNode({
          k: fusedK,
          target: node,
          old,
          g,
          w,
          diffBuffer,
          fallback: (x) => (C.compressSparse as NonNullable<Compressor['compressSparse']>)(x, k),
        });
        if (fused !== undefined) {
          next[i] = fused.gi;
          if (vNext !== undefined) vNext[i] = fresh as Vector;
          bits += fused.bits;
          continue;
        }
      }
      if (momentum !== undefined) {
        // v_i⁺ = (1 − η) v_i + η ĝ_i in ĝ_i's array; it is state from here on, so the round only reads it.
        const v = momentum.v[i];
        const eta = momentum.eta;
        const t = fresh as Vector;
        for (let j = 0; j < d; j++) t[j] = (1 - eta) * v[j] + eta * t[j];
        (vNext as Vector[])[i] = t;
        given = t;
        fresh = undefined;
      }
      if (sparse) {
        // One pass: diff = target_i − g_i, and g_i⁺ starts as g_i + 0 (the dense message's +0 off the support).
        const t = (fresh ?? given) as ReadonlyVector;
        const out = fresh ?? new Float64Array(d);
        const diff = diffBuffer();
        for (let j = 0; j < d; j++) {
          const o = old[j];
          diff[j] = t[j] - o;
          out[j] = o + 0;
        }
        const m = (C.compressSparse as NonNullable<Compressor['compressSparse']>)(diff, k);
        bits += totalBits(m.bits);
        const { indices, values } = m;
        for (let c = 0; c < indices.length; c++) {
          const j = indices[c];
          const cj = values[c];
          out[j] = old[j] + cj;
          if (cj !== 0) g[j] += w * cj;
        }
        next[i] = out;
        continue;
      }
      const diff = difference(fresh, given as ReadonlyVector, old, d);
      const c = C.compress(diff, k);
      bits += totalBits(C.bits(c));
      // c is fresh from the compressor: it becomes g_i⁺ in place.
      for (let j = 0; j < d; j++) {
        const cj = c[j];
        if (cj !== 0) g[j] += w * cj;
        c[j] = old[j] + cj;
      }
      next[i] = c;
    }
  } finally {
    if (useScratch) scratchBusy = false;
  }
  return vNext === undefined
    ? { gi: next, g, bitsPerNode: bits / n }
    : { gi: next, g, vi: vNext, bitsPerNode: bits / n };
}

/** target_i − g_i in an array the round owns: the fresh target itself, or a fresh array when the target is given. */
function difference(fresh: Vector | undefined, given: ReadonlyVector, old: ReadonlyVector, d: number): Vector {
  if (fresh !== undefined) {
    for (let j = 0; j < d; j++) fresh[j] -= old[j];
    return fresh;
  }
  const diff = new Float64Array(d);
  for (let j = 0; j < d; j++) diff[j] = given[j] - old[j];
  return diff;
}
