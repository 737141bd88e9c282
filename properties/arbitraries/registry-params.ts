/**
 * A dimension and one of a registry entry's example parameter sets at that dimension (the entries say which
 * parameters are worth verifying: src/compressors/registry.ts `examples`).
 */
import fc from 'fast-check';
import type { CompressorEntry, SpecParams } from '../../src/compressors/registry.ts';
import { dimension } from '../../src/check/inputs/dimension.ts';

export interface RegistryCase {
  readonly d: number;
  readonly params: SpecParams;
}

/**
 * @example
 * fc.sample(registryParams(compressorRegistry[1], { maxDim: 8 }), 1)[0].d <= 8;
 * // returns true
 */
export function registryParams(
  entry: CompressorEntry,
  options: { readonly maxDim?: number } = {},
): fc.Arbitrary<RegistryCase> {
  return dimension({ max: options.maxDim ?? 200 }).chain((d) =>
    fc.constantFrom(...entry.examples(d)).map((params): RegistryCase => ({ d, params })),
  );
}
