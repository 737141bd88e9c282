import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { studentCritical } from '../../src/stats/student-critical.ts';
import { argminFinite, meanCurve, pairedComparison, pairedDifference, tailRounds, tailScore, wins, type Run } from './tuned-runs.ts';

const ctx = { id: 'x', seed: 1, budget: 'quick' as const, provenance: 'R' as const };

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
      fc.property(fc.array(fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constant(Infinity)), { minLength: 1, maxLength: 8 }), (xs) => {
        const j = argminFinite(xs);
        for (const x of xs) if (Number.isFinite(x)) expect(xs[j]).toBeLessThanOrEqual(x);
      }),
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

  it('pairs differences stream by stream and counts wins', () => {
    // Differences 2, 3, 4: mean 3, sample sd 1, se = 1/√3.
    const d = pairedDifference([3, 5, 7], [1, 2, 3]);
    expect(d.mean).toBe(3);
    expect(d.n).toBe(3);
    expect(Math.abs(d.se - 1 / Math.sqrt(3))).toBeLessThanOrEqual(4 * Number.EPSILON);
    expect(wins([1, 5, 2], [2, 4, 3])).toBe(2);
    expect(() => pairedDifference([1, 2], [1])).toThrow(RangeError);
  });

  it('a paired comparison passes when a is clearly smaller and fails when a is clearly larger (it can fail)', () => {
    // 16 streams: the critical value is t₁₅ ≈ 12.7 (the z = 6 tail), and these differences sit ~28 se from 0.
    const small = Array.from({ length: 16 }, (_, s) => 1 + 0.1 * Math.sin(s));
    const large = small.map((v, s) => v + 1 + 0.1 * Math.cos(3 * s));
    const good = pairedComparison(ctx, 'a < b', 'E[a − b] ≤ 0', small, large);
    expect(good.verdict.status).toBe('pass');
    expect(good.verdict.samples).toBe(16);
    expect(good.row[4]).toBe('16/16');
    const bad = pairedComparison(ctx, 'a > b', 'E[a − b] ≤ 0', large, small);
    expect(bad.verdict.status).toBe('fail');
    expect(bad.verdict.violated).toBe(true);
    expect([bad.verdict.z, bad.verdict.details['tCritical'], bad.verdict.details['dof']]).toEqual([6, studentCritical(15), 15]);
  });

  it('with 4 streams the critical value is t₃ ≈ 1038, not 6: a difference 15 se above zero does not refute', () => {
    const small = [1, 1.1, 0.9, 1.05];
    const large = [2, 2.2, 2.1, 1.9];
    const bad = pairedComparison(ctx, 'a > b', 'E[a − b] ≤ 0', large, small);
    expect(Number(bad.verdict.details['meanOverSe'])).toBeGreaterThan(6);
    expect(bad.verdict.details['tCritical']).toBeGreaterThan(1000);
    expect(bad.verdict.status).toBe('pass');
    // A diverged run makes the comparison inconclusive rather than silently passing.
    expect(pairedComparison(ctx, 'diverged', 'E[a − b] ≤ 0', [1, Infinity], [1, 1]).verdict.status).toBe('inconclusive');
  });
});
