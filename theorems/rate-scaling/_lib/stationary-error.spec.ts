import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ef21 } from '../../../src/algorithms/ef21.ts';
import { gd } from '../../../src/algorithms/gd.ts';
import { topK } from '../../../src/compressors/top-k.ts';
import { exactOracle } from '../../../src/oracles/exact.ts';
import { threePointOracle } from '../../../src/oracles/three-point.ts';
import { diagonalQuadratic } from '../../../src/problems/diagonal-quadratic.ts';
import { theorem1Instance } from '../../../src/problems/theorem1-instance.ts';
import { key } from '../../../src/rng/key.ts';
import { batchForTarget, gridExponent, iterationsToEpsilon, stationaryError, tailMean } from './stationary-error.ts';

const close = (a: number, b: number, rtol = 1e-12): boolean =>
  Math.abs(a - b) <= rtol * (Math.abs(a) + Math.abs(b)) + 1e-300;

describe('the measured quantities of the rate-scaling claims', () => {
  it('tailMean averages exactly the recorded rounds at or after the cut', () => {
    expect(tailMean([0, 1, 2, 3], [10, 20, 30, 40], 2)).toBe(35);
    expect(tailMean([0, 5, 10], [1, 2, 4], 0)).toBeCloseTo(7 / 3, 15);
    expect(() => tailMean([0, 1], [1, 1], 2)).toThrow(RangeError);
  });

  it('batchForTarget inverts a power law e = c·τ^(−p) exactly between grid points, and says null outside the grid', () => {
    const taus = [1, 2, 4, 8, 16, 32, 64];
    fc.assert(
      fc.property(
        fc.double({ min: 0.25, max: 4, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (p, c, u) => {
          const errors = taus.map((t) => c * t ** -p);
          // A target strictly inside (τ_0, τ_max]: τ* = 2^(6u) with u ∈ (0, 1].
          const tauStar = 2 ** (6 * Math.max(u, 1e-3));
          const got = batchForTarget(taus, errors, c * tauStar ** -p);
          expect(got).not.toBeNull();
          expect(close(got as number, tauStar, 1e-9)).toBe(true);
          expect(batchForTarget(taus, errors, 2 * c)).toBeNull(); // reached already at τ = 1
          expect(batchForTarget(taus, errors, (c * 64 ** -p) / 2)).toBeNull(); // never reached
        },
      ),
    );
  });

  it('gridExponent returns p for a pure power law and something else for a curved one', () => {
    fc.assert(
      fc.property(fc.double({ min: -3, max: 3, noNaN: true }), (p) => {
        // Rounding is relative to the logs being fitted, ln 5 + p·ln x, not to p (which may be ~0).
        const scale = Math.log(5) + Math.abs(p) * Math.log(16);
        expect(Math.abs(gridExponent([1 / 2, 1 / 4, 1 / 8, 1 / 16], (x) => 5 * x ** p) - p)).toBeLessThanOrEqual(
          1e-12 * scale,
        );
      }),
    );
    // (1 + √(1−α))/α is not a power: its slope over [1/64, 1/2] is −1.04 (hand check in ef21-iterations-vs-alpha).
    expect(gridExponent([1 / 2, 1 / 4, 1 / 8, 1 / 16, 1 / 32, 1 / 64], (a) => (1 + Math.sqrt(1 - a)) / a)).toBeLessThan(
      -1.03,
    );
  });

  it('iterationsToEpsilon matches the closed form of GD on f = ½‖x‖²: ‖∇f(x^t)‖² = (1 − γ)^(2t)‖x⁰‖²', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 0.9, noNaN: true }), fc.integer({ min: 1, max: 40 }), (gamma, target) => {
        const x0 = [1, -2];
        const r0 = 5;
        const q = (1 - gamma) ** 2;
        // ε between the values at rounds target − 1 and target, away from both (no rounding ties).
        const epsilon = r0 * q ** (target - 0.5);
        const { average, last } = iterationsToEpsilon(
          gd({ gamma, x0 }),
          exactOracle(theorem1Instance({ n: 1 })),
          epsilon,
          10_000,
          key(0),
        );
        expect(last).toBe(target);
        // Average criterion: smallest T with r0·(1 − q^T)/(1 − q) ≤ εT, null beyond the cap (it grows like 1/ε).
        let T = 1;
        while (T <= 10_001 && r0 * (1 - q ** T) > epsilon * T * (1 - q)) T++;
        expect(average).toBe(T <= 10_001 ? T : null);
      }),
    );
  });

  it('iterationsToEpsilon says null when ε is out of reach within the cap', () => {
    const res = iterationsToEpsilon(
      gd({ gamma: 0.1, x0: [1, 1] }),
      exactOracle(theorem1Instance({ n: 1 })),
      1e-12,
      5,
      key(0),
    );
    expect(res).toEqual({ average: null, last: null });
  });

  it('EF21 with top-k at the theory step follows the average criterion path of iterationsToEpsilon deterministically', () => {
    const problem = diagonalQuadratic(
      [
        [1, 2, 3],
        [3, 2, 1],
      ],
      [
        [1, 0, 0],
        [0, 0, 1],
      ],
    );
    const alg = ef21({ gamma: 0.05, compressor: topK(3, 1), x0: [1, 1, 1] });
    const a = iterationsToEpsilon(alg, exactOracle(problem), 0.1, 10_000, key(1));
    const b = iterationsToEpsilon(alg, exactOracle(problem), 0.1, 10_000, key(2));
    expect(a).toEqual(b); // deterministic compressor, exact gradients: keys do not matter
    expect(a.average).not.toBeNull();
  });

  it('stationaryError is exactly 1-homogeneous in the noise on the Theorem 1 instance (the batch model of batch-vs-epsilon)', () => {
    // x⁰ = x* = 0, ∇f linear, top-k positively homogeneous: noise × 2^(−m) scales every state by 2^(−m) exactly.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 4 }), (seed, m) => {
        const problem = theorem1Instance({ n: 2 });
        const alg = ef21({ gamma: 0.1, compressor: topK(2, 1), x0: [0, 0] });
        const e1 = stationaryError(alg, threePointOracle(problem, 1), 40, key(seed));
        const eTau = stationaryError(alg, threePointOracle(problem, 2 ** -m), 40, key(seed));
        expect(close(eTau * 4 ** m, e1)).toBe(true);
      }),
      { numRuns: 20 },
    );
  });
});
