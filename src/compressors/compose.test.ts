import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { powerOfTwoScale } from '../linalg/norms.ts';
import { key, split } from '../rng/key.ts';
import { compose } from './compose.ts';
import { hardThreshold } from './hard-threshold.ts';
import { natural } from './natural.ts';
import { floorLog2, powerOfTwo } from './power-of-two.ts';
import { qsgd } from './qsgd.ts';
import { randK } from './rand-k.ts';
import { scaledSign } from './scaled-sign.ts';
import { topK } from './top-k.ts';
import type { Compressor } from './types.ts';

/** Inputs at unit scale (division by a power of two is exact), so no square under- or overflows (docs/design.md §3). */
const unit = (xs: number[]): number[] => {
  const p = powerOfTwoScale(xs);
  return xs.map((t) => t / p);
};

const sumSq = (v: ArrayLike<number>): number => Array.from(v).reduce((s, t) => s + t * t, 0);

/** E‖s·nat(y) − x‖² by enumerating natural compression's 2^nnz(y) outcomes (independent of expectation()). */
function enumerateNatural(y: Float64Array, x: Float64Array, s: number): number {
  const support = Array.from(y.keys()).filter((j) => y[j] !== 0);
  let total = 0;
  for (let mask = 0; mask < 1 << support.length; mask++) {
    let p = 1;
    const out = Float64Array.from(y);
    support.forEach((j, b) => {
      const lo = powerOfTwo(floorLog2(y[j]));
      const up = Math.abs(y[j]) / lo - 1;
      const upper = (mask >> b) & 1;
      p *= upper ? up : 1 - up;
      out[j] = Math.sign(y[j]) * lo * (upper ? 2 : 1);
    });
    total += p * sumSq(out.map((v, j) => s * v - x[j]));
  }
  return total;
}

const instance = fc
  .integer({ min: 1, max: 10 })
  .chain((d) =>
    fc.tuple(
      fc.integer({ min: 1, max: d }),
      fc.array(fc.double({ min: -8, max: 8, noNaN: true }), { minLength: d, maxLength: d }).map(unit),
    ),
  );

describe('compositions (docs/theory.md §9.1 item 9)', () => {
  it('natural ∘ top-k has α = 7k/(8d), attained at all coordinates (4/3)·2^a up to the rounding of 4/3', () => {
    for (const [d, k] of [
      [16, 4],
      [16, 1],
      [10, 3],
    ]) {
      const c = compose(natural(d), topK(d, k));
      expect(c.contract).toEqual({ kind: 'contractive', alpha: (7 * k) / (8 * d) });
      const x = new Float64Array(d).fill(4 / 3);
      const ratio = (c.expectation?.(x)?.errorSq ?? NaN) / sumSq(x);
      expect(ratio).toBeLessThanOrEqual(1 - (7 * k) / (8 * d));
      expect(ratio).toBeGreaterThan(1 - (7 * k) / (8 * d) - 1e-15);
    }
    // docs/theory.md §1.1: d = 16, K = 4 gives 0.78125.
    expect(1 - (7 * 4) / (8 * 16)).toBe(0.78125);
  });

  it('(8/9)·natural ∘ top-k has α = 8k/(9d), attained at the same point', () => {
    for (const [d, k] of [
      [16, 4],
      [10, 3],
    ]) {
      const c = compose(natural(d), topK(d, k), { rescale: true });
      expect(c.contract.kind === 'contractive' && c.contract.alpha).toBeCloseTo((8 * k) / (9 * d), 15);
      const x = new Float64Array(d).fill(-4 / 3);
      const ratio = (c.expectation?.(x)?.errorSq ?? NaN) / sumSq(x);
      expect(ratio).toBeLessThanOrEqual((1 - (8 * k) / (9 * d)) * (1 + 1e-15));
      expect(ratio).toBeGreaterThan(1 - (8 * k) / (9 * d) - 1e-15);
    }
  });

  it('expectation() of natural ∘ top-k (plain and rescaled) equals enumeration of all outcomes, within the contract', () => {
    fc.assert(
      fc.property(instance, fc.boolean(), ([k, xs], rescale) => {
        const d = xs.length;
        const x = Float64Array.from(xs);
        fc.pre(sumSq(x) > 0);
        const c = compose(natural(d), topK(d, k), { rescale });
        const y = topK(d, k).compress(x, key(0));
        const s = rescale ? 8 / 9 : 1;
        const exact = enumerateNatural(y, x, s);
        const e = c.expectation?.(x);
        expect(Math.abs((e?.errorSq ?? NaN) - exact)).toBeLessThanOrEqual(1e-12 * 2 * sumSq(x));
        for (let j = 0; j < d; j++)
          expect(Math.abs((e?.mean[j] ?? NaN) - s * y[j])).toBeLessThanOrEqual(1e-15 * Math.abs(y[j]));
        if (c.contract.kind === 'contractive')
          expect(exact).toBeLessThanOrEqual((1 - c.contract.alpha) * sumSq(x) * (1 + 1e-12));
      }),
    );
  });

  it('feeds the inner and outer compressors independent keys from split(key)', () => {
    const x = Float64Array.of(1.3, -2.7, 0.1, 5.5, 3.3);
    const [kInner, kOuter] = split(key(7));
    const expected = natural(5).compress(randK(5, 2).compress(x, kInner), kOuter);
    expect(compose(natural(5), randK(5, 2)).compress(x, key(7))).toEqual(expected);
    expect(compose(natural(5), randK(5, 2)).expectation?.(x)).toBeUndefined();
  });

  it('composes unbiased stages with ω = ω_T + ω_Q + ω_Tω_Q', () => {
    const c = compose(natural(10), randK(10, 5, { scaled: true }));
    expect(c.contract).toEqual({ kind: 'unbiased', omega: 1 + 0.125 + 0.125 });
    expect(compose(natural(10), randK(10, 5, { scaled: true }), { rescale: true }).contract).toEqual({
      kind: 'contractive',
      alpha: 1 / 2.25,
    });
  });

  it('refuses compositions without a proven rule, naming them', () => {
    expect(() => compose(topK(8, 2), natural(8))).toThrow(/outer contractive/);
    expect(() => compose(qsgd(8, 1), topK(8, 2))).toThrow(/ω < 1/);
    expect(() => compose(natural(8), scaledSign(8))).toThrow(/no proven rule/);
    expect(() => compose(natural(8), hardThreshold(8, 1))).toThrow(/no proven rule/);
    expect(() => compose(natural(8), topK(9, 2))).toThrow(/dimensions differ/);
    expect(compose(qsgd(8, 1), topK(8, 2), { rescale: true }).contract.kind).toBe('contractive');
  });

  it('bills top-k indices plus natural compression’s 12 bits per kept value', () => {
    const c = compose(natural(100), topK(100, 5));
    const out = c.compress(
      Float64Array.from({ length: 100 }, (_, j) => j + 0.5),
      key(0),
    );
    expect(c.bits(out)).toEqual({ values: 5 * 12, indices: 5 * 7 });
    const r = compose(natural(100), topK(100, 5), { rescale: true });
    expect(
      r.bits(
        r.compress(
          Float64Array.from({ length: 100 }, (_, j) => j + 0.5),
          key(0),
        ),
      ),
    ).toEqual({ values: 60, indices: 35 });
  });
});

