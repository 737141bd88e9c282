import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topK } from '../../src/compressors/top-k.ts';
import { theorem1Instance } from '../../src/problems/theorem1-instance.ts';
import { key } from '../../src/rng/key.ts';
import { DEFAULT_FLOOR, DEFAULT_RTOL, type Sides } from '../../src/report/verdict.ts';
import { noiseOutcomes } from './_lib/finite-noise.ts';
import { averagedGradNormSq, exchangeableOutcomes, idealStepMoments } from './_lib/ideal-error.ts';
import { attainingCases, randomCase, threePointCase, threePointLaw } from './_lib/ideal-floor-instances.ts';
import {
  errorLowerSides,
  errorUpperSides,
  idealErrorLower,
  idealErrorUpper,
  oneStepSides,
  stationarySides,
} from './ef21-sgdm-ideal-floor.ts';

const holds = (s: Sides): boolean => s.lhs <= s.rhs + DEFAULT_RTOL * s.scale + DEFAULT_FLOOR;
const X0 = [0, -1];

describe('EF21-SGDM-ideal noise floor (derived, docs/theory.md §5.1)', () => {
  it('bounds E‖g − ∇f‖² on both sides and closes the one-step inequality on random laws and quadratics', () => {
    fc.assert(
      fc.property(fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 })), (seed) => {
        const c = randomCase(key(seed));
        expect(holds(errorUpperSides(c))).toBe(true);
        if (c.iid) expect(holds(errorLowerSides(c))).toBe(true);
        expect(holds(oneStepSides(c))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('transcribes U = η²σ²[(1 − α)(1 − 1/n) + 1/n] and αη²σ²/n', () => {
    expect(idealErrorUpper(0.5, 1, 1, 2)).toBeCloseTo(0.75, 15);
    // α = 1/4, η = 1/2, σ² = 4, n = 3: 1·(3/4·2/3 + 1/3) = 5/6.
    expect(idealErrorUpper(0.25, 0.5, 4, 3)).toBeCloseTo(5 / 6, 15);
    expect(idealErrorUpper(0.25, 0.5, 4, 3, { etaPower: 2, overN: true })).toBeCloseTo((1.75 / 3) * 1, 15);
    expect(idealErrorLower(0.5, 0.5, 1, 4)).toBeCloseTo(0.03125, 15);
    expect(idealErrorLower(0.5, 0.5, 1, 4, { etaPower: 1, overN: false })).toBeCloseTo(0.25, 15);
  });

  it('enumerates exchangeable nodes exactly: compositions agree with the product of the node laws', () => {
    const law = threePointLaw(1);
    for (const n of [1, 2, 4]) {
      const outcomes = exchangeableOutcomes(n, law);
      expect(outcomes.reduce((s, o) => s + o.p, 0)).toBeCloseTo(1, 14);
      const laws = new Array(n).fill(law);
      const problem = theorem1Instance({ n });
      const byComposition = idealStepMoments(problem, laws, 1, topK(2, 1), 0.7, 0.5, X0, outcomes);
      const byProduct = idealStepMoments(problem, laws, 1, topK(2, 1), 0.7, 0.5, X0, noiseOutcomes(laws));
      expect(byComposition.errorSecond).toBeCloseTo(byProduct.errorSecond, 14);
      expect(byComposition.fNext).toBeCloseTo(byProduct.fNext, 14);
      expect(byComposition.errorMean[1]).toBeCloseTo(byProduct.errorMean[1], 14);
    }
  });

  it('on the three-point law, n = 1: E‖e‖² = (6/7)η², and the bias (2/21)η² is all that remains as n grows', () => {
    const one = threePointCase(1, 0.3, 1, X0);
    expect(one.moments.errorSecond).toBeCloseTo((6 / 7) * 0.09, 14);
    const many = threePointCase(30, 0.3, 1, X0);
    const bias = many.moments.errorMean[0] ** 2 + many.moments.errorMean[1] ** 2;
    expect(bias).toBeCloseTo((2 / 21) * 0.09, 14);
    // E‖e‖² = (1 − 1/n)‖E e‖² + E‖C(ηξ)‖²/n for identical nodes.
    expect(many.moments.errorSecond).toBeCloseTo((29 / 30) * bias + ((6 / 7) * 0.09) / 30, 14);
  });

  it('the moment recursion averages E‖∇f(x^t)‖² over t < T', () => {
    expect(averagedGradNormSq(1, 1, [0, -1], [0, 0], 2, 2)).toBe(1.5);
    // γL = 1/2, no noise: x^t = 2^{−t} x⁰, E‖∇f‖² = 4^{−t}.
    expect(averagedGradNormSq(1, 0.5, [0, -1], [0, 0], 0, 3)).toBeCloseTo((1 + 0.25 + 0.0625) / 3, 15);
  });

  it('attains both bounds: ±e₁ at n = 1 the upper, ±(1,…,1)/√d the lower, at every n', () => {
    for (const c of attainingCases()) {
      const s = c.label.startsWith('±e₁') ? errorUpperSides(c) : errorLowerSides(c);
      expect(Math.abs(s.lhs - s.rhs)).toBeLessThanOrEqual(1e-14 * s.scale);
    }
  });

  it('teeth: each mutation fails on the three-point law', () => {
    const at20 = threePointCase(20, 1, 1, X0);
    expect(holds(errorUpperSides(at20, { etaPower: 2, overN: true }))).toBe(false);
    expect(holds(errorLowerSides(at20, { etaPower: 2, overN: false }))).toBe(false);
    const at1 = threePointCase(1, 0.3, 1, X0);
    expect(holds(errorUpperSides(at1, { etaPower: 3, overN: false }))).toBe(false);
    expect(holds(errorLowerSides(at1, { etaPower: 1, overN: true }))).toBe(false);
    expect(holds(oneStepSides(threePointCase(20, 0.3, 0.5, [2, 0.5]), { etaPower: 2, overN: true }))).toBe(false);
    expect(holds(stationarySides(at1, 1, 1.5, X0, 200))).toBe(false);
    expect(holds(stationarySides(at1, 1, 1, X0, 200))).toBe(true);
  });
});
