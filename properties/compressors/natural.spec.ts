import { describe, expect, it } from 'vitest';
import { assertCompressorContract } from '../../src/contracts/compressor.ts';
import { catalogueVerdicts, contractCase, summary } from './registry-case.ts';

describe('natural compression', () => {
  it('is unbiased with omega = 1/8 on inputs from subnormal to huge', () =>
    assertCompressorContract(...contractCase('natural')));

  it('passes the checker and attains omega = 1/8 exactly at (4/3)·2^a (docs/theory.md §1.1 row 6)', () => {
    const vs = catalogueVerdicts('natural');
    expect(summary(vs).filter((s) => s.status !== 'pass')).toEqual([]);
    for (const v of vs) expect(v.worst?.tightness).toBeCloseTo(1, 12);
  });
});
