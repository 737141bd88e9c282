/** Kills the surviving mutants of rand-k.ts found by `npm run mutation` (reports/mutation-score.md). */
import { describe, expect, it } from 'vitest';
import { key } from '../rng/key.ts';
import { compose } from './compose.ts';
import { natural } from './natural.ts';
import { randK } from './rand-k.ts';

describe('rand-k (mutation kills)', () => {
  it('refuses k = 0: the scaled form would multiply by d/0', () => {
    expect(() => randK(10, 0)).toThrow(RangeError);
    expect(() => randK(10, 0, { scaled: true })).toThrow(/1 ≤ k ≤ d/);
  });

  it('is deterministic exactly when k = d (every subset is the whole set), and its output then ignores the key', () => {
    expect(randK(5, 5).deterministic).toBe(true);
    expect(randK(5, 5, { scaled: true }).deterministic).toBe(true);
    expect(randK(5, 4).deterministic).toBe(false);
    const x = Float64Array.of(1, -2, 3, -4, 5);
    expect(randK(5, 5, { scaled: true }).compress(x, key(1))).toEqual(randK(5, 5, { scaled: true }).compress(x, key(2)));
    // compose() relies on the flag for exact moments: with a deterministic inner stage they exist.
    expect(compose(natural(5), randK(5, 5)).expectation?.(x)).toBeDefined();
  });
});
