import { describe, expect, it } from 'vitest';
import { assertCompressorContract } from '../../src/contracts/compressor.ts';
import { catalogueVerdicts, contractCase, summary } from './registry-case.ts';

describe('hard threshold', () => {
  it('is an absolute compressor, ‖C(x) − x‖² ≤ dλ², on inputs around λ', () =>
    assertCompressorContract(...contractCase('hard-threshold')));

  it('passes the checker; dλ² is approached by all coordinates → λ⁻ (docs/theory.md §1.1 row 14)', () => {
    const vs = catalogueVerdicts('hard-threshold');
    expect(summary(vs).filter((s) => s.status !== 'pass')).toEqual([]);
    for (const v of vs) expect(v.worst!.tightness).toBeGreaterThan(1 - 1e-6);
  });
});
