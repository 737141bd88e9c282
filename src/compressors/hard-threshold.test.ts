import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { key } from '../rng/key.ts';
import { hardThreshold } from './hard-threshold.ts';

const k0 = key(0);

describe('hard threshold (docs/theory.md §9.1 item 10)', () => {
  it('keeps exactly the entries with |x_j| ≥ λ, and its error is below dλ²', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 10, noNaN: true }),
        fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 1, maxLength: 40 }),
        (lambda, xs) => {
          const x = Float64Array.from(xs);
          const d = x.length;
          const out = hardThreshold(d, lambda).compress(x, k0);
          let err = 0;
          for (let j = 0; j < d; j++) {
            expect(out[j]).toBe(Math.abs(x[j]) >= lambda ? x[j] : 0);
            err += (out[j] - x[j]) ** 2;
          }
          expect(err).toBeLessThan(d * lambda * lambda);
        },
      ),
    );
  });

  it('maps every x with ‖x‖_∞ < λ to 0, so no contractive α exists (error ratio 1)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -0.999, max: 0.999, noNaN: true }), { minLength: 1, maxLength: 20 }),
        (xs) => {
          const out = hardThreshold(xs.length, 1).compress(Float64Array.from(xs), k0);
          expect(out.every((v) => v === 0)).toBe(true);
        },
      ),
    );
  });

  it('approaches dλ² as all |x_j| → λ⁻, keeps |x_j| = λ, and declares the absolute contract', () => {
    const d = 10;
    const below = 1 - 2 ** -53;
    const c = hardThreshold(d, 1);
    const err = c.expectation?.(new Float64Array(d).fill(below))?.errorSq ?? NaN;
    expect(err).toBeLessThan(d);
    expect(err).toBeGreaterThan(d * (1 - 1e-15));
    expect(c.expectation?.(new Float64Array(d).fill(-1))?.errorSq).toBe(0);
    expect(c.contract).toEqual({ kind: 'absolute', deltaSq: d });
    expect(c.name).toBe('hard-threshold(lambda=1,d=10)');
  });

  it('bills one value/index pair per kept entry and rejects λ ≤ 0 and wrong lengths', () => {
    expect(hardThreshold(16, 1).bits(Float64Array.of(0, 2, 0, 0, -3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))).toEqual({
      values: 128,
      indices: 8 + 5,
    });
    expect(() => hardThreshold(4, 0)).toThrow(RangeError);
    expect(() => hardThreshold(4, Number.NaN)).toThrow(RangeError);
    expect(() => hardThreshold(4, 1).compress(new Float64Array(5), k0)).toThrow(RangeError);
  });
});
