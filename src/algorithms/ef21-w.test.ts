/**
 * Kills the surviving mutant of ef21-w.ts found by `npm run mutation` (reports/mutation-score.md): w_i = L_i/Σ_j L_j
 * [Richtárik, Gasanov, Burlachenko 2024; docs/theory.md §4.2]. With a positively homogeneous compressor the iterates
 * only see the products w_i·g_i, so a mis-normalised w (e.g. L_i·Σ_j L_j) moves nothing else: pin w itself.
 */
import { describe, expect, it } from 'vitest';
import { topK } from '../compressors/top-k.ts';
import { exactOracle } from '../oracles/exact.ts';
import { diagonalQuadratic } from '../problems/diagonal-quadratic.ts';
import { key } from '../rng/key.ts';
import { ef21W, ef21Weights } from './ef21-w.ts';

describe('EF21-W weights (mutation kills)', () => {
  it('are L_i / Σ_j L_j: (1, 1, 1, 100) gives (1, 1, 1, 100)/103, summing to 1', () => {
    expect(ef21Weights([1, 1, 1, 100])).toEqual([1 / 103, 1 / 103, 1 / 103, 100 / 103]);
    expect(ef21Weights([2, 6])).toEqual([0.25, 0.75]);
  });

  it('are what the state carries, and the initial g_i are ∇f_i/(n w_i)', () => {
    const problem = diagonalQuadratic([
      [2, 2],
      [6, 6],
    ]); // L_i = (2, 6), w = (1/4, 3/4)
    const s = ef21W({ gamma: 0.1, compressor: topK(2, 1), x0: [1, -1] }).init(exactOracle(problem), key(0));
    expect(s.wi).toEqual([0.25, 0.75]);
    // ∇f_1(x⁰) = (2, −2), n w_1 = 1/2 → (4, −4); ∇f_2(x⁰) = (6, −6), n w_2 = 3/2 → (4, −4): both are ∇f_i/L_i·L_AM.
    expect(Array.from(s.gi[0])).toEqual([4, -4]);
    expect(Array.from(s.gi[1])).toEqual([4, -4]);
  });
});
