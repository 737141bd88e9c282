/**
 * The identity "compressor": C(x) = x. Contractive with α = 1 and unbiased with ω = 0; declared contractive so
 * that EF21 with it reduces to GD (docs/theory.md §9.2 metamorphic checks). Wire format: d dense 64-bit values.
 */
import { copy, type ReadonlyVector, type Vector } from '../linalg/vector.ts';
import { denseBits } from './bits.ts';
import type { CoordinateProjection } from './projection.ts';
import type { ExactMoments } from './types.ts';
import { checkDim, checkInput } from './validate.ts';

/**
 * @example
 * identity(3).compress(Float64Array.of(1, 2, 3), key(0));
 * // returns Float64Array [1, 2, 3]
 */
export function identity(d: number): CoordinateProjection {
  checkDim('identity', d);
  const name = `identity(d=${d})`;
  return {
    name,
    dim: d,
    contract: { kind: 'contractive', alpha: 1 },
    deterministic: true,
    coordinateProjection: true,
    bits: () => denseBits(d),
    compress: (x: ReadonlyVector): Vector => {
      checkInput(name, d, x);
      return copy(x);
    },
    expectation: (x: ReadonlyVector): ExactMoments => {
      checkInput(name, d, x);
      return { mean: copy(x), errorSq: 0 };
    },
  };
}
