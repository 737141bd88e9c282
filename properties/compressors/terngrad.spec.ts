import { describe, expect, it } from 'vitest';
import { assertCompressorContract } from '../../src/contracts/compressor.ts';
import { catalogueVerdicts, contractCase, summary } from './registry-case.ts';

describe('TernGrad', () => {
  it('is unbiased with omega = (√d − 1)/2 on random inputs', () =>
    assertCompressorContract(...contractCase('terngrad')));

  it('passes the checker and attains (√d − 1)/2 at (1, t, …, t), t = 1/(√d + 1) (derived form, docs/theory.md §1.1 row 11)', () => {
    const vs = catalogueVerdicts('terngrad');
    expect(summary(vs).filter((s) => s.status !== 'pass')).toEqual([]);
    for (const v of vs) expect(v.worst!.tightness).toBeCloseTo(1, 10);
  });
});
