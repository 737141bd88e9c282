import { describe, expect, it } from 'vitest';
import { compressorRegistry } from './registry.ts';
import { checkDim } from './validate.ts';

describe('checkDim: every compressor factory refuses a dimension that is not an integer ≥ 1', () => {
  it('d = 0, −1, 1.5, NaN and ∞ throw "need an integer d ≥ 1" naming the compressor; d = 1 builds', () => {
    for (const e of compressorRegistry) {
      const params = e.examples(1)[0];
      for (const d of [0, -1, 1.5, NaN, Infinity]) {
        expect(() => e.build(d, params), `${e.id} d=${d}`).toThrow(RangeError);
        expect(() => e.build(d, params), `${e.id} d=${d}`).toThrow(`${e.id}: need an integer d ≥ 1, got d=${d}`);
      }
      const c = e.build(1, params);
      expect(c.dim, e.id).toBe(1);
      expect(c.name, e.id).toContain('d=1');
    }
  });

  it('checkDim itself accepts exactly the integers ≥ 1', () => {
    for (const d of [1, 2, 1000]) expect(() => checkDim('c', d)).not.toThrow();
    for (const d of [0, -1, 0.5, 1.5, NaN, Infinity])
      expect(() => checkDim('c', d), `d=${d}`).toThrow(`c: need an integer d ≥ 1, got d=${d}`);
  });
});
