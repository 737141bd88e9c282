import { describe, expect, it } from 'vitest';
import { catalogueFamilies } from '../../src/check/catalogue.ts';
import { checkFamily } from '../../src/check/check-family.ts';
import { specSeed } from '../check/spec-seed.ts';

describe('combinators (unbiased → contractive, compositions)', () => {
  it('pass the checker, and the exact ones are tight: 1/(ω+1), 7k/(8d), 8k/(9d) (docs/theory.md §1.1 rows 15–17)', () => {
    const families = catalogueFamilies().filter((f) => f.name.startsWith('combinator'));
    expect(families.length).toBeGreaterThan(0);
    for (const [i, f] of families.entries()) {
      const v = checkFamily(f, { seed: specSeed(i), effort: 'quick' });
      expect({ name: v.name, status: v.status, failure: v.failure?.message }).toEqual({
        name: f.name,
        status: 'pass',
        failure: undefined,
      });
      if (v.worst!.method === 'exact') expect(v.worst!.tightness).toBeCloseTo(1, 10);
    }
  });
});
