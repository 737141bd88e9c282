import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkFamily } from '../../src/check/check-family.ts';
import { compressorFamily } from '../../src/check/compressor-family.ts';
import { contractInput, hasSupportedDimension } from '../../src/check/inputs/contract-input.ts';
import { topK } from '../../src/compressors/top-k.ts';
import { specSeed } from './spec-seed.ts';

/**
 * A `supports` that gives up loudly after `limit` calls: without the up-front guard, fast-check's filter would call
 * it forever (a hang); with this cap the same bug fails the test instead of stalling the suite.
 */
function capped(
  supports: (d: number) => boolean,
  limit = 50_000,
): { supports: (d: number) => boolean; calls: () => number } {
  let calls = 0;
  return {
    supports: (d) => {
      if (++calls > limit) throw new Error(`supports called more than ${limit} times: the filter is spinning`);
      return supports(d);
    },
    calls: () => calls,
  };
}

describe('a family with no supported dimension in range', () => {
  it('is refused by checkFamily with a one-line RangeError naming the family and the range, before any input runs', () => {
    const s = capped((d) => d >= 2);
    const family = compressorFamily('top-k:k=2', (d) => topK(d, 2), { supports: s.supports });
    // No worst-case dimensions, so only the guard stands between fast-check's filter and an endless loop.
    const run = (): unknown =>
      checkFamily(family, { seed: specSeed(), effort: 'quick', budget: { maxDim: 1, worstCaseDims: [] } });
    expect(run).toThrow(RangeError);
    expect(run).toThrow(/^top-k:k=2: no supported dimension in \[1, 1\]$/);
    expect(s.calls()).toBeLessThanOrEqual(2);
  });

  it('is refused over a wide range too, after one look at each dimension', () => {
    const s = capped(() => false);
    const family = compressorFamily('never', (d) => topK(d, 1), { supports: s.supports });
    expect(() => checkFamily(family, { seed: specSeed(), effort: 'quick' })).toThrow(
      /^never: no supported dimension in \[1, 1000\]$/,
    );
    expect(s.calls()).toBe(1000);
  });

  it('is refused by contractInput itself, so no other caller can build a filter that never accepts', () => {
    const s = capped(() => false);
    expect(() => contractInput({ minDim: 3, maxDim: 7, supports: s.supports })).toThrow(
      /^contractInput: no supported dimension in \[3, 7\]$/,
    );
  });
});

describe('a family supported only at the edge of the range', () => {
  it('is still checked, at exactly that dimension', () => {
    const s = capped((d) => d === 5);
    const family = compressorFamily('top-k(k=2) at d=5 only', (d) => topK(d, 2), { supports: s.supports });
    const v = checkFamily(family, { seed: specSeed(), effort: 'quick', budget: { maxDim: 5 } });
    expect(v.status).toBe('pass');
    expect(v.tried.dimensions).toEqual([5]);
  });

  it('gives contractInput inputs of exactly that dimension', () => {
    const arb = contractInput({ minDim: 2, maxDim: 9, supports: (d) => d === 9 });
    for (const input of fc.sample(arb, { numRuns: 20, seed: specSeed() })) expect(input.d).toBe(9);
  });
});

describe('hasSupportedDimension', () => {
  it('finds a supported dimension at either end of the range and none in an empty or unsupported range', () => {
    expect(hasSupportedDimension(1, 4, (d) => d === 1)).toBe(true);
    expect(hasSupportedDimension(1, 4, (d) => d === 4)).toBe(true);
    expect(hasSupportedDimension(1, 4, (d) => d === 5)).toBe(false);
    expect(hasSupportedDimension(3, 2, () => true)).toBe(false);
  });
});
