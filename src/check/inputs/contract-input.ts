/**
 * One input for the contract checker: a dimension, a unit-scale shape, the power of two it is scaled by, and the
 * seed of its Monte Carlo stream. The seed is drawn once and never shrunk, so the property is deterministic given
 * the input and fast-check can shrink d and the shape to a small readable counterexample.
 */
import fc from 'fast-check';
import { dimension } from './dimension.ts';
import { magnitudeExponent } from './magnitude-exponent.ts';
import { unitVector } from './unit-vector.ts';

export interface ContractInput {
  readonly d: number;
  /** The shape at unit scale. */
  readonly unit: Float64Array;
  /** The input is unit·2^exponent (relative contracts); absolute contracts reinterpret it (src/check). */
  readonly exponent: number;
  /** Seeds the Monte Carlo stream of this input. */
  readonly seed: number;
}

export interface ContractInputOptions {
  readonly minDim?: number;
  readonly maxDim?: number;
  readonly supports?: (d: number) => boolean;
}

/**
 * Whether some d in [minDim, maxDim] passes `supports`; stops at the first one, so a family supported at small d
 * costs one call.
 * @example
 * hasSupportedDimension(1, 4, (d) => d % 2 === 0);
 * // returns true
 */
export function hasSupportedDimension(minDim: number, maxDim: number, supports: (d: number) => boolean): boolean {
  for (let d = minDim; d <= maxDim; d++) if (supports(d)) return true;
  return false;
}

/**
 * @example
 * fc.sample(contractInput({ maxDim: 8 }), 1)[0].unit.length <= 8;
 * // returns true
 */
export function contractInput(options: ContractInputOptions = {}): fc.Arbitrary<ContractInput> {
  const supports = options.supports;
  const minDim = options.minDim ?? 1;
  const maxDim = options.maxDim ?? 1000;
  const dims = dimension({ min: minDim, max: maxDim });
  // A filter that rejects every dimension makes fast-check spin forever rather than fail, so refuse it up front.
  if (supports !== undefined && !hasSupportedDimension(minDim, maxDim, supports)) {
    throw new RangeError(`contractInput: no supported dimension in [${minDim}, ${maxDim}]`);
  }
  const ds = supports === undefined ? dims : dims.filter(supports);
  return ds.chain((d) =>
    fc.record({
      d: fc.constant(d),
      unit: unitVector(d),
      exponent: magnitudeExponent(),
      seed: fc.noShrink(fc.integer({ min: 0, max: 0x7fffffff })),
    }),
  );
}

/** The raw input of a ContractInput for a relative (contractive or unbiased) contract. */
export function scaledInput(input: ContractInput): Float64Array {
  const out = new Float64Array(input.d);
  // Two steps so that 2^exponent itself never over- or underflows for exponents in [−1074, 1000].
  const half = Math.trunc(input.exponent / 2);
  const a = 2 ** half;
  const b = 2 ** (input.exponent - half);
  for (let j = 0; j < input.d; j++) out[j] = input.unit[j] * a * b;
  return out;
}
