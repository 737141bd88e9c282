import { describe, expect, it } from 'vitest';
import { randK } from '../compressors/rand-k.ts';
import { exactOracle } from '../oracles/exact.ts';
import { diagonalQuadratic } from '../problems/diagonal-quadratic.ts';
import { foldIn, key } from '../rng/key.ts';
import { ef21 } from './ef21.ts';
import { compressorKey, type Randomness } from './validate.ts';

/** The coordinates node i's message kept (EF21 round 1: c_i = g_i¹ − g_i⁰, nonzero exactly where rand-k kept). */
function keptSets(randomness: Randomness | undefined, seed: number): string[] {
  const d = 6;
  const n = 3;
  // Identical nodes, gradients nonzero everywhere along the first step: every node compresses the same vector.
  const oracle = exactOracle(diagonalQuadratic(Array.from({ length: n }, () => [1, 2, 3, 4, 5, 6])));
  const alg = ef21({
    gamma: 0.05,
    compressor: randK(d, 2),
    x0: [1, 1, 1, 1, 1, 1],
    ...(randomness !== undefined ? { randomness } : {}),
  });
  const s0 = alg.init(oracle, key(0));
  const s1 = alg.step(s0, oracle, key(seed));
  return s1.gi.map((gi, i) => [...gi].flatMap((v, j) => (v !== s0.gi[i][j] ? [j] : [])).join(','));
}

describe('compressorKey: shared versus independent compressor randomness (docs/theory.md §1.3)', () => {
  it('shared gives every node the round key itself; independent (and the default) gives node i foldIn(k, i)', () => {
    const k = key(42);
    for (let i = 0; i < 4; i++) {
      expect(compressorKey(k, i, 'shared')).toEqual(k);
      expect(compressorKey(k, i, 'independent')).toEqual(foldIn(k, i));
      expect(compressorKey(k, i, undefined)).toEqual(foldIn(k, i));
      expect(compressorKey(k, i, 'independent')).not.toEqual(k);
    }
  });

  it('through an EF21 step with rand-k on identical nodes: shared ⇒ every node keeps the same coordinates', () => {
    for (const seed of [1, 2, 3]) {
      const kept = keptSets('shared', seed);
      expect(kept[0].split(',')).toHaveLength(2);
      expect(new Set(kept).size, `seed ${seed}: ${kept.join(' | ')}`).toBe(1);
    }
  });

  it('through an EF21 step with rand-k on identical nodes: independent (default) ⇒ the kept sets differ (seed 1 pinned)', () => {
    const def = keptSets(undefined, 1);
    expect(def).toEqual(keptSets('independent', 1));
    for (const s of def) expect(s.split(',')).toHaveLength(2);
    expect(new Set(def).size, def.join(' | ')).toBeGreaterThan(1);
  });
});
