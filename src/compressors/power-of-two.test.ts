import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { floorLog2, isPowerOfTwo, powerOfTwo } from './power-of-two.ts';

/** Reference ⌊log₂|t|⌋ by exact BigInt arithmetic on the bit pattern (independent of the DataView code). */
function referenceFloorLog2(t: number): number {
  const bits = new BigUint64Array(Float64Array.of(Math.abs(t)).buffer)[0];
  const exponent = Number(bits >> 52n);
  const mantissa = bits & ((1n << 52n) - 1n);
  return exponent > 0 ? exponent - 1023 : mantissa.toString(2).length - 1 - 1074;
}

describe('exact binary exponents', () => {
  it('powerOfTwo(a) equals 2 ** a and floorLog2 inverts it for every exponent from −1074 to 1023', () => {
    for (let a = -1074; a <= 1023; a++) {
      expect(powerOfTwo(a)).toBe(2 ** a);
      expect(floorLog2(powerOfTwo(a))).toBe(a);
      expect(floorLog2(-powerOfTwo(a))).toBe(a);
    }
    expect(powerOfTwo(1024)).toBe(Infinity);
    expect(powerOfTwo(-1075)).toBe(0);
  });

  it('floorLog2 matches a BigInt reference on arbitrary doubles, including subnormals and the largest double', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }).filter((t) => t !== 0),
        (t) => {
          expect(floorLog2(t)).toBe(referenceFloorLog2(t));
        },
      ),
    );
    expect(floorLog2(Number.MAX_VALUE)).toBe(1023);
    expect(floorLog2(Number.MIN_VALUE * 3)).toBe(-1073);
  });

  it('the value just below a power of two has the exponent below it (where Math.log2 may round up)', () => {
    for (let a = -1021; a <= 1023; a += 7) {
      const below = powerOfTwo(a) * (1 - 2 ** -53);
      expect(floorLog2(below)).toBe(a - 1);
      expect(isPowerOfTwo(below)).toBe(false);
    }
  });

  it('rejects 0 and non-finite arguments', () => {
    expect(() => floorLog2(0)).toThrow(RangeError);
    expect(() => floorLog2(Infinity)).toThrow(RangeError);
    expect(isPowerOfTwo(0)).toBe(false);
  });
});

/** The integer guard and the overflow cut-off of powerOfTwo, and every branch of isPowerOfTwo. */
describe('powerOfTwo’s argument range and isPowerOfTwo’s branches', () => {
  it('powerOfTwo refuses a non-integer exponent instead of truncating it into the bit pattern', () => {
    expect(() => powerOfTwo(1.5)).toThrow(/need an integer exponent, got 1.5/);
    expect(() => powerOfTwo(-0.5)).toThrow(RangeError);
  });

  it('powerOfTwo is ∞ for every exponent above 1023, not a wrapped bit pattern (1025 would encode −0)', () => {
    expect(powerOfTwo(1023)).toBe(2 ** 1023);
    expect(powerOfTwo(1024)).toBe(Infinity);
    expect(powerOfTwo(1025)).toBe(Infinity);
    expect(powerOfTwo(2000)).toBe(Infinity);
  });

  it('isPowerOfTwo is true for ±2^a, subnormal 2^−1074 included', () => {
    for (const t of [4, 1, -0.5, 2 ** 1023, 5e-324, -(2 ** -1060)]) expect(isPowerOfTwo(t), String(t)).toBe(true);
  });

  it('isPowerOfTwo is false (and does not throw) for non-powers, 0, NaN and ±∞', () => {
    for (const t of [3, -6, 0.75, 0, -0, NaN, Infinity, -Infinity]) expect(isPowerOfTwo(t), String(t)).toBe(false);
  });
});
