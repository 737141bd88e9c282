import { describe, expect, it } from 'vitest';
import { enumerateOutcomes, TooManyOutcomesError } from './choice-tree.ts';

describe('enumerateOutcomes', () => {
  it('visits every path of independent draws once, with product probabilities, in lexicographic order', () => {
    const out = enumerateOutcomes((choose) => choose([0.5, 0.5]) + choose([0.25, 0.75]));
    expect(out.map((o) => [o.path, o.value, o.p])).toEqual([
      [[0, 0], 0, 0.125],
      [[0, 1], 1, 0.375],
      [[1, 0], 1, 0.125],
      [[1, 1], 2, 0.375],
    ]);
  });

  it('follows draws that happen on some paths only, and the probabilities still sum to 1', () => {
    const out = enumerateOutcomes((choose) => (choose([0.3, 0.7]) === 0 ? 10 : 20 + choose([0.2, 0.5, 0.3])));
    expect(out.map((o) => o.value)).toEqual([10, 20, 21, 22]);
    expect(out.map((o) => o.p)).toEqual([0.3, 0.7 * 0.2, 0.7 * 0.5, 0.7 * 0.3]);
    // The exact expectation: 0.3·10 + 0.7·(20 + 0.5 + 0.6).
    expect(out.reduce((a, o) => a + o.p * o.value, 0)).toBeCloseTo(0.3 * 10 + 0.7 * 21.1, 12);
  });

  it('a computation without draws has one outcome of probability 1', () => {
    expect(enumerateOutcomes(() => 'only')).toEqual([{ p: 1, path: [], value: 'only' }]);
  });

  it('refuses trees larger than the limit instead of summing part of them', () => {
    const tenCoins = (choose: (p: readonly number[]) => number): number => {
      let s = 0;
      for (let t = 0; t < 10; t++) s += choose([0.5, 0.5]);
      return s;
    };
    expect(() => enumerateOutcomes(tenCoins, 512)).toThrow(TooManyOutcomesError);
    expect(enumerateOutcomes(tenCoins, 1024)).toHaveLength(1024);
  });

  it('a computation whose draws change between runs is caught', () => {
    let runs = 0;
    expect(() => enumerateOutcomes((choose) => choose(runs++ === 0 ? [0.25, 0.25, 0.5] : [1]))).toThrow(
      /fewer than on another/,
    );
  });
});
