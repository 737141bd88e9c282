/**
 * Kills the surviving mutants of natural.ts found by `npm run mutation` (reports/mutation-score.md): the exact
 * rounding boundary of the sampler and the 12-bit code of the smallest normal power of two.
 */
import { describe, expect, it } from 'vitest';
import { key } from '../rng/key.ts';
import { uniform } from '../rng/sample.ts';
import { natural, naturalValueBits } from './natural.ts';

describe('natural compression (mutation kills)', () => {
  it('rounds up iff U < u, so P(round up) = u exactly: at t = 1 + U the coordinate rounds down, one ulp above it rounds up', () => {
    // u = |t|/2^a − 1 is a multiple of 2^−52 and U a multiple of 2^−53 (natural.ts header); take a key whose U is
    // a multiple of 2^−52, so that t = 1 + U is exact and u = U.
    let seed = 0;
    while (!Number.isInteger(uniform(key(seed), 1)[0] * 2 ** 52)) seed++;
    const U = uniform(key(seed), 1)[0];
    expect(natural(1).compress(Float64Array.of(1 + U), key(seed))[0]).toBe(1);
    expect(natural(1).compress(Float64Array.of(-(1 + U)), key(seed))[0]).toBe(-1);
    expect(natural(1).compress(Float64Array.of(1 + U + 2 ** -52), key(seed))[0]).toBe(2);
  });

  it('codes the smallest normal power of two 2^−1022 in 12 bits and the largest subnormal one as an escape', () => {
    expect(naturalValueBits(2 ** -1022)).toBe(12);
    expect(naturalValueBits(-(2 ** -1022))).toBe(12);
    expect(naturalValueBits(2 ** -1023)).toBe(12 + 64);
  });
});
