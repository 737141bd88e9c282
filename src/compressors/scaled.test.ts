import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { powerOfTwoScale } from '../linalg/norms.ts';
import { key } from '../rng/key.ts';
import { compose } from './compose.ts';
import { natural } from './natural.ts';
import { naturalDithering } from './natural-dithering.ts';
import { qsgd } from './qsgd.ts';
import { randK } from './rand-k.ts';
import { asContractive, scaleBy, unscale } from './scaled.ts';
import { terngrad } from './terngrad.ts';
import { topK } from './top-k.ts';
import type { Compressor } from './types.ts';

/** Inputs at unit scale (division by a power of two is exact), so no square under- or overflows (docs/design.md §3). */
const unit = (xs: number[]): number[] => {
  const p = powerOfTwoScale(xs);
  return xs.map((t) => t / p);
};

const sumSq = (v: ArrayLike<number>): number => Array.from(v).reduce((s, t) => s + t * t, 0);
const unbiased = (d: number): Compressor[] => [
  natural(d),
  qsgd(d, 2),
  terngrad(d),
  naturalDithering(d, 3),
  randK(d, 1, { scaled: true }),
];

/** All k-subsets of {0, …, d−1}. */
function subsets(d: number, k: number): number[][] {
  if (k === 0) return [[]];
  if (d < k) return [];
  return [...subsets(d - 1, k), ...subsets(d - 1, k - 1).map((s) => [...s, d - 1])];
}

describe('unbiased → contractive (docs/theory.md §9.1 item 8)', () => {
  it('C/(1 + ω) meets α = 1/(1 + ω) for every built-in unbiased compressor, by its exact moments', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 20 }).map(unit),
        (xs) => {
          const x = Float64Array.from(xs);
          fc.pre(sumSq(x) > 0);
          for (const c of unbiased(x.length)) {
            const cc = asContractive(c);
            if (cc.contract.kind !== 'contractive' || c.contract.kind !== 'unbiased') throw new Error('contract kinds');
            expect(cc.contract.alpha).toBe(1 / (1 + c.contract.omega));
            const e = cc.expectation?.(x);
            expect(e?.errorSq ?? NaN).toBeLessThanOrEqual((1 - cc.contract.alpha) * sumSq(x) * (1 + 1e-12));
          }
        },
      ),
    );
  });

  it('contractive(rand-k scaled) is the unscaled mask in law: exact error (1 − k/d)‖x‖² over all subsets', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 8 })
          .chain((d) =>
            fc.tuple(
              fc.integer({ min: 1, max: d }),
              fc.array(fc.integer({ min: -9, max: 9 }), { minLength: d, maxLength: d }),
            ),
          ),
        ([k, xs]) => {
          const d = xs.length;
          const x = Float64Array.from(xs);
          const cc = asContractive(randK(d, k, { scaled: true }));
          // Enumerate: each subset S gives (1/(1+ω))(d/k)x_S = x_S.
          let errorSq = 0;
          const all = subsets(d, k);
          for (const s of all) errorSq += xs.reduce((acc, t, j) => acc + (s.includes(j) ? 0 : t * t), 0) / all.length;
          const normSq = sumSq(x);
          expect(Math.abs((cc.expectation?.(x)?.errorSq ?? NaN) - errorSq)).toBeLessThanOrEqual(1e-12 * normSq);
          expect(Math.abs(errorSq - (1 - k / d) * normSq)).toBeLessThanOrEqual(1e-12 * normSq);
          const out = cc.compress(x, key(d * 31 + k));
          for (let j = 0; j < d; j++)
            expect(out[j] === 0 || Math.abs(out[j] - x[j]) <= 1e-15 * Math.abs(x[j])).toBe(true);
        },
      ),
    );
  });

  it('scaleBy(C, s) meets α = 2s − s²(1 + ω) and refuses s outside (0, 2/(1 + ω)) and biased C', () => {
    const c = scaleBy(natural(4), 0.5);
    expect(c.contract).toEqual({ kind: 'contractive', alpha: 0.71875 });
    const x = Float64Array.of(4 / 3, -4 / 3, 8 / 3, 0);
    expect(c.expectation?.(x)?.errorSq ?? NaN).toBeLessThanOrEqual((1 - 0.71875) * sumSq(x) * (1 + 1e-12));
    expect(() => scaleBy(natural(4), 2 / 1.125)).toThrow(RangeError);
    expect(() => scaleBy(natural(4), 0)).toThrow(RangeError);
    expect(() => scaleBy(topK(4, 1), 0.5)).toThrow(/unbiased/);
    expect(() => asContractive(topK(4, 1))).toThrow(/unbiased/);
  });

  it('names the wrapped compressor, bills its message, and rejects wrong lengths', () => {
    const cc = asContractive(natural(3));
    expect(cc.name).toBe('contractive(natural(d=3))');
    const out = cc.compress(Float64Array.of(1, 2, 4), key(0));
    expect(cc.bits(out)).toEqual(natural(3).bits(Float64Array.of(1, 2, 4)));
    expect(() => cc.compress(new Float64Array(2), key(0))).toThrow(RangeError);
  });
});

/**
 * The receiver's unscaling, the wrapper's bill, the propagation of "no exact moments", and the bound scaleBy
 * states when it refuses s.
 */
describe('scaled compressors: unscaling, billing, missing moments and the scaleBy error', () => {
  it('unscale divides every entry by s, so the receiver recovers C(x) from s·C(x)', () => {
    expect(Array.from(unscale(Float64Array.of(3, -6, 0, 1.5), 1.5))).toEqual([2, -4, 0, 1]);
  });

  it('bills C/(1 + ω) as C’s own message: a natural-compression escape stays 12 + 64 bits', () => {
    // |t| = 1.5·2^1023 is not a power of two and 2^1024 is not a double: natural sends it unchanged as an escape
    // (natural.ts header), 76 bits; a power of two would cost 12.
    const t = 1.5 * 2 ** 1023;
    const cc = asContractive(natural(2));
    const out = cc.compress(Float64Array.of(t, 0), key(3));
    expect(natural(2).bits(Float64Array.of(t, 0))).toEqual({ values: 76 + 12, indices: 0 });
    expect(cc.bits(out)).toEqual({ values: 76 + 12, indices: 0 });
  });

  it('has no exact moments when the wrapped compressor has none, or has none at this x', () => {
    const x = Float64Array.of(1.3, -0.7, 2.9, 0.2);
    const { expectation: _none, ...bare } = natural(4);
    const noMoments: Compressor = bare;
    expect(asContractive(noMoments).expectation).toBeUndefined();
    // compose(…) with a random inner stage returns undefined from expectation(): the wrapper passes that on.
    const composed = compose(natural(4), randK(4, 2, { scaled: true }));
    expect(composed.expectation?.(x)).toBeUndefined();
    const wrapped = asContractive(composed);
    expect(wrapped.expectation?.(x)).toBeUndefined();
  });

  it('scaleBy states the admissible bound 2/(1 + ω) when it refuses s', () => {
    // natural: ω = 1/8, so 2/(1 + ω) = 16/9.
    expect(() => scaleBy(natural(4), 2)).toThrow(`s < 2/(1 + ω) = ${16 / 9}, got s=2`);
  });
});
