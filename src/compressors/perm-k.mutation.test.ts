/**
 * Kills the surviving mutants of perm-k.ts found by `npm run mutation`: the shape guard (L47, ten mutants), the
 * input count of permKMoments (L133), the d = n boundary of the block layout (L63), of A = B (L92) and of the
 * moment factor (L136) at d = n = 1, and the loop bounds that leave an extra 'undefined' key on the blocks (L67, L74).
 */
import { describe, expect, it } from 'vitest';
import { permK, permKBlocks, permKMoments } from './perm-k.ts';

const shapeError = (d: number, n: number): RegExp =>
  new RegExp(`^perm-k: need integers d ≥ 1 and n ≥ 1, got d=${String(d).replace('.', '\\.')}, n=${String(n).replace('.', '\\.')}$`);

describe('perm-k (mutation kills)', () => {
  it('refuses d or n that is zero, negative or fractional, naming the bad value', () => {
    for (const [d, n] of [[0, 1], [0, 0], [-1, 1], [-2, 2], [1.5, 1], [4, 2.5], [1, 0], [3, -1]] as const) {
      expect(() => permK(d, n), `d=${d}, n=${n}`).toThrow(RangeError);
      expect(() => permK(d, n), `d=${d}, n=${n}`).toThrow(shapeError(d, n));
      expect(() => permKBlocks(d, n, [], []), `d=${d}, n=${n}`).toThrow(shapeError(d, n));
      expect(() => permKMoments(d, n, []), `d=${d}, n=${n}`).toThrow(shapeError(d, n));
    }
  });

  it('permKMoments refuses too few and too many inputs with a RangeError', () => {
    const x = Float64Array.of(1, 2);
    expect(() => permKMoments(2, 2, [x])).toThrow(/permKMoments: need 2 inputs, got 1/);
    expect(() => permKMoments(2, 2, [x, x, x])).toThrow(/permKMoments: need 2 inputs, got 3/);
  });

  it('at d = n, node σ(b) sends the single coordinate π(b) (the d ≥ n layout, which reads π)', () => {
    const blocks = permKBlocks(3, 3, Int32Array.of(2, 0, 1), Int32Array.of(1, 2, 0));
    expect(blocks.map((b) => Array.from(b))).toEqual([[1], [2], [0]]);
  });

  it('returns exactly n blocks: no stray keys beyond the nodes, for d ≥ n and for d < n', () => {
    expect(Object.keys(permKBlocks(5, 2, Int32Array.of(4, 3, 2, 1, 0), Int32Array.of(1, 0)))).toEqual(['0', '1']);
    expect(Object.keys(permKBlocks(2, 4, [], Int32Array.of(3, 1, 0, 2)))).toEqual(['0', '1', '2', '3']);
  });

  it('one node, one coordinate: C(x) = x, A = B = 1 and aggregate variance 0 (not 0/0)', () => {
    const c = permK(1, 1);
    expect(c.perNode).toEqual({ kind: 'unbiased', omega: 0 });
    expect(c.ab).toEqual({ A: 1, B: 1 });
    expect(permKMoments(1, 1, [Float64Array.of(-3)])).toEqual({ mean: Float64Array.of(-3), variance: 0 });
  });
});
