import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argminFinite, meanCurve, tailRounds, tailScore, type Run } from './tuned-runs.ts';

const run = (rounds: number[], gradNormSq: number[], bits: number[] = rounds.map((t) => 10 * t)): Run => ({
  rounds,
  gradNormSq,
  bitsPerNode: bits,
  initBitsPerNode: 0,
  divergedAt: null,
  score: 0,
});

describe('the shared machinery of the paper experiments', () => {
  it('scores a run by the mean of ‖∇f‖² at 6T/8, 7T/8 and T, and a diverged run by +∞', () => {
    expect(tailRounds(16)).toEqual([12, 14, 16]);
    expect(tailScore([0, 6, 7, 8], [9, 1, 2, 3], 8, null)).toBe(2);
    expect(tailScore([0, 6, 7, 8], [9, 1, 2, 3], 8, 5)).toBe(Infinity);
    expect(() => tailScore([0, 8], [1, 1], 8, null)).toThrow(RangeError);
    expect(() => tailRounds(12)).toThrow(/multiple of 8/);
  });

  it('picks the smallest finite score, the smaller step size on ties, and never a diverged one', () => {
    expect(argminFinite([3, 1, 1, 2])).toBe(1);
    expect(argminFinite([Infinity, 5, NaN, 4])).toBe(3);
    expect(argminFinite([Infinity, Infinity])).toBe(0);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constant(Infinity)), {
          minLength: 1,
          maxLength: 8,
        }),
        (xs) => {
          const j = argminFinite(xs);
          for (const x of xs) if (Number.isFinite(x)) expect(xs[j]).toBeLessThanOrEqual(x);
        },
      ),
    );
  });

  it('averages repeated runs pointwise, against rounds or against bits', () => {
    const a = run([0, 4, 8], [4, 2, 1]);
    const b = run([0, 4, 8], [2, 2, 3]);
    expect(meanCurve([a, b], 'rounds')).toEqual([
      [0, 3],
      [4, 2],
      [8, 2],
    ]);
    expect(meanCurve([a, b], 'bits').map((p) => p[0])).toEqual([0, 40, 80]);
    // A repeat that stopped early (diverged) ends the mean curve where the runs stop being comparable.
    expect(meanCurve([a, run([0, 4], [1, 1])], 'rounds')).toHaveLength(2);
  });
});
