/**
 * Every example of the compressor registry and every combinator at dimension d (src/compressors/registry.ts):
 * biased, unbiased, absolute, deterministic or random — for claims that hold "for any C" (docs/theory.md §2.1).
 */
import { combinatorSpecs, compressorRegistry, parseCompressorSpec } from '../../../src/compressors/registry.ts';
import type { Compressor } from '../../../src/compressors/types.ts';

export function everyCompressor(d: number): Compressor[] {
  const out: Compressor[] = [];
  for (const entry of compressorRegistry) for (const p of entry.examples(d)) out.push(entry.build(d, p));
  for (const spec of combinatorSpecs(d)) out.push(parseCompressorSpec(spec, d));
  return out;
}
