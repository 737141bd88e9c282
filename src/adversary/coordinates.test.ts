import fc from 'fast-check';
import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { concatenate, slices } from './coordinates.ts';

describe('decision vectors', () => {
  test.prop([fc.array(fc.array(fc.double({ noNaN: true }), { maxLength: 5 }), { maxLength: 6 })])(
    'slices reads back exactly what concatenate wrote',
    (parts) => {
      const z = concatenate(parts.map((p) => Float64Array.from(p)));
      expect(z.length).toBe(parts.reduce((a, p) => a + p.length, 0));
      const take = slices(z);
      for (const p of parts) expect(Array.from(take(p.length))).toEqual(p.map((v) => (Object.is(v, -0) ? -0 : v)));
    },
  );
});
