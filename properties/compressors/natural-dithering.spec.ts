import { describe, expect, it } from 'vitest';
import { assertCompressorContract } from '../../src/contracts/compressor.ts';
import { catalogueVerdicts, contractCase, summary } from './registry-case.ts';

describe('natural dithering', () => {
  it('is unbiased within its derived omega (natural-dithering.ts) on random inputs', () =>
    assertCompressorContract(...contractCase('natural-dithering')));

  it('passes the checker with no worst ratio above the declared omega', () => {
    const vs = catalogueVerdicts('natural-dithering');
    expect(summary(vs).filter((s) => s.status !== 'pass')).toEqual([]);
    for (const v of vs) expect(v.worst!.tightness).toBeLessThanOrEqual(1 + 1e-12);
  });
});
