import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { permK } from '../../src/compressors/perm-k.ts';
import { randK } from '../../src/compressors/rand-k.ts';
import { foldIn, key } from '../../src/rng/key.ts';
import { DEFAULT_FLOOR, DEFAULT_RTOL, type Sides } from '../../src/report/verdict.ts';
import { absMeanOf, independentAggregateLaw, meanOf, randKScaledLaw } from './_lib/aggregate-law.ts';
import { permKAggregateLaw, permutations } from './_lib/perm-k-law.ts';
import {
  identicalInputSides,
  lawBiasSides,
  lawVarianceSides,
  permKVarianceClosedForm,
  SHAPES,
} from './perm-k-variance.ts';

const identityHolds = (s: Sides): boolean => Math.abs(s.lhs - s.rhs) <= DEFAULT_RTOL * s.scale + DEFAULT_FLOOR;

/** Inputs at unit scale for a shape (d, n): entries in [−1, 1], small integers half the time (exact ties, zeros). */
const entry = fc.oneof(
  fc.double({ min: -1, max: 1, noNaN: true }),
  fc.integer({ min: -2, max: 2 }).map((v) => v / 2),
);
const inputsFor = (d: number, n: number): fc.Arbitrary<Float64Array[]> =>
  fc
    .array(fc.array(entry, { minLength: d, maxLength: d }), { minLength: n, maxLength: n })
    .map((rows) => rows.map((r) => Float64Array.from(r)));

const shapeAndInputs = (shapes: readonly (readonly [number, number])[]) =>
  fc.constantFrom(...shapes).chain(([d, n]) => inputsFor(d, n).map((as) => ({ d, n, as })));

describe('PermK variance identity (derived form, docs/theory.md §1.3)', () => {
  it('over every shared draw the aggregate is unbiased with variance (1/n)Σ‖a_i‖² − ‖ā‖² (d ≥ n), or ((d−1)/(n−1))(…) (d < n = qd)', () => {
    fc.assert(
      fc.property(shapeAndInputs(SHAPES.filter(([d, n]) => d * n <= 12)), ({ as }) => {
        const law = permKAggregateLaw(as);
        return (
          identityHolds(lawVarianceSides(law, permKVarianceClosedForm(as))) &&
          identityHolds(lawBiasSides(law, meanOf(as)))
        );
      }),
    );
  });

  it('identical inputs come back exactly on every draw of compressAll (d ≥ n)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((n) => fc.integer({ min: n, max: 24 }).map((d) => ({ d, n }))),
        fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
        ({ d, n }, seed) => {
          const a = Float64Array.from({ length: d }, (_, j) => Math.sin(seed + j));
          const same = Array.from({ length: n }, () => a);
          return identityHolds(identicalInputSides(permK(d, n).compressAll(same, key(seed)), a));
        },
      ),
    );
  });

  it('pins hand-computed laws', () => {
    expect(permutations(3).map((p) => Array.from(p))).toEqual([
      [2, 1, 0],
      [1, 2, 0],
      [1, 0, 2],
      [2, 0, 1],
      [0, 2, 1],
      [0, 1, 2],
    ]);
    // d = n = 2, a_1 = e_1, a_2 = e_2: each coordinate of the aggregate is 0 or 1 w.p. ½ around ā = (½, ½): 0.5.
    const as = [Float64Array.of(1, 0), Float64Array.of(0, 1)];
    expect(permKAggregateLaw(as).variance).toBe(0.5);
    expect(permKVarianceClosedForm(as).value).toBe(0.5);
    // Identical inputs: zero variance on every draw.
    const same = [Float64Array.of(1, 2, 3, 4), Float64Array.of(1, 2, 3, 4)];
    expect(permKAggregateLaw(same).variance).toBe(0);
    expect(permKAggregateLaw(same).outcomes).toBe(24 * 2);
  });

  it('teeth: independent rand-k (k = d/n) violates the PermK identity, and returns identical inputs wrongly', () => {
    const variance = fc.check(
      fc.property(
        shapeAndInputs([
          [4, 2],
          [6, 3],
          [6, 2],
        ]),
        ({ d, n, as }) => {
          const lawR = independentAggregateLaw(
            as.map((a) => randKScaledLaw(a, d / n)),
            meanOf(as),
            absMeanOf(as),
          );
          return identityHolds(lawVarianceSides(lawR, permKVarianceClosedForm(as)));
        },
      ),
      { numRuns: 100, endOnFailure: true }, // a teeth search must not depend on FC_RUNS; no shrinking needed
    );
    expect(variance.failed).toBe(true);
    // Identical inputs: independent subsets return a only when they happen to be complementary (P = 1/6 here), so a
    // search over 20 fixed keys must find a draw that does not (P(all 20 complementary) = 6^-20).
    const a = Float64Array.of(1, 2, 3, 4);
    const R = randK(4, 2, { scaled: true });
    const misses = Array.from({ length: 20 }, (_, t) =>
      identicalInputSides([R.compress(a, foldIn(key(t), 0)), R.compress(a, foldIn(key(t), 1))], a),
    ).filter((sides) => !identityHolds(sides));
    expect(misses.length).toBeGreaterThan(0);
  });

  it('teeth: a fixed block assignment σ = id biases the aggregate when n ∤ d', () => {
    const found = fc.check(
      fc.property(
        shapeAndInputs([
          [5, 2],
          [5, 3],
        ]),
        ({ as }) => identityHolds(lawBiasSides(permKAggregateLaw(as, { fixedSigma: true }), meanOf(as))),
      ),
      { numRuns: 100, endOnFailure: true },
    );
    expect(found.failed).toBe(true);
  });
});
