/**
 * What the fused EF21 rounds share: the sample spacing of their thresholds, and fresh output arrays without the
 * zero fill.
 */
import { Buffer } from 'node:buffer';
import type { Vector } from '../../linalg/vector.ts';

/**
 * One sampled coordinate per SAMPLE_SPACING (at least 1024; src/linalg/select.ts samplePlan). Sparser than the
 * selection's own 1/64: the fused rounds sample a vector they compute on the fly, a cache miss or an oracle call
 * per run, and a quarter of the sample cost 0.4–1 ms less per node at d = 10⁶ for about 30 % more candidates
 * (measured, bench/). Any spacing gives the same, exact answer.
 */
export const SAMPLE_SPACING = 256;

/**
 * A fresh Float64Array of length d whose entries are NOT zeroed: for outputs the caller writes in full before
 * they leave the round (g_i⁺ and v_i⁺ in the fused passes). A zero-filled array of 8 MB costs a memset on memory
 * the allocator reuses (about 0.8 ms, a tenth of an EF21-SGDM round at n = 10, d = 10⁶; measured, bench/). The
 * array is a plain Float64Array over its own ArrayBuffer of exactly 8·d bytes, never pooled or shared.
 */
export function uninitialized(d: number): Vector {
  return new Float64Array(Buffer.allocUnsafeSlow(8 * d).buffer, 0, d);
}
