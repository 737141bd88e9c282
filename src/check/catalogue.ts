/**
 * The built-in catalogue as families for the checker: every registry entry with each of its example parameter
 * sets, plus the combinator specs (src/compressors/registry.ts). A family fixes "the i-th example at each d", so
 * e.g. top-k's families are k = 1, k = ⌈d/4⌉ and k = d.
 */
import {
  combinatorSpecs,
  compressorRegistry,
  parseCompressorSpec,
  type CompressorEntry,
} from '../compressors/registry.ts';
import { compressorFamily } from './compressor-family.ts';
import type { CompressorFamily } from './types.ts';

const REFERENCE_DIM = 16;

/** The i-th example of an entry as a family (named after the compressor it gives at d = 16). */
export function entryFamily(entry: CompressorEntry, i: number): CompressorFamily {
  const name = `${entry.id} example ${i + 1}: ${entry.build(REFERENCE_DIM, entry.examples(REFERENCE_DIM)[i]).name} at d=${REFERENCE_DIM}`;
  return compressorFamily(name, (d) => entry.build(d, entry.examples(d)[i]), {
    supports: (d) => entry.examples(d).length > i,
  });
}

/** A spec string ('top-k:k=2', 'rand-k:k=0.5,scaled+natural') as a family; dimensions where it does not build are skipped. */
export function specFamily(spec: string): CompressorFamily {
  parseCompressorSpec(spec, REFERENCE_DIM); // a malformed spec fails here, with the registry's one-line message
  const ok = new Map<number, boolean>();
  const supports = (d: number): boolean => {
    let v = ok.get(d);
    if (v === undefined) {
      try {
        parseCompressorSpec(spec, d);
        v = true;
      } catch {
        v = false;
      }
      ok.set(d, v);
    }
    return v;
  };
  return compressorFamily(spec, (d) => parseCompressorSpec(spec, d), { supports, replayTarget: spec });
}

/** The i-th combinator spec at each d, as a family. */
function combinatorFamily(i: number): CompressorFamily {
  const spec = (d: number): string => combinatorSpecs(d)[i];
  const supports = (d: number): boolean => {
    try {
      parseCompressorSpec(spec(d), d);
      return true;
    } catch {
      return false;
    }
  };
  return compressorFamily(
    `combinator ${i + 1}: ${spec(REFERENCE_DIM)} at d=${REFERENCE_DIM}`,
    (d) => parseCompressorSpec(spec(d), d),
    { supports },
  );
}

/**
 * Every family of the catalogue, entries first, then combinators.
 * @example
 * catalogueFamilies().some((f) => f.name.startsWith('rand-k'));
 * // returns true
 */
export function catalogueFamilies(): CompressorFamily[] {
  const out: CompressorFamily[] = [];
  for (const entry of compressorRegistry) {
    const n = entry.examples(REFERENCE_DIM).length;
    for (let i = 0; i < n; i++) out.push(entryFamily(entry, i));
  }
  const m = combinatorSpecs(REFERENCE_DIM).length;
  for (let i = 0; i < m; i++) out.push(combinatorFamily(i));
  return out;
}
