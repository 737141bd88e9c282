import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { powerOfTwoScale } from '../linalg/norms.ts';
import { key } from '../rng/key.ts';
import { normal } from '../rng/sample.ts';
import { naturalDithering, naturalDitheringOmega } from './natural-dithering.ts';
import { qsgd } from './qsgd.ts';

/** Inputs at unit scale (division by a power of two is exact), so no square under- or overflows (docs/design.md §3). */
const unit = (xs: number[]): number[] => {
  const p = powerOfTwoScale(xs);
  return xs.map((t) => t / p);
};

const sumSq = (v: ArrayLike<number>): number => Array.from(v).reduce((s, t) => s + t * t, 0);
const ratio = (d: number, s: number, x: Float64Array): number =>
  (naturalDithering(d, s).expectation?.(x)?.errorSq ?? NaN) / sumSq(x);

/** The grid {0} ∪ {2^−j : j < s}, ascending, and the exact two-point law of r on it. */
function law(r: number, s: number): { lo: number; hi: number; pHi: number } {
  const grid = [0, ...Array.from({ length: s }, (_, j) => 2 ** -(s - 1 - j))];
  for (let i = 0; i + 1 < grid.length; i++) {
    if (r >= grid[i] && r < grid[i + 1])
      return { lo: grid[i], hi: grid[i + 1], pHi: (r - grid[i]) / (grid[i + 1] - grid[i]) };
  }
  return { lo: 1, hi: 1, pHi: 0 };
}

/** Inputs built to be bad: m equal small coordinates holding mass S, the rest equal (docs/theory.md §1.1 row 8's worst case). */
const adversarial = fc
  .tuple(fc.integer({ min: 2, max: 64 }), fc.integer({ min: 1, max: 6 }), fc.double({ min: 0.01, max: 1, noNaN: true }))
  .chain(([d, s, S]) => fc.tuple(fc.constant(d), fc.constant(s), fc.constant(S), fc.integer({ min: 1, max: d })));

