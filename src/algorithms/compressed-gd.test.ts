import { describe, expect, it } from 'vitest';
import { topK } from '../compressors/top-k.ts';
import { exactOracle } from '../oracles/exact.ts';
import { beznosikovInstance } from '../problems/beznosikov.ts';
import { key } from '../rng/key.ts';
import { compressedGd, type CompressedGdState } from './compressed-gd.ts';
import { trajectory } from './run.ts';

describe('naive compressed GD on the Beznosikov instance (docs/theory.md §2.3)', () => {
  it('grows exactly like (1 + 11γ/6)^k from (1, 1, 1), for γ ∈ {0.01, 0.1, 0.5}', () => {
    const K = 40;
    for (const gamma of [0.01, 0.1, 0.5]) {
      const run = trajectory(
        compressedGd({ gamma, compressor: topK(3, 1), x0: [1, 1, 1] }),
        exactOracle(beznosikovInstance()),
        K,
        key(7),
        { keepStates: true },
      );
      const states = run.states as CompressedGdState[];
      for (let k = 0; k <= K; k++) {
        const expected = (1 + (11 * gamma) / 6) ** k;
        // Each step is one multiply-add per coordinate: k roundings of a value of size expected.
        for (const v of states[k].x)
          expect(Math.abs(v - expected)).toBeLessThanOrEqual(4 * (k + 1) * Number.EPSILON * expected);
      }
    }
  });

  it('matches the five-step table of docs/theory.md §2.3', () => {
    const table: [number, number][] = [
      [0.01, 1.0950899650726722],
      [0.1, 2.320253795],
      [0.5, 25.86621898],
    ];
    for (const [gamma, x5] of table) {
      const run = trajectory(
        compressedGd({ gamma, compressor: topK(3, 1), x0: [1, 1, 1] }),
        exactOracle(beznosikovInstance()),
        5,
        key(0),
      );
      for (const v of run.final.x) expect(Math.abs(v - x5)).toBeLessThanOrEqual(0.5e-8 * x5);
    }
  });
});
