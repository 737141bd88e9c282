import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { powerOfTwoScale } from '../../src/linalg/norms.ts';
import { DEFAULT_FLOOR, DEFAULT_RTOL } from '../../src/report/verdict.ts';
import { bestKTermSides, compressionError, restrict, topKOutput } from './top-k-best-k-term.ts';
import { bestKTermError } from './_lib/best-k-term.ts';

/**
 * p at unit scale: any finite doubles (or small integers, which tie), divided by the power of two above max|p_j|.
 * That division is exact and the claim is 2-homogeneous, so nothing is lost, and squares cannot overflow
 * (docs/design.md §3: state contracts in scale-free form).
 */
const vec = (maxD: number): fc.Arbitrary<Float64Array> =>
  fc
    .integer({ min: 1, max: maxD })
    .chain((d) =>
      fc.oneof(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: d, maxLength: d }),
        fc.array(fc.integer({ min: -3, max: 3 }), { minLength: d, maxLength: d }),
      ),
    )
    .map((a) => {
      const p = Float64Array.from(a);
      const s = powerOfTwoScale(p);
      return p.map((v) => v / s);
    });

/** (p, k, S) with S a k-subset of {0, …, d−1}. */
const instance = (maxD: number): fc.Arbitrary<{ p: Float64Array; k: number; subset: number[] }> =>
  vec(maxD).chain((p) =>
    fc.integer({ min: 1, max: p.length }).chain((k) =>
      fc
        .shuffledSubarray(
          Array.from({ length: p.length }, (_, j) => j),
          { minLength: k, maxLength: k },
        )
        .map((subset) => ({ p, k, subset })),
    ),
  );

const holds = (s: { lhs: number; rhs: number; scale: number }): boolean =>
  s.lhs <= s.rhs + DEFAULT_RTOL * s.scale + DEFAULT_FLOOR;

describe('top-k is the best k-term approximation (derived form of Sahu et al. 2021, Claim 1)', () => {
  it('no k-subset S leaves a smaller error than top-k, for any p and k', () => {
    fc.assert(fc.property(instance(16), ({ p, k, subset }) => holds(bestKTermSides(p, topKOutput(p, k), subset))));
  });

  it('top-k attains the minimum over all k-subsets, found by enumeration', () => {
    fc.assert(
      fc.property(instance(9), ({ p, k }) => {
        const lhs = compressionError(p, topKOutput(p, k));
        const rhs = bestKTermError(p, k);
        expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(DEFAULT_RTOL * (lhs + rhs) + DEFAULT_FLOOR);
      }),
    );
  });

  it('keeps exactly the two largest magnitudes of a hand-made vector', () => {
    const p = Float64Array.of(1, -3, 3, 2);
    expect(Array.from(topKOutput(p, 2))).toEqual([0, -3, 3, 0]);
    expect(compressionError(p, topKOutput(p, 2))).toBe(5);
    expect(bestKTermError(p, 2)).toBe(5);
    expect(bestKTermError(p, 4)).toBe(0);
    expect(Array.from(restrict(p, [0, 3]))).toEqual([1, 0, 0, 2]);
  });

  it('teeth: a (k−1)-sparse top-k is worse than some k-subset whenever the k-th largest |p_j| is non-zero', () => {
    // p = (3, 2, 1), k = 2: TopK₁ leaves 2² + 1² = 5, the subset {0, 1} leaves 1.
    const p = Float64Array.of(3, 2, 1);
    expect(holds(bestKTermSides(p, topKOutput(p, 1), [0, 1]))).toBe(false);
    // …and fast-check finds such an input on its own.
    const found = fc.check(
      fc.property(
        instance(8),
        ({ p: q, k, subset }) => k < 2 || holds(bestKTermSides(q, topKOutput(q, k - 1), subset)),
      ),
      {
        numRuns: 300, // a teeth search must not depend on FC_RUNS being large
      },
    );
    expect(found.failed).toBe(true);
  });

  it('teeth: the rand-k mask p_R (R random) is worse than top-k on some input', () => {
    const found = fc.check(
      fc.property(instance(8), fc.noShrink(fc.integer()), ({ p, k, subset }, salt) => {
        // R: the subset rotated by a salt — an arbitrary k-subset, standing in for a random draw.
        const r = subset.map((j) => (j + Math.abs(salt)) % p.length);
        const lhs = compressionError(p, restrict(p, r));
        const rhs = compressionError(p, topKOutput(p, k));
        return holds({ lhs, rhs, scale: lhs + rhs });
      }),
      { numRuns: 300 }, // a teeth search must not depend on FC_RUNS being large
    );
    expect(found.failed).toBe(true);
  });
});