describe('natural dithering: the derived ω (natural-dithering.ts header, [D])', () => {
  it('expectation() equals the two-point law on the grid {0, 2^−(s−1), …, 1}', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 20 }).map(unit),
        (s, xs) => {
          const x = Float64Array.from(xs);
          const norm = Math.sqrt(sumSq(x));
          fc.pre(norm > 0);
          let errorSq = 0;
          let scale = 0;
          for (const t of xs) {
            const { lo, hi, pHi } = law(Math.abs(t) / norm, s);
            errorSq += (1 - pHi) * (norm * lo - Math.abs(t)) ** 2 + pHi * (norm * hi - Math.abs(t)) ** 2;
            scale += (1 - pHi) * (norm * lo) ** 2 + pHi * (norm * hi) ** 2 + t * t;
          }
          const e = naturalDithering(x.length, s).expectation?.(x);
          expect(Array.from(e?.mean ?? [])).toEqual(xs);
          expect(Math.abs((e?.errorSq ?? NaN) - errorSq)).toBeLessThanOrEqual(1e-12 * scale);
        },
      ),
    );
  });

  it('is never exceeded on adversarial inputs (small coordinates of equal size plus a bulk), nor by a hill-climb', () => {
    fc.assert(
      fc.property(adversarial, fc.noShrink(fc.nat()), ([d, s, S, m], seed) => {
        const x = new Float64Array(d);
        for (let j = 0; j < d; j++) x[j] = j < m ? Math.sqrt(S / m) : Math.sqrt((1 - S) / Math.max(1, d - m));
        const omega = naturalDitheringOmega(d, s);
        let best = ratio(d, s, x);
        let y = x;
        for (let step = 0; step < 60; step++) {
          const noise = normal(key(seed + step), d);
          const z = y.map((v, j) => v * (1 + 0.05 * noise[j]));
          const r = ratio(d, s, z);
          if (r > best) [y, best] = [z, r];
        }
        expect(best).toBeLessThanOrEqual(omega * (1 + 1e-12));
      }),
      { numRuns: 60 },
    );
  });

  it('is attained at all-equal x when 2^{1−s}√d ≥ 9/4, and equals b√d − 1 there', () => {
    for (const [d, s, omega] of [
      [16, 1, 3],
      [64, 1, 7],
      [64, 2, 3],
      [256, 3, 3],
      [1024, 3, 7],
    ] as const) {
      expect(naturalDitheringOmega(d, s)).toBe(omega);
      expect(ratio(d, s, new Float64Array(d).fill(-2))).toBe(omega);
    }
  });

  it('never exceeds docs/theory.md §1.1 row 10 [M] 1/8 + min(b√d, d·b²), and the branches meet at b√d = 9/4', () => {
    for (let d = 1; d <= 4096; d *= 2) {
      for (let s = 1; s <= 14; s++) {
        const b = 2 ** (1 - s);
        expect(naturalDitheringOmega(d, s)).toBeLessThanOrEqual(1 / 8 + Math.min(b * Math.sqrt(d), d * b * b));
      }
    }
    // b√d = 9/4 at s = 1, d = 81/16: both branches give 5/4.
    expect(naturalDitheringOmega(81 / 16, 1)).toBeCloseTo(1.25, 14);
  });

  it('with s = 1 the grid is {0, 1} and the output is bitwise that of qsgd with s = 1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 20 }),
        fc.noShrink(fc.nat()),
        (xs, seed) => {
          const x = Float64Array.from(xs);
          expect(naturalDithering(x.length, 1).compress(x, key(seed))).toEqual(
            qsgd(x.length, 1).compress(x, key(seed)),
          );
        },
      ),
    );
  });

  it('outputs ±‖x‖ times a grid level, bills 64 + d(1 + ⌈log₂(s+1)⌉) bits and rejects bad s and lengths', () => {
    const x = Float64Array.of(3, -4, 12, 0); // ‖x‖ = 13
    const levels = [0, 0.125, 0.25, 0.5, 1].map((l) => 13 * l);
    for (let i = 0; i < 20; i++) {
      const out = naturalDithering(4, 4).compress(x, key(i));
      for (let j = 0; j < 4; j++) expect(levels).toContain(Math.abs(out[j]));
      expect(out[3]).toBe(0);
    }
    expect(naturalDithering(4, 4).bits(x)).toEqual({ values: 64 + 4 * 4, indices: 0 });
    expect(() => naturalDithering(4, 0)).toThrow(RangeError);
    expect(() => naturalDithering(4, 2).compress(new Float64Array(3), key(0))).toThrow(RangeError);
  });
});

/** The range 1 ≤ s ≤ 1022 of the level count: both ends are accepted, one past either end is refused. */
describe('natural dithering: the range 1 ≤ s ≤ 1022 of the level count', () => {
  it('accepts s = 1022, the top of its range, and compresses as any s ≥ 3 does above r = 1/4', () => {
    const c = naturalDithering(2, 1022);
    expect(c.name).toBe('natural-dithering(s=1022,d=2)');
    // The @example's draw: r = (0.6, 0.8) rounds to the levels 1/2 and 1 whatever the smallest level b is.
    expect(c.compress(Float64Array.of(3, 4), key(0))).toEqual(
      naturalDithering(2, 3).compress(Float64Array.of(3, 4), key(0)),
    );
    expect(naturalDithering(2, 1).name).toBe('natural-dithering(s=1,d=2)');
  });

  it('refuses s = 1023 and s = 0, one past either end of the range, and a fractional s', () => {
    expect(() => naturalDithering(2, 1023)).toThrow(/need an integer 1 ≤ s ≤ 1022, got s=1023/);
    expect(() => naturalDithering(2, 0)).toThrow(/need an integer 1 ≤ s ≤ 1022, got s=0/);
    expect(() => naturalDithering(2, 2.5)).toThrow(RangeError);
  });
});
