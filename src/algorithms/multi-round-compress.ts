/**
 * The multi-round compressor C_R of NEOLITHIC, in the form of Tyurin's `NeolithicCompressor` (the implementation
 * used in the EF21-SGDM experiments) [docs/theory.md §A3.1, P code]:
 *   s_0 = 0,   s_r = s_{r−1} + C(v − s_{r−1}),  r = 1…R,   C_R(v) = s_R,   R = ⌈1/α⌉
 * with α the inner compressor's contraction parameter. The message is the R compressed pieces, so its size is the
 * sum of theirs: with top-k that is R·K (value, index) pairs, and R = ⌈d/K⌉ gives R·K ≥ d entries per message.
 * Facts the tests pin [docs/theory.md §A3.1, D]: top-k with R = ⌈d/K⌉ reconstructs v exactly, and for any R
 * ‖v − s_R‖² ≤ (1 − K/d)^R ‖v‖² pathwise. For a contractive C with fresh randomness each round the same bound
 * holds in expectation, E‖v − s_R‖² ≤ (1 − α)^R ‖v‖², by applying the contraction to the residual v − s_{r−1}
 * round by round (tower property); with R = ⌈1/α⌉, (1 − α)^R ≤ e^{−1}.
 */
import type { Compressor } from '../compressors/types.ts';
import { totalBits } from '../compressors/types.ts';
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import { foldIn, type Key } from '../rng/key.ts';

export interface MultiRoundMessage {
  /** s_R = the sum of the R compressed pieces (what the receiver decodes). */
  readonly message: Vector;
  /** Bits of all R pieces together. */
  readonly bits: number;
}

/**
 * R = ⌈1/α⌉ [Tyurin's `NeolithicCompressor`, docs/theory.md §A3.1]. 1/α is snapped to the nearest integer when it
 * is within rounding of one: α = k/d is stored rounded, and 1/(1/49) evaluates to 49.00000000000001, whose plain
 * ceiling (50) would bill a round the integer count d/k does not have.
 * @example
 * neolithicRounds(1 / 49);
 * // returns 49
 */
export function neolithicRounds(alpha: number): number {
  if (!(Number.isFinite(alpha) && alpha > 0 && alpha <= 1))
    throw new RangeError(`neolithic rounds: need α ∈ (0, 1], got α=${alpha}`);
  const inverse = 1 / alpha;
  const nearest = Math.round(inverse);
  return Math.abs(inverse - nearest) <= 1e-9 * nearest ? nearest : Math.ceil(inverse);
}

/**
 * C_R(v) (header): round r compresses the residual v − s_{r−1} with key foldIn(key, r), so rounds of a random
 * compressor draw independently; deterministic compressors ignore the key. Pure: v is only read.
 * @example
 * multiRoundCompress(topK(3, 1), Float64Array.of(3, -1, 2), 3, key(0)).message;
 * // returns Float64Array [3, -1, 2]   (three rounds of top-1 send every entry)
 */
export function multiRoundCompress(C: Compressor, v: ReadonlyVector, rounds: number, key: Key): MultiRoundMessage {
  if (!(Number.isInteger(rounds) && rounds >= 1))
    throw new RangeError(`multi-round compress: need an integer R ≥ 1, got R=${rounds}`);
  const d = v.length;
  const s = new Float64Array(d);
  const residual = new Float64Array(d);
  let bits = 0;
  // Every piece is billed, even an all-zero one: R is fixed by α, not by the data, and Tyurin's code sends all R
  // rounds. Reusing `residual` is safe: compressors read their input only during the call and return fresh arrays
  // (compressors/types.ts).
  for (let r = 0; r < rounds; r++) {
    for (let j = 0; j < d; j++) residual[j] = v[j] - s[j];
    // A deterministic compressor ignores its key, so the per-round derivation (a Threefry block) is skipped.
    const k = C.deterministic ? key : foldIn(key, r);
    if (C.compressSparse !== undefined) {
      // The same message as compress, as its kept entries (compressors/types.ts): R rounds of top-k cost R·K
      // writes instead of R dense d-vectors; off the support the dense piece would add 0, which changes no value.
      const m = C.compressSparse(residual, k);
      bits += totalBits(m.bits);
      for (let c = 0; c < m.indices.length; c++) s[m.indices[c]] += m.values[c];
    } else {
      const piece = C.compress(residual, k);
      bits += totalBits(C.bits(piece));
      for (let j = 0; j < d; j++) s[j] += piece[j];
    }
  }
  return { message: s, bits };
}
