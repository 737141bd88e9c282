import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { powerOfTwoScale } from '../linalg/norms.ts';
import { key } from '../rng/key.ts';
import { scaledSign } from './scaled-sign.ts';

const k0 = key(0);
const vector = fc.array(
  fc.oneof(fc.constant(0), fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e3, max: 1e3, noNaN: true })),
  {
    minLength: 1,
    maxLength: 40,
  },
);

describe('scaled sign (docs/theory.md §9.1 item 7)', () => {
  it('‖C(x) − x‖² = ‖x‖² − ‖x‖₁²(2d − nnz)/d² ≤ (1 − 1/d)‖x‖²', () => {
    fc.assert(
      fc.property(vector, (raw) => {
        // Compare at unit scale (dividing by a power of two is exact); extremes are tested separately below.
        const p = powerOfTwoScale(raw);
        const xs = raw.map((t) => t / p);
        const x = Float64Array.from(xs);
        const d = x.length;
        const out = scaledSign(d).compress(x, k0);
        const l1 = xs.reduce((s, t) => s + Math.abs(t), 0);
        const l2 = xs.reduce((s, t) => s + t * t, 0);
        const nnz = xs.filter((t) => t !== 0).length;
        const err = xs.reduce((s, t, j) => s + (out[j] - t) ** 2, 0);
        const formula = l2 - (l1 * l1 * (2 * d - nnz)) / (d * d);
        expect(Math.abs(err - formula)).toBeLessThanOrEqual(1e-12 * (l2 + (l1 * l1 * 2) / d) + 1e-300);
        expect(err).toBeLessThanOrEqual((1 - 1 / d) * l2 + 1e-12 * l2);
        if (nnz === d && l2 > 0) {
          // α(x) = ‖x‖₁²/(d‖x‖²): the error is exactly (1 − α(x))‖x‖².
          expect(Math.abs(err - (1 - (l1 * l1) / (d * l2)) * l2)).toBeLessThanOrEqual(1e-12 * (l2 + (l1 * l1) / d));
        }
      }),
    );
  });

  it('approaches 1 − 1/d (never reaching it) at x = (1, ε, …, ε) as ε → 0', () => {
    const d = 16;
    let previous = 0;
    for (const eps of [1e-1, 1e-2, 1e-4, 1e-8]) {
      const x = Float64Array.from({ length: d }, (_, j) => (j === 0 ? 1 : eps));
      const r = (scaledSign(d).expectation?.(x)?.errorSq ?? NaN) / (1 + (d - 1) * eps * eps);
      expect(r).toBeLessThan(1 - 1 / d);
      expect(r).toBeGreaterThan(previous);
      previous = r;
    }
    expect(previous).toBeGreaterThan(1 - 1 / d - 1e-6);
  });

  it('matches the closed form on a worked example, handles huge and subnormal entries, and maps 0 to 0', () => {
    expect(Array.from(scaledSign(4).compress(Float64Array.of(3, -1, 0, 4), k0))).toEqual([2, -2, 0, 2]);
    expect(Array.from(scaledSign(2).compress(Float64Array.of(Number.MAX_VALUE, Number.MAX_VALUE), k0))).toEqual([
      Number.MAX_VALUE,
      Number.MAX_VALUE,
    ]);
    expect(Array.from(scaledSign(2).compress(Float64Array.of(2 ** -1074, -(2 ** -1074)), k0))).toEqual([
      2 ** -1074,
      -(2 ** -1074),
    ]);
    expect(Array.from(scaledSign(3).compress(new Float64Array(3), k0))).toEqual([0, 0, 0]);
  });

  it('is deterministic with α = 1/d, bills 64 bits plus 1 (or 2 with zeros) per coordinate, rejects wrong lengths', () => {
    const c = scaledSign(8);
    expect(c.deterministic).toBe(true);
    expect(c.contract).toEqual({ kind: 'contractive', alpha: 1 / 8 });
    expect(c.bits(new Float64Array(8).fill(1))).toEqual({ values: 72, indices: 0 });
    expect(c.bits(new Float64Array(8))).toEqual({ values: 80, indices: 0 });
    expect(() => c.compress(new Float64Array(7), k0)).toThrow(RangeError);
  });
});
