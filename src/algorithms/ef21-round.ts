/**
 * The communication round shared by the EF21 family [Richtárik, Sokolov, Fatkhullin 2021, Alg. 1; THEORY.md §3.1]:
 *   c_i = C(target_i − g_i),   g_i⁺ = g_i + c_i,   g⁺ = g + Σ_i w_i c_i   (w_i = 1/n unless weighted, EF21-W)
 * The master's g⁺ is built from the messages c_i only, as a real master would. Methods differ only in the target
 * (∇f_i(x⁺), ĝ_i(x⁺), v_i⁺, u_i⁺, ∇f_i(x⁺)/(n w_i)) and in who sends (EF21-PP).
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
  /** Node i's target, a fresh vector the round may overwrite (oracles and kernels return fresh arrays). */
  readonly target: (i: number) => Vector;
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

export function ef21Round(input: EF21RoundInput): EF21RoundOutput {
  const { compressor: C, gi, target, kCompress, randomness, weights, active } = input;
  const n = gi.length;
  const g = copy(input.g);
  const d = g.length;
  const next: Vector[] = new Array<Vector>(n);
  let bits = 0;
  for (let i = 0; i < n; i++) {
    const old = gi[i];
    if (active !== undefined && !active[i]) {
      next[i] = copy(old);
      continue;
    }
    const diff = target(i);
    for (let j = 0; j < d; j++) diff[j] -= old[j];
    const c = C.compress(diff, compressorKey(kCompress, i, randomness));
    bits += totalBits(C.bits(c));
    const w = weights === undefined ? 1 / n : weights[i];
    // c is fresh from the compressor: it becomes g_i⁺ in place.
    for (let j = 0; j < d; j++) {
      const cj = c[j];
      if (cj !== 0) g[j] += w * cj;
      c[j] = old[j] + cj;
    }
    next[i] = c;
  }
  return { gi: next, g, bitsPerNode: bits / n };
}
