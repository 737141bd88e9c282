import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { natural } from '../../src/compressors/natural.ts';
import { randK } from '../../src/compressors/rand-k.ts';
import { norm2sq } from '../../src/linalg/vector.ts';
import { DEFAULT_FLOOR, DEFAULT_RTOL, type Sides } from '../../src/report/verdict.ts';
import { oneOverNSide, unbiasedSides, varianceSides } from './independent-vs-shared.ts';
import {
  absMeanOf,
  independentAggregateLaw,
  kSubsets,
  meanOf,
  naturalLaw,
  randKScaledLaw,
  sharedRandKAggregateLaw,
} from './_lib/aggregate-law.ts';

const identityHolds = (s: Sides): boolean => Math.abs(s.lhs - s.rhs) <= DEFAULT_RTOL * s.scale + DEFAULT_FLOOR;

/** n ≤ maxN inputs in ℝ^d at unit scale (entries in [−1, 1]; fast-check also tries 0 and ties). */
const inputsArb = (maxN: number, minD: number, maxD: number) =>
  fc.record({ n: fc.integer({ min: 1, max: maxN }), d: fc.integer({ min: minD, max: maxD }) }).chain(({ n, d }) =>
    fc
      .array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: d, maxLength: d }), {
        minLength: n,
        maxLength: n,
      })
      .map((rows) => rows.map((r) => Float64Array.from(r))),
  );

/** The inputs with a budget 1 ≤ k ≤ d − 1 (k = d is the identity compressor: no variance to compare). */
const withK = (arb: fc.Arbitrary<Float64Array[]>): fc.Arbitrary<{ as: Float64Array[]; k: number }> =>
  arb.chain((as) => fc.integer({ min: 1, max: as[0].length - 1 }).map((k) => ({ as, k })));

describe('independent vs shared unbiased compressors (derived form, docs/theory.md §1.3)', () => {
  it('independent scaled rand-k: the enumerated aggregate is unbiased with variance (1/n²)ΣE‖C(a_i) − a_i‖²', () => {
    fc.assert(
      fc.property(withK(inputsArb(3, 2, 4)), ({ as, k }) => {
        const abar = meanOf(as);
        const law = independentAggregateLaw(
          as.map((a) => randKScaledLaw(a, k)),
          abar,
          absMeanOf(as),
        );
        return (
          identityHolds(varianceSides(law, oneOverNSide(randK(as[0].length, k, { scaled: true }), as))) &&
          identityHolds(unbiasedSides(law, abar))
        );
      }),
    );
  });

  it('independent natural compression: the same identity, joint roundings enumerated', () => {
    fc.assert(
      fc.property(inputsArb(3, 1, 3), (as) => {
        const abar = meanOf(as);
        const law = independentAggregateLaw(
          as.map((a) => naturalLaw(a)),
          abar,
          absMeanOf(as),
        );
        return (
          identityHolds(varianceSides(law, oneOverNSide(natural(as[0].length), as))) &&
          identityHolds(unbiasedSides(law, abar))
        );
      }),
    );
  });

  it('shared rand-k: the variance is ω‖ā‖² with ω = d/k − 1, whatever n', () => {
    fc.assert(
      fc.property(withK(inputsArb(4, 2, 5)), ({ as, k }) => {
        const d = as[0].length;
        const omega = d / k - 1;
        return identityHolds(
          varianceSides(sharedRandKAggregateLaw(as, k), omega * norm2sq(meanOf(as)), omega * norm2sq(absMeanOf(as))),
        );
      }),
    );
  });

  it('pins hand-computed laws and variances', () => {
    expect(kSubsets(4, 2).length).toBe(6);
    expect(kSubsets(3, 3)).toEqual([[0, 1, 2]]);
    const nat = naturalLaw(Float64Array.of(1.5, -4));
    expect(nat.map((o) => [o.p, ...o.value])).toEqual([
      [0.5, 1, -4],
      [0.5, 2, -4],
    ]);
    // d = 2, k = 1 (ω = 1), identical inputs a = (1, 0) at n = 2: independent (ω/n)‖a‖² = 1/2, shared ω‖a‖² = 1.
    const same = [Float64Array.of(1, 0), Float64Array.of(1, 0)];
    expect(
      independentAggregateLaw(
        same.map((a) => randKScaledLaw(a, 1)),
        meanOf(same),
      ).variance,
    ).toBe(0.5);
    expect(sharedRandKAggregateLaw(same, 1).variance).toBe(1);
    expect(oneOverNSide(randK(2, 1, { scaled: true }), same)).toBe(0.5);
  });

  it('teeth: with shared randomness and identical inputs the 1/n identity fails for every n ≥ 2 and a ≠ 0', () => {
    const found = fc.check(
      fc.property(withK(inputsArb(1, 2, 5)), fc.integer({ min: 2, max: 6 }), ({ as, k }, n) => {
        const same = Array.from({ length: n }, () => as[0]);
        return identityHolds(
          varianceSides(sharedRandKAggregateLaw(same, k), oneOverNSide(randK(as[0].length, k, { scaled: true }), same)),
        );
      }),
      { numRuns: 100, endOnFailure: true }, // a teeth search must not depend on FC_RUNS; no shrinking needed
    );
    expect(found.failed).toBe(true);
  });
});
