/**
 * Built-in compressors as check subjects and families: the engine drives everything through CheckSubject, so a
 * Compressor (src/compressors/types.ts) only needs its compress wrapped and its declared flags passed through.
 */
import type { Compressor } from '../compressors/types.ts';
import type { CheckSubject, CompressorFamily } from './types.ts';

/** A built-in compressor as the engine sees it (draws are not observable, so `deterministic` is the declared flag). */
export function subjectOf(c: Compressor): CheckSubject {
  const expectation = c.expectation;
  const base: CheckSubject = {
    name: c.name,
    dim: c.dim,
    contract: c.contract,
    deterministic: c.deterministic,
    run: (x, k) => ({ output: c.compress(x, k), draws: undefined }),
  };
  return expectation === undefined ? base : { ...base, expectation: (x) => expectation.call(c, x) };
}

export interface FamilyOptions {
  readonly supports?: (d: number) => boolean;
  readonly minDim?: number;
  readonly maxDim?: number;
  readonly replayTarget?: string;
}

/**
 * A family from a builder d → Compressor (e.g. a registry entry with its parameters chosen per d).
 * @example
 * compressorFamily('top-k(k=⌈d/4⌉)', (d) => topK(d, Math.ceil(d / 4))).at(8).name;
 * // returns 'top-k(k=2,d=8)'
 */
export function compressorFamily(
  name: string,
  build: (d: number) => Compressor,
  options: FamilyOptions = {},
): CompressorFamily {
  const cache = new Map<number, CheckSubject>();
  const family: CompressorFamily = {
    name,
    at: (d) => {
      let s = cache.get(d);
      if (s === undefined) {
        s = subjectOf(build(d));
        cache.set(d, s);
      }
      return s;
    },
    ...(options.supports === undefined ? {} : { supports: options.supports }),
    ...(options.minDim === undefined ? {} : { minDim: options.minDim }),
    ...(options.maxDim === undefined ? {} : { maxDim: options.maxDim }),
    ...(options.replayTarget === undefined ? {} : { replayTarget: options.replayTarget }),
  };
  return family;
}

/** A single compressor of fixed dimension as a one-dimension family. */
export function fixedFamily(c: Compressor): CompressorFamily {
  const s = subjectOf(c);
  return { name: c.name, at: () => s, minDim: c.dim, maxDim: c.dim, supports: (d) => d === c.dim };
}
