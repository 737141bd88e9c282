/**
 * Exact binary exponents, read from the IEEE-754 bit pattern. Math.log2 is not correctly rounded (V8 returns
 * log2(2^a − ulp) = a for large a), and natural compression must map every power of two to itself and round
 * every other value between the two powers that bracket it (docs/theory.md §1.1 row 6), subnormals included.
 */

const view = new DataView(new ArrayBuffer(8));

/**
 * ⌊log₂|t|⌋ for finite t ≠ 0, exact for normal and subnormal t (−1074 ≤ result ≤ 1023).
 * @example
 * floorLog2(0.75);
 * // returns -1
 */
export function floorLog2(t: number): number {
  if (!(Number.isFinite(t) && t !== 0)) throw new RangeError(`floorLog2: need a finite t ≠ 0, got ${t}`);
  view.setFloat64(0, t);
  const hi = view.getUint32(0);
  const exponent = (hi >>> 20) & 0x7ff;
  if (exponent !== 0) return exponent - 1023;
  // Subnormal: value = mantissa · 2^−1074, so the exponent is that of the mantissa's leading bit.
  const mantHi = hi & 0xfffff;
  const lo = view.getUint32(4);
  const lead = mantHi !== 0 ? 31 - Math.clz32(mantHi) + 32 : 31 - Math.clz32(lo);
  return lead - 1074;
}

/**
 * 2^a as a double, built from its bit pattern (exact for −1074 ≤ a ≤ 1023; 0 below, ∞ above).
 * @example
 * powerOfTwo(-1074);
 * // returns 5e-324
 */
export function powerOfTwo(a: number): number {
  if (!Number.isInteger(a)) throw new RangeError(`powerOfTwo: need an integer exponent, got ${a}`);
  if (a > 1023) return Infinity;
  if (a < -1074) return 0;
  if (a >= -1022) {
    view.setUint32(0, (a + 1023) << 20);
    view.setUint32(4, 0);
  } else {
    const bit = a + 1074; // position of the single mantissa bit, 0..51
    view.setUint32(0, bit >= 32 ? 1 << (bit - 32) : 0);
    view.setUint32(4, bit < 32 ? (1 << bit) >>> 0 : 0);
  }
  return view.getFloat64(0);
}

/** True when t is ±2^a for some integer a (subnormal powers included). */
export function isPowerOfTwo(t: number): boolean {
  if (!(Number.isFinite(t) && t !== 0)) return false;
  return Math.abs(t) === powerOfTwo(floorLog2(t));
}
