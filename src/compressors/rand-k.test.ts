import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fraction, type Fraction } from 'mathjs';
import { key } from '../rng/key.ts';
import { compose } from './compose.ts';
import { natural } from './natural.ts';
import { randK } from './rand-k.ts';

/** All k-subsets of {0, …, d−1}. */
function subsets(d: number, k: number): number[][] {
  if (k === 0) return [[]];
  if (d < k) return [];
  return [...subsets(d - 1, k), ...subsets(d - 1, k - 1).map((s) => [...s, d - 1])];
}

/** Exact E C(x) and E‖C(x) − x‖² over all C(d, k) equally likely subsets, for integer x. */
function enumerate(
  d: number,
  k: number,
  scaled: boolean,
  x: readonly number[],
): { mean: Fraction[]; errorSq: Fraction } {
  const all = subsets(d, k);
  const factor = scaled ? fraction(d, k) : fraction(1);
  const mean = x.map(() => fraction(0));
  let errorSq = fraction(0);
  for (const s of all) {
    const kept = new Set(s);
    for (let j = 0; j < d; j++) {
      const out = kept.has(j) ? factor.mul(x[j]) : fraction(0);
      mean[j] = mean[j].add(out);
      const e = out.sub(x[j]);
      errorSq = errorSq.add(e.mul(e));
    }
  }
  return { mean: mean.map((m) => m.div(all.length)), errorSq: errorSq.div(all.length) };
}

const smallInstance = fc
  .integer({ min: 1, max: 10 })
  .chain((d) =>
    fc.tuple(
      fc.constant(d),
      fc.integer({ min: 1, max: d }),
      fc.array(fc.integer({ min: -20, max: 20 }), { minLength: d, maxLength: d }),
    ),
  );

describe('rand-k by enumerating all C(d, k) subsets (docs/theory.md §9.1 items 2–3)', () => {
  it('scaled: the exact mean is x and the exact variance is (d/k − 1)‖x‖², matching expectation()', () => {
    fc.assert(
      fc.property(smallInstance, ([d, k, x]) => {
        const { mean, errorSq } = enumerate(d, k, true, x);
        const normSq = x.reduce((s, t) => s + t * t, 0);
        for (let j = 0; j < d; j++) expect(mean[j].equals(fraction(x[j]))).toBe(true);
        expect(errorSq.equals(fraction(d, k).sub(1).mul(normSq))).toBe(true);
        const c = randK(d, k, { scaled: true });
        expect(c.contract).toEqual({ kind: 'unbiased', omega: d / k - 1 });
        const e = c.expectation?.(Float64Array.from(x));
        expect(Array.from(e?.mean ?? [])).toEqual(x);
        expect(Math.abs((e?.errorSq ?? NaN) - errorSq.valueOf())).toBeLessThanOrEqual(
          1e-13 * (d / k) * normSq + 1e-300,
        );
      }),
      { numRuns: 40 },
    );
  });

  it('unscaled: the exact mean is (k/d)x and the exact error is (1 − k/d)‖x‖², matching expectation()', () => {
    fc.assert(
      fc.property(smallInstance, ([d, k, x]) => {
        const { mean, errorSq } = enumerate(d, k, false, x);
        const normSq = x.reduce((s, t) => s + t * t, 0);
        for (let j = 0; j < d; j++) expect(mean[j].equals(fraction(k, d).mul(x[j]))).toBe(true);
        expect(errorSq.equals(fraction(1).sub(fraction(k, d)).mul(normSq))).toBe(true);
        const c = randK(d, k);
        expect(c.contract).toEqual({ kind: 'contractive', alpha: k / d });
        const e = c.expectation?.(Float64Array.from(x));
        for (let j = 0; j < d; j++)
          expect(Math.abs((e?.mean[j] ?? NaN) - mean[j].valueOf())).toBeLessThanOrEqual(1e-15 * Math.abs(x[j]));
        expect(Math.abs((e?.errorSq ?? NaN) - errorSq.valueOf())).toBeLessThanOrEqual(1e-13 * normSq + 1e-300);
      }),
      { numRuns: 40 },
    );
  });

  it('every output keeps exactly k coordinates (scaled by d/k) and every subset occurs: the sampler has full support', () => {
    const d = 5;
    const k = 2;
    const x = Float64Array.of(1, 2, 3, 4, 5);
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const out = randK(d, k, { scaled: true }).compress(x, key(i));
      const kept = Array.from(out.keys()).filter((j) => out[j] !== 0);
      expect(kept.length).toBe(k);
      for (const j of kept) expect(out[j]).toBe(2.5 * x[j]);
      seen.add(kept.join(','));
    }
    // 10 subsets, 400 draws: P(some subset unseen) ≤ 10·0.9^400 ≈ 5e-18.
    expect(seen.size).toBe(10);
  });

  it('names its parameters, ships k value/index pairs and rejects bad k and wrong lengths', () => {
    expect(randK(10, 2, { scaled: true }).name).toBe('rand-k(k=2,d=10,scaled)');
    expect(randK(10, 2).name).toBe('rand-k(k=2,d=10)');
    expect(randK(10, 2).bits(new Float64Array(10))).toEqual({ values: 128, indices: 8 });
    expect(() => randK(10, 11)).toThrow(RangeError);
    expect(() => randK(10, 1.5)).toThrow(RangeError);
    expect(() => randK(10, 2).compress(new Float64Array(9), key(0))).toThrow(RangeError);
  });
});

describe('rand-k: the lower end of k and the deterministic flag', () => {
  it('refuses k = 0: the scaled form would multiply by d/0', () => {
    expect(() => randK(10, 0)).toThrow(RangeError);
    expect(() => randK(10, 0, { scaled: true })).toThrow(/1 ≤ k ≤ d/);
  });

  it('is deterministic exactly when k = d (every subset is the whole set), and its output then ignores the key', () => {
    expect(randK(5, 5).deterministic).toBe(true);
    expect(randK(5, 5, { scaled: true }).deterministic).toBe(true);
    expect(randK(5, 4).deterministic).toBe(false);
    const x = Float64Array.of(1, -2, 3, -4, 5);
    expect(randK(5, 5, { scaled: true }).compress(x, key(1))).toEqual(
      randK(5, 5, { scaled: true }).compress(x, key(2)),
    );
    // compose() relies on the flag for exact moments: with a deterministic inner stage they exist.
    expect(compose(natural(5), randK(5, 5)).expectation?.(x)).toBeDefined();
  });
});
