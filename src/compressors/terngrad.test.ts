import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { powerOfTwoScale } from '../linalg/norms.ts';
import { key } from '../rng/key.ts';
import { normal } from '../rng/sample.ts';
import { terngrad } from './terngrad.ts';

/** Inputs at unit scale (division by a power of two is exact), so no square under- or overflows (docs/design.md §3). */
const unit = (xs: number[]): number[] => {
  const p = powerOfTwoScale(xs);
  return xs.map((t) => t / p);
};

const sumSq = (v: ArrayLike<number>): number => Array.from(v).reduce((s, t) => s + t * t, 0);
const ratio = (d: number, x: Float64Array): number => (terngrad(d).expectation?.(x)?.errorSq ?? NaN) / sumSq(x);

describe('TernGrad (docs/theory.md §9.1 item 6)', () => {
  it('has variance ‖x‖_∞‖x‖₁ − ‖x‖² (from its two-point laws) and never exceeds ω = (√d − 1)/2', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 40 }).map(unit),
        (xs) => {
          const x = Float64Array.from(xs);
          const d = x.length;
          const m = Math.max(...xs.map(Math.abs));
          fc.pre(m > 0);
          let law = 0;
          let scale = 0;
          for (const t of xs) {
            const p = Math.abs(t) / m; // P(output = sign(t)·m)
            law += p * (m - Math.abs(t)) ** 2 + (1 - p) * t * t;
            scale += p * (m * m + t * t) + t * t;
          }
          const formula = m * xs.reduce((s, t) => s + Math.abs(t), 0) - sumSq(x);
          const e = terngrad(d).expectation?.(x);
          expect(Math.abs((e?.errorSq ?? NaN) - law)).toBeLessThanOrEqual(1e-12 * scale);
          expect(Math.abs((e?.errorSq ?? NaN) - formula)).toBeLessThanOrEqual(1e-12 * scale);
          expect(e?.errorSq ?? NaN).toBeLessThanOrEqual(((Math.sqrt(d) - 1) / 2) * sumSq(x) * (1 + 1e-12));
        },
      ),
    );
  });

  it('attains (√d − 1)/2 exactly at (1, t, …, t) with t = 1/(√d + 1)', () => {
    // d = 16: t = 1/5, scaled by 5 to stay in integers: x = (5, 1, …, 1).
    const x = Float64Array.from({ length: 16 }, (_, j) => (j === 0 ? 5 : 1));
    expect(ratio(16, x)).toBe(1.5);
    expect(terngrad(16).contract).toEqual({ kind: 'unbiased', omega: 1.5 });
    for (const d of [2, 9, 50]) {
      const t = 1 / (Math.sqrt(d) + 1);
      const y = Float64Array.from({ length: d }, (_, j) => (j === 0 ? 1 : t));
      expect(ratio(d, y)).toBeCloseTo((Math.sqrt(d) - 1) / 2, 12);
    }
  });

  it('a hill-climb from random starts does not exceed (√d − 1)/2', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 20 }), fc.noShrink(fc.nat()), (d, seed) => {
        let x = normal(key(seed), d);
        let best = ratio(d, x);
        for (let step = 0; step < 200; step++) {
          const noise = normal(key(seed + step + 1), d);
          const y = x.map((v, j) => v + 0.1 * noise[j]);
          const r = ratio(d, y);
          if (r > best) [x, best] = [y, r];
        }
        expect(best).toBeLessThanOrEqual(((Math.sqrt(d) - 1) / 2) * (1 + 1e-12));
      }),
      { numRuns: 20 },
    );
  });

  it('outputs only 0 and ±‖x‖_∞ with the sign of x, bills 64 + 2d bits and rejects wrong lengths', () => {
    const x = Float64Array.of(3, -1, 0, 0.5);
    for (let i = 0; i < 20; i++) {
      const out = terngrad(4).compress(x, key(i));
      for (let j = 0; j < 4; j++) expect([0, 3 * Math.sign(x[j])]).toContain(out[j]);
      expect(out[0]).toBe(3);
    }
    expect(terngrad(4).bits(x)).toEqual({ values: 72, indices: 0 });
    expect(() => terngrad(4).compress(new Float64Array(5), key(0))).toThrow(RangeError);
  });
});
