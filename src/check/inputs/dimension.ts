/**
 * Dimensions from 1 up to `max` (≥ 1000 by default), biased small: most bugs show at d ≤ 8 and shrink there, but
 * a share of runs lands above 500, where index-width and buffer-size bugs live.
 */
import fc from 'fast-check';

export interface DimensionOptions {
  readonly min?: number;
  readonly max?: number;
}

/**
 * @example
 * fc.sample(dimension({ max: 1000 }), 3).every((d) => 1 <= d && d <= 1000);
 * // returns true
 */
export function dimension(options: DimensionOptions = {}): fc.Arbitrary<number> {
  const min = options.min ?? 1;
  const max = options.max ?? 1000;
  if (!(Number.isInteger(min) && Number.isInteger(max) && 1 <= min && min <= max)) {
    throw new RangeError(`dimension: need integers 1 ≤ min ≤ max, got min=${min}, max=${max}`);
  }
  const band = (lo: number, hi: number): fc.Arbitrary<number> | undefined => {
    const a = Math.max(lo, min);
    const b = Math.min(hi, max);
    return a <= b ? fc.integer({ min: a, max: b }) : undefined;
  };
  const parts: fc.WeightedArbitrary<number>[] = [];
  const add = (weight: number, arb: fc.Arbitrary<number> | undefined): void => {
    if (arb !== undefined) parts.push({ weight, arbitrary: arb });
  };
  add(6, band(1, 8));
  add(3, band(9, 64));
  add(2, band(65, 500));
  add(2, band(501, max));
  if (parts.length === 0) add(1, fc.integer({ min, max }));
  return fc.oneof({ withCrossShrink: true }, ...parts);
}
