/**
 * The communication round shared by the EF21 family [Richtárik, Sokolov, Fatkhullin 2021, Alg. 1; docs/theory.md §3.1]:
 *   c_i = C(target_i − g_i),   g_i⁺ = g_i + c_i,   g⁺ = g + Σ_i w_i c_i   (w_i = 1/n unless weighted, EF21-W)
 * The master's g⁺ is built from the messages c_i only, as a real master would. Methods differ only in the target
 * (∇f_i(x⁺), ĝ_i(x⁺), v_i⁺, u_i⁺, ∇f_i(x⁺)/(n w_i)) and in who sends (EF21-PP).
 * Speed (measured in bench/): with a sparsifier (compressSparse), one pass writes target_i − g_i to a reused scratch
 * buffer and starts g_i⁺ in node i's fresh target (or in one fresh array when the targets are given), and the
 * message then touches g_i⁺ and g⁺ only at its kept entries. Off the support g_i⁺_j = g_i_j + 0, exactly what
 * adding the dense message's +0 gives, so both paths agree bit for bit (bench/fast-paths.test.ts).
 */
import { totalBits } from '../compressors/types.ts';
import type { Compressor } from '../compressors/types.ts';
import { copy, type ReadonlyVector, type Vector } from '../linalg/vector.ts';
import type { Key } from '../rng/key.ts';
import { compressorKey, type Randomness } from './validate.ts';

export interface EF21RoundInput {
  readonly compressor: Compressor;
  readonly gi: readonly ReadonlyVector[];
  readonly g: ReadonlyVector;
  /**
   * Node i's target: a function returning a fresh vector the round may overwrite (oracles and kernels return fresh
   * arrays), or the targets themselves, which the round only reads (EF21-SGDM's v_i⁺, which is also state).
   */
  readonly target: ((i: number) => Vector) | readonly ReadonlyVector[];
  readonly kCompress: Key;
  readonly randomness?: Randomness | undefined;
  /** Aggregation weights w_i (default 1/n). */
  readonly weights?: readonly number[] | undefined;
  /** Whether node i sends this round (default: all); silent nodes keep g_i and are not billed. */
  readonly active?: readonly boolean[] | undefined;
}

export interface EF21RoundOutput {
  readonly gi: Vector[];
  readonly g: Vector;
  /** Bits sent this round, mean over all n nodes (silent nodes count as 0). */
  readonly bitsPerNode: number;
}

// Module-private scratch for target_i − g_i on the sparse path, resized when d changes: the difference is read once
// by the compressor and never kept, so it need not be a fresh array (a fresh 8 MB array costs 2–6 ms of page
// faults, bench/). Safe: JavaScript runs this on one thread and the round is synchronous; the buffer leaves the
// round only as the argument of compressSparse, which by contract (compressors/types.ts) reads it during the call
// and returns copies; and a re-entrant call (an oracle or compressor that itself runs a round) finds `scratchBusy`
// set and allocates instead.
let scratch = new Float64Array(0);
let scratchBusy = false;

export function ef21Round(input: EF21RoundInput): EF21RoundOutput {
  const { compressor: C, gi, target, kCompress, randomness, weights, active } = input;
  const n = gi.length;
  const g = input.g instanceof Float64Array ? input.g.slice() : copy(input.g);
  const d = g.length;
  const next: Vector[] = new Array<Vector>(n);
  const sparse = C.compressSparse !== undefined;
  const useScratch = sparse && !scratchBusy;
  if (useScratch) {
    scratchBusy = true;
    if (scratch.length !== d) scratch = new Float64Array(d);
  }
  let bits = 0;
  try {
    for (let i = 0; i < n; i++) {
      const old = gi[i];
      if (active !== undefined && !active[i]) {
        next[i] = copy(old);
        continue;
      }
      // A deterministic compressor ignores its key, so the per-node derivation (a Threefry block) is skipped.
      const k = C.deterministic ? kCompress : compressorKey(kCompress, i, randomness);
      const w = weights === undefined ? 1 / n : weights[i];
      if (sparse) {
        // One pass: diff = target_i − g_i, and g_i⁺ starts as g_i + 0 (the dense message's +0 off the support).
        const t = typeof target === 'function' ? target(i) : target[i];
        const out = typeof target === 'function' ? (t as Vector) : new Float64Array(d);
        const diff = useScratch ? scratch : new Float64Array(d);
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
      const diff = difference(target, i, old, d);
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
  return { gi: next, g, bitsPerNode: bits / n };
}

/** target_i − g_i in an array the round owns: the fresh target itself, or a fresh array when targets are given. */
function difference(target: EF21RoundInput['target'], i: number, old: ReadonlyVector, d: number): Vector {
  if (typeof target === 'function') {
    const diff = target(i);
    for (let j = 0; j < d; j++) diff[j] -= old[j];
    return diff;
  }
  const t = target[i];
  const diff = new Float64Array(d);
  for (let j = 0; j < d; j++) diff[j] = t[j] - old[j];
  return diff;
}
