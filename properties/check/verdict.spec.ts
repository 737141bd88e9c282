import { describe, expect, it } from 'vitest';
import { topK } from '../../src/compressors/top-k.ts';
import { checkCompressor } from '../../src/check/check-compressor.ts';
import { brokenSet } from '../broken/index.ts';
import { specSeed } from './spec-seed.ts';

const broken = (file: string) => brokenSet.find((b) => b.file === file)!.module;

describe('verdicts', () => {
  it('are JSON-serialisable and replay exactly from their seed', () => {
    const a = checkCompressor(broken('biased.ts'), { seed: specSeed(), effort: 'quick' });
    const b = checkCompressor(broken('biased.ts'), { seed: specSeed(), effort: 'quick' });
    // JSON has no -0; anything else that does not survive the round trip (NaN, ∞, typed arrays) fails here.
    const withoutNegativeZero = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(withoutNegativeZero)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, w]) => [k, withoutNegativeZero(w)]))
          : Object.is(v, -0)
            ? 0
            : v;
    expect(JSON.parse(JSON.stringify(a))).toEqual(withoutNegativeZero(a));
    expect({ ...b, elapsedMs: 0 }).toEqual({ ...a, elapsedMs: 0 });
  });

  it('report what was tried and the tightness of the declared contract', () => {
    const v = checkCompressor(topK(8, 2), { seed: specSeed(), effort: 'quick' });
    expect(v.status).toBe('pass');
    expect(v.tried.dimensions).toEqual([8]);
    expect(v.tried.inputs).toBeGreaterThan(50);
    expect(v.worst?.tightness).toBeCloseTo(1, 12);
    expect(v.contract).toBe('contractive, alpha = 0.25 at d=8');
  });

  it('shrink a fast-check failure to a small readable counterexample', () => {
    const v = checkCompressor(broken('ties.ts'), { seed: specSeed(), effort: 'quick', budget: { worstCaseDims: [] } });
    expect(v.status).toBe('fail');
    expect(v.failure!.d).toBeLessThanOrEqual(8);
    expect(v.failure!.message).not.toContain('\n');
  });

  it('give one-line failure messages, never a stack trace, for every broken compressor', () => {
    for (const c of brokenSet) {
      const v = checkCompressor(c.module, { seed: specSeed(), effort: 'quick' });
      expect(v.failure?.message ?? '').not.toMatch(/\n|\s+at\s.*:\d+:\d+/);
    }
  });
});
