import { describe, expect, it } from 'vitest';
import { assertCompressorContract } from '../../src/contracts/compressor.ts';
import { catalogueVerdicts, contractCase, summary } from './registry-case.ts';

describe('identity', () => {
  it('is contractive with alpha = 1 (C(x) = x) on inputs from tiny to huge', () =>
    assertCompressorContract(...contractCase('identity')));

  it('passes the checker with zero error everywhere', () => {
    const vs = catalogueVerdicts('identity');
    expect(summary(vs).filter((s) => s.status !== 'pass')).toEqual([]);
    for (const v of vs) expect(v.worst?.estimate).toBe(0);
  });
});
