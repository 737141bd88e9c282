import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AdianaParameters } from '../../../src/algorithms/adiana-parameters.ts';
import { key } from '../../../src/rng/key.ts';
import { uniform } from '../../../src/rng/sample.ts';
import {
  adianaMomentMaps,
  adianaMomentStep,
  expectedGap,
  exactRoundsToEpsilon,
  initialMoments,
  withStep,
} from './adiana-moments.ts';
import { errorAtStart } from './adiana-rounds.ts';
import { conditionedInstance } from './conditioned-instance.ts';
import {
  adianaCoordinates,
  coordinateLaw,
  dianaCoordinates,
  lawGapCurve,
  lawRoundsToEpsilon,
} from './coordinate-law.ts';
import { dianaExactCurves } from './diana-exact-curves.ts';
import { publishedParameters, stableHint, tunedAdianaRounds, adianaRounds } from './law-rounds.ts';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);

/** Random ADIANA knobs in the ranges the claims use (θ1 + θ2 < 1, p ∈ (0, 1]). */
function knobs(seed: number): AdianaParameters {
  const u = uniform(key(seed), 6);
  return {
    alpha: 0.05 + 0.95 * u[0],
    eta: 0.05 + 0.9 * u[1],
    theta1: 0.3 * u[2],
    theta2: 0.5,
    beta: 0.5 + 0.5 * u[3],
    gamma: 0.1 + 2 * u[4],
    p: 0.05 + 0.95 * u[5],
  };
}

describe('the per-coordinate exact laws of ADIANA and DIANA (diagonal blocks close on their own)', () => {
  it('ADIANA: E[f(y^t) − f*] equals the full 4d-moment recursion of adiana-moments.ts, t ≤ 40, both randomness modes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 2, max: 5 }),
        fc.constantFrom('independent' as const, 'shared' as const),
        (seed, n, d, randomness) => {
          const k = 1 + (seed % (d - 1));
          const inst = conditionedInstance(key(seed), { n, d, kappa: 2 + (seed % 50) });
          const params = knobs(seed + 1);
          const setting = { lambda: inst.lambda, n, k, randomness };
          const maps = adianaMomentMaps(setting, params);
          let m = initialMoments(errorAtStart(inst), inst.gradStar);
          const method = adianaCoordinates({ omega: d / k - 1, n, randomness }, params);
          const mine = lawGapCurve(method, inst.lambda, errorAtStart(inst), inst.gradStar, 40);
          for (let t = 0; t <= 40; t++) {
            expect(rel(mine[t], expectedGap(inst.lambda, m))).toBeLessThanOrEqual(1e-10);
            m = adianaMomentStep(setting, params, maps, m);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('DIANA: E‖x^t − x*‖² equals second-moment.ts’s full recursion (dianaExactCurves), t ≤ 40, both modes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 2, max: 5 }),
        fc.constantFrom('independent' as const, 'shared' as const),
        (seed, n, d, randomness) => {
          const k = 1 + (seed % (d - 1));
          const inst = conditionedInstance(key(seed), { n, d, kappa: 2 + (seed % 50) });
          const u = uniform(key(seed + 7), 2);
          const par = { gamma: 0.05 + 0.5 * u[0], alpha: 0.05 + 0.95 * u[1] };
          const full = dianaExactCurves(inst, k, par, 40, randomness).e2;
          const method = dianaCoordinates({ omega: d / k - 1, n, randomness }, par, 'distance');
          const mine = lawGapCurve(method, inst.lambda, errorAtStart(inst), inst.gradStar, 40);
          for (let t = 0; t <= 40; t++) expect(rel(mine[t], full[t])).toBeLessThanOrEqual(1e-10);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('the blocked first-passage scan finds exactRoundsToEpsilon’s round (caps and divergence included)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.constantFrom(1e-2, 1e-4),
        fc.constantFrom(5, 37, 300),
        (seed, eps, cap) => {
          const inst = conditionedInstance(key(seed), { n: 3, d: 4, kappa: 30, commonMean: true });
          const base = publishedParameters(inst, 3);
          // Steps from far below to beyond the stability edge.
          const params = withStep(base, 2 ** -(seed % 9), inst.mu);
          const setting = { lambda: inst.lambda, n: 3, k: 1, randomness: 'independent' as const };
          const full = exactRoundsToEpsilon(setting, params, errorAtStart(inst), inst.gradStar, eps, cap);
          const law = coordinateLaw(
            adianaCoordinates({ omega: 3, n: 3, randomness: 'independent' }, params),
            inst.lambda,
            errorAtStart(inst),
            inst.gradStar,
          );
          expect(lawRoundsToEpsilon(law, eps, cap)).toBe(full);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('equal curvatures add up: a levels instance gives the same rounds aggregated or coordinate by coordinate', () => {
    const inst = conditionedInstance(key(4), { n: 4, d: 12, kappa: 100, commonMean: true, levels: 3 });
    expect(new Set(inst.lambda).size).toBe(3);
    expect(inst.L).toBeCloseTo(1, 14);
    expect(inst.mu).toBeCloseTo(0.01, 15);
    const params = withStep(publishedParameters(inst, 11), 0.05, inst.mu);
    const method = adianaCoordinates({ omega: 11, n: 4, randomness: 'independent' }, params);
    const law = coordinateLaw(method, inst.lambda, errorAtStart(inst), inst.gradStar);
    expect(law.blocks).toBe(3);
    const curve = lawGapCurve(method, inst.lambda, errorAtStart(inst), inst.gradStar, 3000);
    const first = curve.findIndex((g) => g <= 1e-4 * curve[0]);
    expect(lawRoundsToEpsilon(law, 1e-4, 3000)).toBe(first);
  });

  it('the tuned search returns the minimum of a full scan of the grid', () => {
    for (const [n, omega, seed] of [
      [1, 7, 1],
      [4, 7, 2],
      [16, 3, 3],
    ]) {
      const inst = conditionedInstance(key(seed), { n, d: 8, kappa: 100, commonMean: true, levels: 4 });
      const law = { omega, epsilon: 1e-4 };
      const scan = Array.from(
        { length: 40 },
        (_, j) =>
          adianaRounds(inst, law, withStep(publishedParameters(inst, omega), 2 ** (-j / 4), inst.mu)) ?? Infinity,
      );
      expect(tunedAdianaRounds(inst, law, stableHint(omega, n)).rounds).toBe(Math.min(...scan));
    }
  });
});
