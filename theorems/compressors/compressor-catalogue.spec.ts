import { describe, expect, it } from 'vitest';
import { catalogueFamilies } from '../../src/check/catalogue.ts';
import { check } from './compressor-catalogue.ts';

describe('compressor-catalogue', () => {
  it('at the quick budget every family and the three overstated declarations are checked, and the tight declarations are attained', async () => {
    const r = await check(7, 'quick');
    expect(r.verdicts.filter((v) => v.expectation === 'holds')).toHaveLength(catalogueFamilies().length);
    expect(r.verdicts.filter((v) => v.expectation === 'may-fail')).toHaveLength(3);
    const rows = r.tables?.[0]?.rows ?? [];
    expect(rows).toHaveLength(catalogueFamilies().length);
    // top-k and rand-k meet their bounds with equality at some input (docs/theory.md §1.1 rows 1–3).
    for (const name of ['top-k(k=4,d=16)', 'rand-k(k=8,d=16)', 'rand-k(k=8,d=16,scaled)', 'natural(d=16)']) {
      const row = rows.find((x) => x[0] === name);
      expect(row, name).toBeDefined();
      expect(Math.abs(Number(row?.[4]) - 1)).toBeLessThan(1e-9);
    }
  });
});
