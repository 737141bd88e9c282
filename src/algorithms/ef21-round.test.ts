/**
 * Kills the surviving mutants of ef21-round.ts found by `npm run mutation` (reports/mutation-score.md). The sparse
 * path (compressSparse, with a module-level scratch buffer for target_i − g_i) promises two things in its comments:
 * it is the dense round bit for bit, and a re-entrant round (a compressor or oracle that runs a round of its own)
 * never writes into the buffer the outer round is still reading.
 */
import { describe, expect, it } from 'vitest';
import { topK } from '../compressors/top-k.ts';
import type { Compressor } from '../compressors/types.ts';
import { sameBits } from '../linalg/vector.ts';
import { key } from '../rng/key.ts';
import { ef21Round, type EF21RoundInput, type EF21RoundOutput } from './ef21-round.ts';

const d = 5;
const sparseTopK = topK(d, 2);
const { compressSparse: _sparse, ...denseTopK } = sparseTopK;
const dense: Compressor = denseTopK;

/** Two nodes; g_i holds −0 entries off the top-2 support of target_i − g_i. */
function input(compressor: Compressor): EF21RoundInput {
  const gi = [Float64Array.of(-0, 1, -0, 2, 0.5), Float64Array.of(3, -0, -0, -1, 0)];
  const targets = [Float64Array.of(-0, 9, -0, -7, 0.5), Float64Array.of(3, 4, -0, 6, 0)];
  return {
    compressor,
    gi,
    g: Float64Array.of(1.5, 0.5, -0, 0.5, 0.25),
    target: (i) => targets[i].slice(),
    kCompress: key(9),
  };
}

function sameRound(a: EF21RoundOutput, b: EF21RoundOutput): boolean {
  return sameBits(a.g, b.g) && a.gi.every((v, i) => sameBits(v, b.gi[i])) && a.bitsPerNode === b.bitsPerNode;
}

describe('ef21Round (mutation kills)', () => {
  it('the sparse path is the dense round bit for bit, signs of zero included (g_i⁺ = g_i + 0 off the support)', () => {
    const s = ef21Round(input(sparseTopK));
    const r = ef21Round(input(dense));
    expect(sameRound(s, r)).toBe(true);
    expect(Object.is(s.gi[0][0], 0)).toBe(true); // −0 + 0 = +0, as in the dense message
    expect(Array.from(s.gi[0])).toEqual([0, 9, 0, -7, 0.5]);
  });

  it('a compressor that runs rounds of its own inside compressSparse does not corrupt the outer round', () => {
    // Two nested rounds of the same dimension, each with a sparse compressor: the second one tests that the first
    // one's exit did not release the outer round's buffer.
    const nestedInput: EF21RoundInput = {
      compressor: sparseTopK,
      gi: [Float64Array.of(7, 7, 7, 7, 7)],
      g: new Float64Array(d),
      target: [Float64Array.of(-3, -3, -3, -3, -3)],
      kCompress: key(1),
    };
    const nesting: Compressor = {
      ...sparseTopK,
      compressSparse: (x, k) => {
        ef21Round(nestedInput);
        ef21Round(nestedInput);
        return (
          sparseTopK.compressSparse?.(x, k) ?? {
            indices: new Int32Array(0),
            values: new Float64Array(0),
            bits: { values: 0, indices: 0 },
          }
        );
      },
    };
    expect(sameRound(ef21Round(input(nesting)), ef21Round(input(sparseTopK)))).toBe(true);
  });
});
