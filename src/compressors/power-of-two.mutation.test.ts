/**
 * Kills the surviving mutants of power-of-two.ts found by `npm run mutation`: the integer guard and the overflow
 * cut-off of powerOfTwo (L35, L36) and every branch of isPowerOfTwo (L51, L52).
 */
import { describe, expect, it } from 'vitest';
import { isPowerOfTwo, powerOfTwo } from './power-of-two.ts';

describe('power-of-two (mutation kills)', () => {
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
