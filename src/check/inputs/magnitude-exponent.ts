/**
 * The power of two an input is scaled by. Mostly 0 (unit scale, so shrunk counterexamples stay readable), often
 * moderate, sometimes tiny (below 2^-520 every square underflows, and the smallest reach the subnormals) or huge
 * (above 2^512 every square overflows): docs/design.md §3, "subnormal underflow".
 */
import fc from 'fast-check';

/**
 * @example
 * fc.sample(magnitudeExponent(), 5).every((e) => -1074 <= e && e <= 1000);
 * // returns true
 */
export function magnitudeExponent(): fc.Arbitrary<number> {
  return fc.oneof(
    { withCrossShrink: true },
    { weight: 10, arbitrary: fc.constant(0) },
    { weight: 3, arbitrary: fc.integer({ min: -40, max: 40 }) },
    { weight: 2, arbitrary: fc.integer({ min: -1074, max: -520 }) },
    { weight: 2, arbitrary: fc.integer({ min: 512, max: 1000 }) },
  );
}
