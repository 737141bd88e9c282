import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { norm2, powerOfTwoScale } from '../linalg/norms.ts';
import { key } from '../rng/key.ts';
import { qsgd } from './qsgd.ts';

/** Inputs at unit scale (division by a power of two is exact), so no square under- or overflows (docs/design.md §3). */
const unit = (xs: number[]): number[] => {
  const p = powerOfTwoScale(xs);
  return xs.map((t) => t / p);
};

const sumSq = (v: ArrayLike<number>): number => Array.from(v).reduce((s, t) => s + t * t, 0);

/** Exact moments from the two-point law of each coordinate, written from the definition (docs/theory.md §1.1 row 9). */
function fromLaw(x: Float64Array, s: number): { mean: number[]; errorSq: number; scale: number } {
  const norm = Math.sqrt(sumSq(x));
  const mean: number[] = [];
  let errorSq = 0;
  let scale = 0;
  for (const t of x) {
    const r = Math.abs(t) / norm;
    const l = Math.min(s, Math.floor(s * r));
    const pUp = l === s ? 0 : s * r - l;
    const lo = Math.sign(t) * norm * (l / s);
    const hi = Math.sign(t) * norm * ((l + 1) / s);
    mean.push((1 - pUp) * lo + pUp * hi);
    errorSq += (1 - pUp) * (lo - t) ** 2 + pUp * (hi - t) ** 2;
    scale += (1 - pUp) * (lo * lo + t * t) + pUp * (hi * hi + t * t);
  }
  return { mean, errorSq, scale };
}

const instance = fc.tuple(
  fc.integer({ min: 1, max: 10 }),
  fc
    .array(fc.oneof(fc.integer({ min: -4, max: 4 }), fc.double({ min: -10, max: 10, noNaN: true })), {
      minLength: 1,
      maxLength: 30,
    })
    .map(unit),
);

describe('QSGD / standard dithering (docs/theory.md §9.1 item 5)', () => {
  it('expectation() is the exact law: mean x, variance (‖x‖²/s²)Σ(l+1−sr)(sr−l) ≤ min(d/s², √d/s)‖x‖²', () => {
    fc.assert(
      fc.property(instance, ([s, xs]) => {
        const x = Float64Array.from(xs);
        fc.pre(sumSq(x) > 0);
        const c = qsgd(x.length, s);
        const e = c.expectation?.(x);
        const law = fromLaw(x, s);
        for (let j = 0; j < x.length; j++) {
          expect(e?.mean[j]).toBe(x[j]);
          expect(Math.abs(law.mean[j] - x[j])).toBeLessThanOrEqual(1e-14 * Math.sqrt(sumSq(x)));
        }
        expect(Math.abs((e?.errorSq ?? NaN) - law.errorSq)).toBeLessThanOrEqual(1e-12 * law.scale);
        expect(c.contract.kind === 'unbiased' && c.contract.omega).toBe(
          Math.min(x.length / (s * s), Math.sqrt(x.length) / s),
        );
        if (c.contract.kind === 'unbiased')
          expect(e?.errorSq ?? NaN).toBeLessThanOrEqual(c.contract.omega * sumSq(x) * (1 + 1e-12));
      }),
    );
  });

  it('s = 1 attains √d − 1 at all-equal x (the published bound says √d), and s = 2, d = 16 gives 1', () => {
    for (const d of [1, 4, 16, 64, 256, 1024]) {
      const x = new Float64Array(d).fill(-3);
      expect(qsgd(d, 1).expectation?.(x)?.errorSq).toBe((Math.sqrt(d) - 1) * 9 * d);
    }
    expect(qsgd(16, 2).expectation?.(new Float64Array(16).fill(1))?.errorSq).toBe(16);
  });

  it('outputs only the levels ±‖x‖·l/s, keeps zeros at zero and signs', () => {
    fc.assert(
      fc.property(instance, fc.noShrink(fc.nat()), ([s, xs], seed) => {
        const x = Float64Array.from(xs);
        const norm = norm2(x);
        fc.pre(norm > 0);
        const out = qsgd(x.length, s).compress(x, key(seed));
        for (let j = 0; j < x.length; j++) {
          if (x[j] === 0) expect(out[j]).toBe(0);
          const level = (Math.abs(out[j]) / norm) * s;
          expect(Math.abs(level - Math.round(level))).toBeLessThanOrEqual(1e-9 * s);
          expect(out[j] * x[j]).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('handles huge entries whose norm is a double, and refuses a norm beyond Number.MAX_VALUE', () => {
    const c = qsgd(2, 4);
    const out = c.compress(Float64Array.of(1e308, -1e307), key(0));
    expect(out.every((v) => Number.isFinite(v))).toBe(true);
    expect(() => c.compress(Float64Array.of(1.5e308, 1.5e308), key(0))).toThrow(/not a finite double/);
    expect(Array.from(c.compress(new Float64Array(2), key(0)))).toEqual([0, 0]);
  });

  it('bills the norm plus sign and level bits per coordinate, and rejects bad s and wrong lengths', () => {
    expect(qsgd(10, 4).bits(new Float64Array(10))).toEqual({ values: 64 + 10 * 4, indices: 0 });
    expect(() => qsgd(10, 0)).toThrow(RangeError);
    expect(() => qsgd(10, 2.5)).toThrow(RangeError);
    expect(() => qsgd(10, 2).compress(new Float64Array(3), key(0))).toThrow(RangeError);
  });
});

/** The top level l = s rounds up with probability 0 (not s·r − s), and the zero input has exact moments. */
describe('QSGD: exact moments at the top level and at x = 0', () => {
  it('sends a lone non-zero coordinate exactly (r = 1 is the top level): variance 0 even where s·r rounds above s', () => {
    // fl(3·t)/t = 3 + 2^−51 for this t, so s·r − l would be a spurious 4e-16 round-up probability.
    const t = 6.7406453450730215;
    expect((3 * t) / t).toBeGreaterThan(3);
    for (const x of [Float64Array.of(t), Float64Array.of(0, -t, 0)]) {
      const c = qsgd(x.length, 3);
      expect(c.expectation?.(x)).toEqual({ mean: x, errorSq: 0 });
    }
  });

  it('has exact moments (0, 0) at x = 0, not NaN', () => {
    expect(qsgd(3, 2).expectation?.(new Float64Array(3))).toEqual({ mean: new Float64Array(3), errorSq: 0 });
  });
});
