import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fraction, type Fraction } from 'mathjs';
import { key } from '../rng/key.ts';
import { uniform } from '../rng/sample.ts';
import { natural, naturalValueBits } from './natural.ts';
import { floorLog2, powerOfTwo } from './power-of-two.ts';

/** A double as an exact fraction (every double is a dyadic rational: mantissa · 2^exponent). */
function exact(t: number): Fraction {
  if (t === 0) return fraction(0);
  const a = floorLog2(t);
  const m = BigInt(Math.abs(t) / powerOfTwo(Math.max(a - 52, -1074)));
  const e = Math.max(a - 52, -1074);
  const f = e >= 0 ? fraction(m * 2n ** BigInt(e)) : fraction(m, 2n ** BigInt(-e));
  return t < 0 ? f.neg() : f;
}

/** The two-point law of one coordinate, from the definition (docs/theory.md §1.1 row 6), exactly. */
function law(t: number): { values: Fraction[]; probs: Fraction[] } {
  if (t === 0) return { values: [fraction(0)], probs: [fraction(1)] };
  const a = floorLog2(t);
  const lo = exact(Math.sign(t) * powerOfTwo(a));
  const abs = exact(Math.abs(t));
  const pLow = exact(powerOfTwo(a + 1))
    .sub(abs)
    .div(exact(powerOfTwo(a)));
  return { values: [lo, lo.mul(2)], probs: [pLow, fraction(1).sub(pLow)] };
}

const finiteDouble = fc.double({ noNaN: true, noDefaultInfinity: true, min: -(2 ** 1022), max: 2 ** 1022 });

