/**
 * Top-k sparsifier: keeps the k entries of largest magnitude, ties broken by the lower index.
 * Contractive with α = k/d, attained at all-equal |x_j| [Stich et al. 2018, Lemma A.1; docs/theory.md §1.1 row 1].
 * Selection, not a sort: find the k-th largest magnitude τ, keep every |x_j| > τ, then fill with |x_j| = τ in
 * index order (src/linalg/select.ts). Wire format: k (64-bit value, ⌈log₂ d⌉-bit index) pairs.
 * compressSparse hands the same message to the EF21 round as (indices, values), so that g_i⁺ = g_i + c_i costs k
 * writes instead of a dense d-vector (measured in bench/); compress stays the public, dense, fresh output.
 */
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import { largestMagnitudeIndices } from '../linalg/select.ts';
import { sparseBits } from './bits.ts';
import type { CoordinateProjection } from './projection.ts';
import type { Compressor, ExactMoments, SparseMessage } from './types.ts';
import { checkDim, checkInput } from './validate.ts';

// The compressors topK() built, with their k: the fused EF21 round (src/algorithms/fused/) selects top-k's message
// itself, during its own pass, only for these objects. By identity, so a wrapper or a spread copy (which may
// change the message) is never taken for top-k.
const made = new WeakMap<Compressor, number>();

/** k when `c` is a compressor topK() built (itself, not a copy), else undefined. */
export function topKCountOf(c: Compressor): number | undefined {
  return made.get(c);
}

/**
 * @example
 * topK(4, 2).compress(Float64Array.of(1, -3, 3, 2), key(0));
 * // returns Float64Array [0, -3, 3, 0]
 */
export function topK(d: number, k: number): CoordinateProjection {
  checkDim('top-k', d);
  if (!(Number.isInteger(k) && 1 <= k && k <= d)) {
    throw new RangeError(`top-k: need integers 1 ≤ k ≤ d, got k=${k}, d=${d}`);
  }
  const name = `top-k(k=${k},d=${d})`;
  const kept = (x: ReadonlyVector): Int32Array => {
    checkInput(name, d, x);
    return largestMagnitudeIndices(x, k);
  };
  const compress = (x: ReadonlyVector): Vector => {
    const indices = kept(x);
    const out = new Float64Array(d);
    for (let c = 0; c < indices.length; c++) out[indices[c]] = x[indices[c]];
    return out;
  };
  const compressSparse = (x: ReadonlyVector): SparseMessage => {
    const indices = kept(x);
    const values = new Float64Array(indices.length);
    for (let c = 0; c < indices.length; c++) values[c] = x[indices[c]];
    return { indices, values, bits: sparseBits(k, d) };
  };
  const compressor: CoordinateProjection = {
    name,
    dim: d,
    contract: { kind: 'contractive', alpha: k / d },
    deterministic: true,
    coordinateProjection: true,
    // The sender always ships k (value, index) pairs, even when some kept values are 0.
    bits: () => sparseBits(k, d),
    compress,
    compressSparse,
    expectation: (x: ReadonlyVector): ExactMoments => {
      const c = compress(x);
      let e = 0;
      for (let j = 0; j < d; j++) e += (c[j] - x[j]) ** 2;
      return { mean: c, errorSq: e };
    },
  };
  made.set(compressor, k);
  return compressor;
}
