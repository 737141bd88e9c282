import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ef14 } from '../../src/algorithms/ef14.ts';
import { ef21Sgdm } from '../../src/algorithms/ef21-sgdm.ts';
import { topK } from '../../src/compressors/top-k.ts';
import { exactOracle } from '../../src/oracles/exact.ts';
import { gaussianOracle } from '../../src/oracles/gaussian.ts';
import { key } from '../../src/rng/key.ts';
import { normal } from '../../src/rng/sample.ts';
import { heterogeneity, memoryFactor, spreadProblem } from './_lib/spread-instance.ts';
import { largestGapSq, spreadRun } from './_lib/spread-runs.ts';
import { bgLowerBound, ETA, memorySides, sgdmAveragedBound } from './ef14-without-bounded-gradients.ts';

const compressor = topK(4, 1);
const alpha = 1 / 4;

describe('EF14-SGD without bounded gradients (docs/theory.md §5.5; docs/momentum-table.md)', () => {
  it("EF14-SGD's memory is at most ξ(α) times the largest gradient drawn, on every spread and start", () => {
    fc.assert(
      fc.property(
        fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
        fc.double({ min: 0.01, max: 1000, noNaN: true }),
        fc.double({ min: 1e-3, max: 1, noNaN: true }),
        (seed, s, gamma) => {
          const x0 = normal(key(seed), 4);
          const r = spreadRun(ef14({ gamma, compressor, x0 }), gaussianOracle(spreadProblem(s), 1), 60, key(seed + 1));
          const m = r.memory ?? { norm: Number.NaN, drawn: Number.NaN };
          const sides = memorySides(m.norm, m.drawn, memoryFactor(alpha));
          expect(sides.lhs).toBeLessThanOrEqual(sides.rhs * (1 + 1e-12));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("EF21-SGDM's iterates do not depend on the spread (same keys), up to rounding relative to s", () => {
    fc.assert(
      fc.property(
        fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
        fc.double({ min: 1, max: 1000, noNaN: true }),
        (seed, s) => {
          const x0 = normal(key(seed), 4);
          const alg = ef21Sgdm({ gamma: 0.025, eta: ETA, compressor, x0 });
          const a = spreadRun(alg, gaussianOracle(spreadProblem(1), 1), 80, key(seed + 1));
          const b = spreadRun(alg, gaussianOracle(spreadProblem(s), 1), 80, key(seed + 1));
          expect(largestGapSq(a.iterates, b.iterates, 4)).toBeLessThanOrEqual(1e-12 * s * s);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('transcribes ζ², ξ(α) and the derived Theorem 2 bound', () => {
    expect(heterogeneity(2)).toBeCloseTo(3, 15);
    expect(bgLowerBound(10)).toBeCloseTo(76, 12);
    // α = 3/4: √(1/4)/(1 − 1/2) = 1; α = 1/4: √0.75/(1 − √0.75) ≈ 6.4641.
    expect(memoryFactor(0.75)).toBeCloseTo(1, 15);
    expect(memoryFactor(0.25)).toBeCloseTo(6.464101615137754, 12);
    // γ = min{0.25/10, 0.1/3} = 0.025; EΛ₀ = 2 + 0.32 + 0.0625; 2N = 2(0.08 + 0.128 + 0.025); T = 400.
    const { gamma, bound } = sgdmAveragedBound(400);
    expect(gamma).toBeCloseTo(0.025, 15);
    expect(bound).toBeCloseTo((2 * 2.3825) / 10 + 0.466, 12);
  });

  it('teeth: without noise and from x* at s = 100, the memory outgrows √(1−α)·max‖ĝ‖ and EF14 moves with s', () => {
    const x0 = new Float64Array(4);
    const run = (s: number) =>
      spreadRun(ef14({ gamma: 0.025, compressor, x0 }), exactOracle(spreadProblem(s)), 40, key(1));
    const m = run(100).memory ?? { norm: 0, drawn: 1 };
    expect(m.norm).toBeGreaterThan(Math.sqrt(1 - alpha) * m.drawn);
    expect(largestGapSq(run(100).iterates, run(1).iterates, 4)).toBeGreaterThan(1);
  });
});