/**
 * Rule 3's wire format, the strict ω < 1 of rule 1, the propagation of "no exact moments" and the deterministic
 * flag.
 */
describe('compose: wire format, rule boundaries, missing moments and the deterministic flag', () => {
  it('rule 3 (unbiased ∘ unbiased) sends the outer message only: natural’s 12 bits per coordinate, no indices', () => {
    const c = compose(natural(8), randK(8, 2, { scaled: true }));
    const out = c.compress(Float64Array.of(1.5, -3, 0.25, 7, -0.1, 2, 9, -4), key(11));
    expect(c.bits(out)).toEqual({ values: 8 * 12, indices: 0 });
    expect(c.bits(out)).toEqual(natural(8).bits(out));
  });

  it('rule 1 refuses ω = 1 exactly: α = α_T(1 − ω) would be 0, no contraction (docs/theory.md §1.1 row 16)', () => {
    const outer = randK(2, 1, { scaled: true }); // ω = d/k − 1 = 1
    expect(outer.contract).toEqual({ kind: 'unbiased', omega: 1 });
    expect(() => compose(outer, topK(2, 1))).toThrow(/needs ω < 1/);
    expect(compose(outer, topK(2, 1), { rescale: true }).contract).toEqual({ kind: 'contractive', alpha: 0.25 });
  });

  it('expectation() is undefined, not a crash, when the outer stage has no exact moments at T(x)', () => {
    const x = Float64Array.of(3, -1, 0.5, 2);
    const { expectation: _none, ...bare } = natural(4);
    const withoutMoments: Compressor = bare;
    const declining: Compressor = { ...natural(4), expectation: () => undefined };
    expect(compose(withoutMoments, topK(4, 2)).expectation?.(x)).toBeUndefined();
    expect(compose(declining, topK(4, 2)).expectation?.(x)).toBeUndefined();
  });

  it('is deterministic exactly when both stages are: rand-k with k = d is, top-k is, natural is not', () => {
    const all = randK(4, 4, { scaled: true }); // keeps every coordinate, ω = 0
    expect(compose(all, topK(4, 2)).deterministic).toBe(true);
    expect(compose(natural(4), topK(4, 2)).deterministic).toBe(false);
    expect(compose(all, randK(4, 2)).deterministic).toBe(false);
  });
});
