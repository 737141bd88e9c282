/**
 * The last step of a fused EF21 node, shared by the one-pass route (top-k-node.ts) and the blocked sweep
 * (top-k-sweep.ts): apply the kept entries c_j to g_i⁺ = g_i + c and to the master's g⁺ += w·c, either from top-k's
 * own message (the fallback) or from the candidates the pass collected.
 */
import type { SparseMessage } from '../../compressors/types.ts';
import { rankInPlace } from '../../linalg/select.ts';
import type { ReadonlyVector, Vector } from '../../linalg/vector.ts';

/** g_i⁺_j = g_i,j + c_j and g⁺_j += w·c_j at the message's entries (a zero c_j leaves g⁺ untouched, as the dense round). */
export function applyMessage(message: SparseMessage, out: Vector, old: ReadonlyVector, g: Vector, w: number): void {
  const { indices, values } = message;
  for (let c = 0; c < indices.length; c++) {
    const j = indices[c];
    const cj = values[c];
    out[j] = old[j] + cj;
    if (cj !== 0) g[j] += w * cj;
  }
}

/**
 * Top-k's rule over `count` ≥ k candidates (indices `ci`, values `cv`, in index order): τ = the k-th largest |c|
 * (Floyd–Rivest in `mags`, scratch of length ≥ count), then every |c_j| > τ and the first ties |c_j| = τ in index
 * order until there are k, applied as applyMessage does.
 */
export function applyCandidates(
  ci: Int32Array | readonly number[],
  cv: ReadonlyVector,
  count: number,
  k: number,
  mags: Float64Array,
  out: Vector,
  old: ReadonlyVector,
  g: Vector,
  w: number,
): void {
  for (let c = 0; c < count; c++) mags[c] = Math.abs(cv[c]);
  const tau = rankInPlace(mags, count, count - k);
  // After selection mags[count−k..count) holds the k largest candidates: these are all the entries above τ.
  let greater = 0;
  for (let c = count - k + 1; c < count; c++) if (mags[c] > tau) greater++;
  const ties = k - greater;
  let kept = 0;
  let tied = 0;
  for (let c = 0; c < count && kept < k; c++) {
    const cj = cv[c];
    const a = Math.abs(cj);
    if (a < tau) continue;
    if (a === tau) {
      if (tied === ties) continue;
      tied++;
    }
    const j = ci[c];
    out[j] = old[j] + cj;
    if (cj !== 0) g[j] += w * cj;
    kept++;
  }
}
