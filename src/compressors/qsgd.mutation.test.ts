/**
 * Kills surviving mutants of qsgd.ts found by `npm run mutation`: L35 (the top level l = s rounds up with
 * probability 0, not s·r − s) and L57 (the zero fast path of expectation(), whose slow path divides 0 by ‖0‖ = 0).
 */
import { describe, expect, it } from 'vitest';
import { qsgd } from './qsgd.ts';

describe('qsgd (mutation kills)', () => {
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
