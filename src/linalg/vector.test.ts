import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { add, axpy, dot, lincomb, mean, norm2sq, sub, weightedSum } from './vector.ts';
import { norm2, powerOfTwoScale, ratioSq } from './norms.ts';

const vec = (d: number) =>
  fc.float64Array({ minLength: d, maxLength: d, noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });

describe('vector kernels', () => {
  it('worked examples', () => {
    expect(axpy(2, Float64Array.of(1, 2), Float64Array.of(1, 1))).toEqual(Float64Array.of(3, 5));
    expect(sub(Float64Array.of(3, 1), Float64Array.of(1, 1))).toEqual(Float64Array.of(2, 0));
    expect(dot(Float64Array.of(1, 2), Float64Array.of(3, 4))).toBe(11);
    expect(mean([Float64Array.of(1, 2), Float64Array.of(3, 4)])).toEqual(Float64Array.of(2, 3));
    expect(weightedSum([0.25, 0.75], [Float64Array.of(4, 0), Float64Array.of(0, 4)])).toEqual(Float64Array.of(1, 3));
    expect(lincomb(0.5, Float64Array.of(2), 2, Float64Array.of(1))).toEqual(Float64Array.of(3));
  });

  it('kernels never write to their inputs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }).chain((d) => fc.tuple(vec(d), vec(d))),
        ([x, y]) => {
          const x0 = x.slice();
          const y0 = y.slice();
          add(x, y);
          sub(x, y);
          axpy(3, x, y);
          mean([x, y]);
          expect(x).toEqual(x0);
          expect(y).toEqual(y0);
        },
      ),
    );
  });

  it('norm2 neither overflows nor underflows, and agrees with the plain sum in the safe range', () => {
    expect(norm2(Float64Array.of(3e200, 4e200))).toBeCloseTo(5e200, -190);
    expect(norm2(Float64Array.of(3e-200, 4e-200)) / 5e-200).toBeCloseTo(1, 12);
    expect(ratioSq(Float64Array.of(1e-200, 0), Float64Array.of(0, 2e-200))).toBeCloseTo(0.25, 14);
    fc.assert(
      fc.property(vec(8), (x) => {
        const plain = Math.sqrt(norm2sq(x));
        // Below ~1e-154 the plain sum of squares itself underflows (fast-check found x = [0,…,−5e-324]).
        fc.pre(plain === 0 ? x.every((v) => v === 0) : plain > 1e-150);
        expect(Math.abs(norm2(x) - plain)).toBeLessThanOrEqual(1e-12 * plain);
      }),
    );
  });

  it('powerOfTwoScale is a power of two ≥ max|x_j| and finite at the top of the range', () => {
    expect(powerOfTwoScale(Float64Array.of(3, -5))).toBe(8);
    expect(powerOfTwoScale(Float64Array.of(0))).toBe(1);
    expect(Number.isFinite(powerOfTwoScale(Float64Array.of(1.7e308)))).toBe(true);
  });
});
