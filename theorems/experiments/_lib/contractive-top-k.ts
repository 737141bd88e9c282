/**
 * The top-k compressor the experiment files run (src/compressors/registry.ts spec `top-k:k=…`), with its
 * contraction parameter α = k/d, which every theory step of theirs needs.
 */
import { parseCompressorSpec } from '../../../src/compressors/registry.ts';
import type { Compressor } from '../../../src/compressors/types.ts';

/** top-k on ℝ^dim and its α; `claim` names the experiment in the error should the registry's top-k not be contractive. */
export function contractiveTopK(claim: string, k: number, dim: number): { compressor: Compressor; alpha: number } {
  const compressor = parseCompressorSpec(`top-k:k=${k}`, dim);
  if (compressor.contract.kind !== 'contractive') throw new RangeError(`${claim}: top-k must be contractive`);
  return { compressor, alpha: compressor.contract.alpha };
}
