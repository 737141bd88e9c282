import { describe, expect, it } from 'vitest';
import { assertCompressorContract } from '../../src/contracts/compressor.ts';
import { catalogueVerdicts, contractCase, summary } from './registry-case.ts';

describe('QSGD / standard dithering', () => {
  it('is unbiased within omega = min(d/s², √d/s) on random inputs', () =>
    assertCompressorContract(...contractCase('qsgd')));

  it('passes the checker; the published bound is loose: s = 1 reaches (√d − 1)/√d of it at all-equal x (docs/theory.md §1.1 row 9)', () => {
    const vs = catalogueVerdicts('qsgd');
    expect(summary(vs).filter((s) => s.status !== 'pass')).toEqual([]);
    const s1 = vs[0].worst!;
    // The checker tries all-equal x at d = 1000, where the exact variance is (√d − 1)‖x‖² [D].
    expect(s1.tightness).toBeCloseTo((Math.sqrt(1000) - 1) / Math.sqrt(1000), 10);
    for (const v of vs) expect(v.worst!.tightness).toBeLessThan(1);
  });
});
