import { describe, expect, it } from 'vitest';
import { assertCompressorContract } from '../../src/contracts/compressor.ts';
import { catalogueVerdicts, contractCase, summary } from './registry-case.ts';

describe('scaled sign', () => {
  it('is contractive with alpha = 1/d on random inputs, zeros included', () =>
    assertCompressorContract(...contractCase('scaled-sign')));

  it('passes the checker; 1 − 1/d is approached at (1, ε, …, ε) (docs/theory.md §1.1 row 12)', () => {
    const vs = catalogueVerdicts('scaled-sign');
    expect(summary(vs).filter((s) => s.status !== 'pass')).toEqual([]);
    for (const v of vs) expect(v.worst!.tightness).toBeGreaterThan(1 - 1e-6);
  });
});
