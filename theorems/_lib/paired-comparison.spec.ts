import { describe, expect, it } from 'vitest';
import { studentCritical } from '../../src/stats/student-critical.ts';
import { judgedOrObserved, minStreamsForT, pairedComparison, pairedDifference, wins } from './paired-comparison.ts';

const ctx = { id: 'x', seed: 1, budget: 'quick' as const, provenance: 'R' as const };

describe('paired comparisons over evaluation streams', () => {
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
    expect([bad.verdict.z, bad.verdict.details.tCritical, bad.verdict.details.dof]).toEqual([
      6,
      studentCritical(15),
      15,
    ]);
  });

  it('with 4 streams the critical value is t₃ ≈ 1038, not 6: a difference 15 se above zero does not refute', () => {
    const small = [1, 1.1, 0.9, 1.05];
    const large = [2, 2.2, 2.1, 1.9];
    const bad = pairedComparison(ctx, 'a > b', 'E[a − b] ≤ 0', large, small);
    expect(Number(bad.verdict.details.meanOverSe)).toBeGreaterThan(6);
    expect(bad.verdict.details.tCritical).toBeGreaterThan(1000);
    expect(bad.verdict.status).toBe('pass');
    // A diverged run makes the comparison inconclusive rather than silently passing.
    expect(pairedComparison(ctx, 'diverged', 'E[a − b] ≤ 0', [1, Infinity], [1, 1]).verdict.status).toBe(
      'inconclusive',
    );
  });

  it('is judged only from the stream count whose t is ≤ 10, and otherwise observed with the power it lacks', () => {
    expect(minStreamsForT(10)).toBe(22);
    const four = pairedComparison(ctx, 'a vs b', 'E[a − b] ≤ 0', [1, 2, 3, 4], [2, 2, 2, 2]).verdict;
    const o = judgedOrObserved(four);
    expect(o.status).toBe('observed');
    expect(o.observedBecause).toContain('t_3 = ');
    const enough = Array.from({ length: 22 }, (_, s) => 1 + 0.1 * Math.sin(s));
    expect(
      judgedOrObserved(
        pairedComparison(
          ctx,
          'a vs b',
          'E[a − b] ≤ 0',
          enough,
          enough.map((v) => v + 1),
        ).verdict,
      ).status,
    ).toBe('pass');
  });
});
