import { describe, expect, it } from 'vitest';
import { assertCompressorContract } from '../../src/contracts/compressor.ts';
import { catalogueVerdicts, contractCase, summary } from './registry-case.ts';

describe('rand-k', () => {
  it('meets alpha = k/d (unscaled) and omega = d/k − 1 (scaled), with the sampler matching the exact moments', () =>
    assertCompressorContract(...contractCase('rand-k')));

  it('meets its bound with equality for every x and is never reported as violating it (docs/theory.md §1.1 rows 2–3)', () => {
    const vs = catalogueVerdicts('rand-k');
    expect(summary(vs).filter((s) => s.status !== 'pass')).toEqual([]);
    for (const v of vs) expect(v.worst?.tightness).toBeCloseTo(1, 12);
  });
});
