import { describe, expect, it } from 'vitest';
import { assertCompressorContract } from '../../src/contracts/compressor.ts';
import { catalogueVerdicts, contractCase, summary } from './registry-case.ts';

describe('bernoulli sparsification', () => {
  it('is contractive with alpha = p on random inputs', () => assertCompressorContract(...contractCase('bernoulli')));

  it('passes the checker and meets 1 − p with equality (uniform p: every x attains it, docs/theory.md §1.1 row 4)', () => {
    const vs = catalogueVerdicts('bernoulli');
    expect(summary(vs).filter((s) => s.status !== 'pass')).toEqual([]);
    for (const v of vs) expect(v.worst?.tightness).toBeCloseTo(1, 12);
  });
});
