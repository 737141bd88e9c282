/**
 * What every per-compressor spec needs from the registry: the contract assertion's builder and parameter
 * arbitrary, and the checker's verdicts for each example family (quick effort, seed from FC_SEED).
 */
import type fc from 'fast-check';
import { compressorRegistry, type CompressorEntry } from '../../src/compressors/registry.ts';
import type { Compressor } from '../../src/compressors/types.ts';
import { entryFamily } from '../../src/check/catalogue.ts';
import { checkFamily } from '../../src/check/check-family.ts';
import type { CompressorVerdict } from '../../src/check/types.ts';
import { registryParams, type RegistryCase } from '../arbitraries/registry-params.ts';
import { specSeed } from '../check/spec-seed.ts';

export function registryEntry(id: string): CompressorEntry {
  const entry = compressorRegistry.find((e) => e.id === id);
  if (entry === undefined) throw new RangeError(`registry-case: no registry entry '${id}'`);
  return entry;
}

/** Arguments for assertCompressorContract: build from (d, params), and the arbitrary of (d, params). */
export function contractCase(id: string, maxDim = 200): [(c: RegistryCase) => Compressor, fc.Arbitrary<RegistryCase>] {
  const entry = registryEntry(id);
  return [(c) => entry.build(c.d, c.params), registryParams(entry, { maxDim })];
}

/** The checker's verdict for each example family of the entry (d from 1 to 1000, known worst cases included). */
export function catalogueVerdicts(id: string): CompressorVerdict[] {
  const entry = registryEntry(id);
  const n = entry.examples(16).length;
  return Array.from({ length: n }, (_, i) =>
    checkFamily(entryFamily(entry, i), { seed: specSeed(i), effort: 'quick' }),
  );
}

/** Status and tightness of each verdict, for one readable expectation. */
export const summary = (vs: readonly CompressorVerdict[]): { name: string; status: string; failure: string }[] =>
  vs.map((v) => ({
    name: v.name,
    status: v.status,
    failure: v.failure === undefined ? '' : `${v.failure.kind}: ${v.failure.message}`,
  }));
