import { describe, expect, it } from 'vitest';
import { assertCompressorContract } from '../../src/contracts/compressor.ts';
import { catalogueVerdicts, contractCase, summary } from './registry-case.ts';

describe('top-k', () => {
  it('is contractive with alpha = k/d on inputs with ties, zeros, tiny and huge entries', () =>
    assertCompressorContract(...contractCase('top-k')));

  it('passes the checker and attains 1 − k/d exactly at all-equal |x_j| (tightness 1, docs/theory.md §1.1 row 1)', () => {
    const vs = catalogueVerdicts('top-k');
    expect(summary(vs).filter((s) => s.status !== 'pass')).toEqual([]);
    for (const v of vs) expect(v.worst?.tightness).toBeCloseTo(1, 12);
  });
});
