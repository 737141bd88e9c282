/**
 * Kills the surviving mutants of natural-dithering.ts L49 (the range 1 ≤ s ≤ 1022 of the level count) found by
 * `npm run mutation`: both ends of the range are accepted, one past either end is refused.
 */
import { describe, expect, it } from 'vitest';
import { key } from '../rng/key.ts';
import { naturalDithering } from './natural-dithering.ts';

describe('natural-dithering (mutation kills)', () => {
  it('accepts s = 1022, the top of its range, and compresses as any s ≥ 3 does above r = 1/4', () => {
    const c = naturalDithering(2, 1022);
    expect(c.name).toBe('natural-dithering(s=1022,d=2)');
    // The @example's draw: r = (0.6, 0.8) rounds to the levels 1/2 and 1 whatever the smallest level b is.
    expect(c.compress(Float64Array.of(3, 4), key(0))).toEqual(naturalDithering(2, 3).compress(Float64Array.of(3, 4), key(0)));
    expect(naturalDithering(2, 1).name).toBe('natural-dithering(s=1,d=2)');
  });

  it('refuses s = 1023 and s = 0, one past either end of the range, and a fractional s', () => {
    expect(() => naturalDithering(2, 1023)).toThrow(/need an integer 1 ≤ s ≤ 1022, got s=1023/);
    expect(() => naturalDithering(2, 0)).toThrow(/need an integer 1 ≤ s ≤ 1022, got s=0/);
    expect(() => naturalDithering(2, 2.5)).toThrow(RangeError);
  });
});
