/**
 * Norms that neither overflow nor underflow (LAPACK dnrm2 idea: accumulate (x_j/scale)² with a running scale).
 * The plain sum of squares overflows for |x_j| > 1e154 and flushes to zero below 1e-162; fast-check finds both
 * within seconds (docs/design.md §3).
 */
import type { ReadonlyVector } from './vector.ts';

/** ‖x‖₂ as scale·sqrt(ssq), never overflowing in an intermediate. */
export function scaledSumSq(x: ReadonlyVector): { scale: number; ssq: number } {
  let scale = 0;
  let ssq = 1;
  for (let j = 0; j < x.length; j++) {
    const a = Math.abs(x[j]);
    if (a === 0) continue;
    if (scale < a) {
      const r = scale / a;
      ssq = 1 + ssq * r * r;
      scale = a;
    } else {
      const r = a / scale;
      ssq += r * r;
    }
  }
  return scale === 0 ? { scale: 0, ssq: 0 } : { scale, ssq };
}

/**
 * @example
 * norm2(Float64Array.of(3e200, 4e200));
 * // returns 5e200
 */
export function norm2(x: ReadonlyVector): number {
  const { scale, ssq } = scaledSumSq(x);
  return scale * Math.sqrt(ssq);
}

/** max_j |x_j|. */
export function normInf(x: ReadonlyVector): number {
  let m = 0;
  for (let j = 0; j < x.length; j++) {
    const a = Math.abs(x[j]);
    if (a > m) m = a;
  }
  return m;
}

/** ‖x‖₁. */
export function norm1(x: ReadonlyVector): number {
  let s = 0;
  for (let j = 0; j < x.length; j++) s += Math.abs(x[j]);
  return s;
}

/**
 * ‖a‖²/‖b‖² computed without overflow or underflow, for scale-free contract ratios. 0/0 is 0 (C(0) = 0 is
 * checked separately); a/0 with a ≠ 0 is +∞.
 * @example
 * ratioSq(Float64Array.of(1e-200, 0), Float64Array.of(0, 2e-200));
 * // returns 0.25
 */
export function ratioSq(a: ReadonlyVector, b: ReadonlyVector): number {
  const na = scaledSumSq(a);
  const nb = scaledSumSq(b);
  if (na.scale === 0) return 0;
  if (nb.scale === 0) return Infinity;
  const r = na.scale / nb.scale;
  return r * r * (na.ssq / nb.ssq);
}

/** The power of two nearest above max|x_j| (1 for x = 0): dividing by it is exact in floating point. */
export function powerOfTwoScale(x: ReadonlyVector): number {
  const m = normInf(x);
  if (m === 0 || !Number.isFinite(m)) return 1;
  return 2 ** Math.min(1023, Math.ceil(Math.log2(m)));
}
