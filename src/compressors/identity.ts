/**
 * The identity "compressor": C(x) = x. Contractive with α = 1 and unbiased with ω = 0; declared contractive so
 * that EF21 with it reduces to GD (THEORY.md §9.2 metamorphic checks).
 */
import { copy, type ReadonlyVector, type Vector } from '../linalg/vector.ts';
import { denseBits } from './bits.ts';
import type { Compressor, Expectation } from './types.ts';

/**
 * @example
 * identity(3).compress(Float64Array.of(1, 2, 3), key(0));
 * // returns Float64Array [1, 2, 3]
 */
export function identity(d: number): Compressor {
  if (!(Number.isInteger(d) && d >= 1)) throw new RangeError(`identity: need an integer d ≥ 1, got d=${d}`);
  return {
    name: `identity(d=${d})`,
    dim: d,
    contract: { kind: 'contractive', alpha: 1 },
    deterministic: true,
    bits: () => denseBits(d),
    compress: (x: ReadonlyVector): Vector => copy(x),
    expectation: (x: ReadonlyVector): Expectation => ({ mean: copy(x), errorSq: 0 }),
  };
}
