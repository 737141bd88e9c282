/**
 * Inputs at unit scale (max|x_j| ≤ 2) that find real compressor bugs: a mixture of shapes, each a known way a
 * contract breaks (docs/theory.md §1.1 "attained at"):
 *   generic         uniform entries in [−1, 1] (shrink towards 0, so counterexamples end readable)
 *   ties            entries from {0, ±1/4, ±1/2, ±1}: equal magnitudes everywhere (top-k's tie rule)
 *   sparse          a few non-zeros among exact zeros (±0)
 *   dominant        one entry 1, the rest tiny (scaled sign's near-e₁ worst case)
 *   near-uniform    ±(1 + k·2^-30): ties broken by one ulp-scale nudge
 *   all-equal       c·(±1, …, ±1) with c ∈ {1, 4/3, 5/4, 3/2} (top-k, QSGD, natural compression: 4/3·2^a)
 *   one-and-t       (1, t, …, t), t = 1/(√d + 1) (TernGrad's worst case)
 *   natural-worst   ±(4/3)·2^a per coordinate, a ∈ [−8, 0]
 *   wide-range      ±2^a, a ∈ [−1074, 0]: subnormal and unit entries side by side
 * The engine scales the result by a power of two (magnitude-exponent.ts), which keeps the shape exact.
 */
import fc from 'fast-check';

const signs = (d: number): fc.Arbitrary<boolean[]> => fc.array(fc.boolean(), { minLength: d, maxLength: d });
const withSigns = (v: number, neg: boolean): number => (neg ? -v : v);
const fixed = <T>(d: number, arb: fc.Arbitrary<T>): fc.Arbitrary<T[]> => fc.array(arb, { minLength: d, maxLength: d });

/**
 * @example
 * fc.sample(unitVector(4), 1)[0].length;
 * // returns 4
 */
export function unitVector(d: number): fc.Arbitrary<Float64Array> {
  if (!(Number.isInteger(d) && d >= 1)) throw new RangeError(`unitVector: need an integer d ≥ 1, got d=${d}`);
  const generic = fixed(d, fc.double({ min: -1, max: 1, noNaN: true }));
  const ties = fixed(d, fc.constantFrom(1, -1, 0.5, -0.5, 0.25, -0.25, 0, -0));
  const sparse = fc
    .tuple(
      fc.array(fc.tuple(fc.nat(d - 1), fc.double({ min: -1, max: 1, noNaN: true })), { minLength: 1, maxLength: 4 }),
      fc.boolean(),
    )
    .map(([entries, negZero]) => {
      const x = new Array<number>(d).fill(negZero ? -0 : 0);
      for (const [j, v] of entries) x[j] = v;
      return x;
    });
  const dominant = fc
    .tuple(fc.nat(d - 1), fc.integer({ min: 8, max: 60 }), signs(d))
    .map(([at, a, neg]) => neg.map((n, j) => withSigns(j === at ? 1 : 2 ** -a, n)));
  const nearUniform = fc
    .tuple(fixed(d, fc.integer({ min: -4, max: 4 })), signs(d))
    .map(([ks, neg]) => ks.map((k, j) => withSigns(1 + k * 2 ** -30, neg[j])));
  const allEqual = fc
    .tuple(fc.constantFrom(1, 4 / 3, 5 / 4, 3 / 2), signs(d))
    .map(([c, neg]) => neg.map((n) => withSigns(c, n)));
  const oneAndT = fc.tuple(fc.nat(d - 1), signs(d)).map(([at, neg]) => {
    const t = 1 / (Math.sqrt(d) + 1);
    return neg.map((n, j) => withSigns(j === at ? 1 : t, n));
  });
  const naturalWorst = fixed(d, fc.tuple(fc.integer({ min: -8, max: 0 }), fc.boolean())).map((es) =>
    es.map(([a, n]) => withSigns((4 / 3) * 2 ** a, n)),
  );
  const wideRange = fixed(d, fc.tuple(fc.integer({ min: -1074, max: 0 }), fc.boolean())).map((es) =>
    es.map(([a, n]) => withSigns(2 ** a, n)),
  );
  return fc
    .oneof(
      { withCrossShrink: true },
      { weight: 4, arbitrary: generic },
      { weight: 3, arbitrary: ties },
      { weight: 2, arbitrary: sparse },
      { weight: 2, arbitrary: dominant },
      { weight: 1, arbitrary: nearUniform },
      { weight: 2, arbitrary: allEqual },
      { weight: 1, arbitrary: oneAndT },
      { weight: 1, arbitrary: naturalWorst },
      { weight: 1, arbitrary: wideRange },
    )
    .map((xs) => Float64Array.from(xs));
}