describe('natural compression (docs/theory.md §9.1 item 4)', () => {
  it('is exactly unbiased with per-coordinate variance (2^{a+1} − |t|)(|t| − 2^a) ≤ t²/8, as expectation() says', () => {
    fc.assert(
      fc.property(finiteDouble, (t) => {
        const { values, probs } = law(t);
        const mean = values.reduce((s, v, i) => s.add(v.mul(probs[i])), fraction(0));
        expect(mean.equals(exact(t))).toBe(true);
        const variance = values.reduce((s, v, i) => s.add(v.sub(exact(t)).pow(2).mul(probs[i])), fraction(0));
        expect(variance.compare(exact(t).pow(2).div(8))).toBeLessThanOrEqual(0);
        if (t !== 0) {
          const a = floorLog2(t);
          const closed = exact(powerOfTwo(a + 1))
            .sub(exact(Math.abs(t)))
            .mul(exact(Math.abs(t)).sub(exact(powerOfTwo(a))));
          expect(variance.equals(closed)).toBe(true);
        }
        // expectation() works at the scale of t; compare at unit scale (a power-of-two rescaling is exact).
        const scale = t === 0 ? 1 : powerOfTwo(floorLog2(t));
        const e = natural(1).expectation?.(Float64Array.of(t / scale));
        expect(e?.mean[0]).toBe(t / scale);
        const unitVariance = variance.div(exact(scale).pow(2)).valueOf();
        expect(Math.abs((e?.errorSq ?? NaN) - unitVariance)).toBeLessThanOrEqual(1e-15 * (t / scale) ** 2);
      }),
    );
  });

  it('attains t²/8 at |t| = (4/3)·2^a up to the rounding of 4/3 (normal range; subnormals hold fewer bits)', () => {
    for (const a of [-500, -30, 0, 7, 500]) {
      const t = -(4 / 3) * powerOfTwo(a);
      const e = natural(3).expectation?.(Float64Array.of(t, 0, t));
      const ratio = (e?.errorSq ?? NaN) / (2 * t * t);
      expect(ratio).toBeLessThanOrEqual(1 / 8);
      expect(ratio).toBeGreaterThan(1 / 8 - 1e-15);
    }
  });

  it('maps powers of two, ±0 and the extreme doubles to themselves', () => {
    const xs = [0, -0, 1, -0.5, 2 ** 1023, -(2 ** -1074), 2 ** -1022, Number.MAX_VALUE];
    for (let i = 0; i < 10; i++) {
      const out = natural(xs.length).compress(Float64Array.from(xs), key(i));
      for (let j = 0; j < xs.length; j++) expect(Object.is(out[j], xs[j])).toBe(true);
    }
  });

  it('rounds each coordinate to its two neighbours exactly as the uniforms say (subnormals included)', () => {
    fc.assert(
      fc.property(fc.array(finiteDouble, { minLength: 1, maxLength: 12 }), fc.noShrink(fc.nat()), (xs, seed) => {
        const x = Float64Array.from(xs);
        const out = natural(x.length).compress(x, key(seed));
        const u = uniform(key(seed), x.length);
        for (let j = 0; j < x.length; j++) {
          const { values, probs } = law(x[j]);
          // The sampler's convention: the upper level iff u < P(upper).
          const pickUpper = values.length === 2 && exact(u[j]).compare(probs[1]) < 0;
          expect(exact(out[j]).equals(pickUpper ? values[1] : values[0])).toBe(true);
        }
      }),
    );
    // Subnormal: 3·2^−1074 lies between 2^−1073 and 2^−1072.
    const out = natural(1).compress(Float64Array.of(3 * 2 ** -1074), key(3));
    expect([2 ** -1073, 2 ** -1072]).toContain(out[0]);
  });

  it('sends a value above 2^1023 that is not a power of two unchanged, and bills it as an escape', () => {
    const big = Number.MAX_VALUE;
    const c = natural(2);
    const out = c.compress(Float64Array.of(big, 3), key(0));
    expect(out[0]).toBe(big);
    expect(c.expectation?.(Float64Array.of(big, 0))?.errorSq).toBe(0);
    expect(c.bits(Float64Array.of(big, 2))).toEqual({ values: 12 + 76, indices: 0 });
    expect(c.bits(Float64Array.of(0, -4))).toEqual({ values: 24, indices: 0 });
    expect(c.bits(Float64Array.of(2 ** -1074, 1))).toEqual({ values: 76 + 12, indices: 0 });
  });

  it('declares ω = 1/8 and rejects wrong input lengths', () => {
    expect(natural(5).contract).toEqual({ kind: 'unbiased', omega: 0.125 });
    expect(() => natural(5).compress(new Float64Array(6), key(0))).toThrow(RangeError);
  });
});

/** The exact rounding boundary of the sampler and the 12-bit code of the smallest normal power of two. */
describe('natural compression: the sampler’s rounding boundary and the code of 2^−1022', () => {
  it('rounds up iff U < u, so P(round up) = u exactly: at t = 1 + U the coordinate rounds down, one ulp above it rounds up', () => {
    // u = |t|/2^a − 1 is a multiple of 2^−52 and U a multiple of 2^−53 (natural.ts header); take a key whose U is
    // a multiple of 2^−52, so that t = 1 + U is exact and u = U.
    let seed = 0;
    while (!Number.isInteger(uniform(key(seed), 1)[0] * 2 ** 52)) seed++;
    const U = uniform(key(seed), 1)[0];
    expect(natural(1).compress(Float64Array.of(1 + U), key(seed))[0]).toBe(1);
    expect(natural(1).compress(Float64Array.of(-(1 + U)), key(seed))[0]).toBe(-1);
    expect(natural(1).compress(Float64Array.of(1 + U + 2 ** -52), key(seed))[0]).toBe(2);
  });

  it('codes the smallest normal power of two 2^−1022 in 12 bits and the largest subnormal one as an escape', () => {
    expect(naturalValueBits(2 ** -1022)).toBe(12);
    expect(naturalValueBits(-(2 ** -1022))).toBe(12);
    expect(naturalValueBits(2 ** -1023)).toBe(12 + 64);
  });
});
