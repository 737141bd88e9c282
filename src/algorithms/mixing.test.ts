/**
 * Mixing matrices (src/algorithms/mixing.ts): the Metropolis–Hastings weights are symmetric, doubly stochastic and
 * non-negative on random graphs and zero off the graph; the ring's W by hand; relabelling and automorphisms.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAutomorphism, metropolisWeights, mixingMatrix, permuteMixing, ringAdjacency, ringMixing } from './mixing.ts';

const third = 1 / 3;

describe('mixing matrices', () => {
  it('[D] Metropolis weights on a random graph: symmetric, rows summing to 1, non-negative, zero off the edges', () => {
    const graphArb = fc
      .integer({ min: 1, max: 9 })
      .chain((n) => fc.array(fc.boolean(), { minLength: n * n, maxLength: n * n }).map((bits) => ({ n, bits })));
    fc.assert(
      fc.property(graphArb, ({ n, bits }) => {
        const adjacency = Array.from({ length: n }, (_, i) =>
          Array.from({ length: n }, (_, j) => i !== j && bits[Math.min(i, j) * n + Math.max(i, j)]),
        );
        const W = metropolisWeights(adjacency);
        expect(mixingMatrix(n, W)).toBe(W);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            expect(W[i][j]).toBeGreaterThanOrEqual(0);
            if (i !== j && !adjacency[i][j]) expect(W[i][j]).toBe(0);
          }
        }
      }),
    );
  });

  it('the ring: 1/3 to each neighbour and to oneself from n = 3 on, ½ at n = 2, 1 at n = 1', () => {
    expect(ringMixing.matrix(1)).toEqual([[1]]);
    expect(ringMixing.matrix(2)).toEqual([
      [0.5, 0.5],
      [0.5, 0.5],
    ]);
    // W_ii = 1 − 2/3 rounds to 1/3 + 1 ulp; the off-diagonal weights are 1/3 itself.
    const close = (W: readonly (readonly number[])[], want: number[][]): void => {
      for (let i = 0; i < W.length; i++) {
        for (let j = 0; j < W.length; j++) expect(Math.abs(W[i][j] - want[i][j])).toBeLessThanOrEqual(1e-16);
      }
    };
    close(ringMixing.matrix(3), [
      [third, third, third],
      [third, third, third],
      [third, third, third],
    ]);
    close(ringMixing.matrix(5), [
      [third, third, 0, 0, third],
      [third, third, third, 0, 0],
      [0, third, third, third, 0],
      [0, 0, third, third, third],
      [third, 0, 0, third, third],
    ]);
    expect(ringMixing.matrix(5)[0][1]).toBe(third);
    expect(ringAdjacency(4).map((row) => row.filter(Boolean).length)).toEqual([2, 2, 2, 2]);
    expect(ringMixing.name).toBe('ring');
    expect(() => ringAdjacency(0)).toThrow(/n ≥ 1/);
  });

  it('relabelling: W′_{ij} = W_{π(i)π(j)}; the rotations and reflections of a ring are its automorphisms, a transposition of neighbours is not', () => {
    const W = ringMixing.matrix(5);
    expect(isAutomorphism(W, [1, 2, 3, 4, 0])).toBe(true);
    expect(isAutomorphism(W, [0, 4, 3, 2, 1])).toBe(true);
    expect(isAutomorphism(W, [1, 0, 2, 3, 4])).toBe(false);
    const P = permuteMixing(W, [1, 0, 2, 3, 4]);
    expect(P[0]).toEqual(W[1].map((_, j) => W[1][[1, 0, 2, 3, 4][j]]));
    expect(mixingMatrix(5, P)).toBe(P);
    // Any W is invariant under every π on the complete graph.
    expect(isAutomorphism(mixingMatrix(4), [2, 0, 3, 1])).toBe(true);
  });

  it('refuses an adjacency that is not square or not symmetric', () => {
    expect(() => metropolisWeights([[false, true]])).toThrow(/1×1/);
    expect(() =>
      metropolisWeights([
        [false, true],
        [false, false],
      ]),
    ).toThrow(/symmetric/);
  });
});
