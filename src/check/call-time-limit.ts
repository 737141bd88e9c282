/**
 * How long one call into a user's compressor may run before the check ends it as a hang (check-module.ts). The
 * limit is given at d ≤ 1000, the default largest dimension, where any reasonable compress returns within
 * milliseconds: a default of 2 s leaves three orders of magnitude for a slow machine, a garbage-collection pause
 * or a shared core, yet ends a hang quickly. Above d = 1000 it grows in proportion to d, as the work of one call
 * to an O(d) compressor does (up to 65× at --max-dim 65536).
 */

export const DEFAULT_CALL_TIMEOUT_MS = 2000;

/** The dimension up to which the limit is the given one. */
const REFERENCE_DIM = 1000;

/**
 * @example
 * callTimeLimit(2000, 4096);
 * // returns 8192
 */
export function callTimeLimit(timeoutMs: number, d: number): number {
  return timeoutMs * Math.max(1, d / REFERENCE_DIM);
}
