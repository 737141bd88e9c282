import { describe, expect, it } from 'vitest';
import { topK } from '../compressors/top-k.ts';
import { batchGradI } from '../oracles/batch-average.ts';
import { exactOracle } from '../oracles/exact.ts';
import { gaussianOracle } from '../oracles/gaussian.ts';
import { diagonalQuadratic } from '../problems/diagonal-quadratic.ts';
import { key, split } from '../rng/key.ts';
import { ef21Sgdm } from './ef21-sgdm.ts';
import { ef21Sgd2m } from './ef21-sgd2m.ts';

describe('EF21-SGDM', () => {
  it('one step by hand: f = ½‖x‖², Top1, η = ½, γ = ¼ from x⁰ = (1, 2)', () => {
    // v⁰ = g⁰ = (1, 2); x¹ = (0.75, 1.5); v¹ = ½(1, 2) + ½(0.75, 1.5) = (0.875, 1.75);
    // c = Top1(v¹ − g⁰) = Top1((−0.125, −0.25)) = (0, −0.25); g¹ = (1, 1.75).
    const oracle = exactOracle(diagonalQuadratic([[1, 1]]));
    const alg = ef21Sgdm({ gamma: 0.25, eta: 0.5, compressor: topK(2, 1), x0: [1, 2] });
    const s1 = alg.step(alg.init(oracle, key(0)), oracle, key(1));
    expect(Array.from(s1.x)).toEqual([0.75, 1.5]);
    expect(Array.from(s1.vi[0])).toEqual([0.875, 1.75]);
    expect(Array.from(s1.gi[0])).toEqual([1, 1.75]);
    expect(Array.from(s1.g)).toEqual([1, 1.75]);
    expect(s1.bitsPerNode).toBe(64 + 1);
  });

  it('initialises v_i⁰ = g_i⁰ with the B_init-sample average of batchGradI on the init noise key', () => {
    const problem = diagonalQuadratic(
      [
        [1, 2, 3],
        [3, 2, 1],
      ],
      [
        [0.5, 0, 1],
        [1, 1, 0],
      ],
    );
    const oracle = gaussianOracle(problem, 2);
    const x0 = [0.1, -0.2, 0.3];
    const k = key(5);
    const s = ef21Sgdm({ gamma: 0.1, eta: 0.1, compressor: topK(3, 1), bInit: 16, x0 }).init(oracle, k);
    const kNoise = split(k)[0];
    for (let i = 0; i < 2; i++) {
      expect(s.vi[i]).toEqual(batchGradI(oracle, i, Float64Array.from(x0), kNoise, 16));
      expect(s.gi[i]).toEqual(s.vi[i]);
      expect(s.gi[i]).not.toBe(s.vi[i]); // separate arrays: the state never aliases two of its fields
    }
    expect(s.initBitsPerNode).toBe(3 * 64);
  });
});

/**
 * Kills the surviving name mutants of the momentum methods found by `npm run mutation` (reports/mutation-score.md):
 * reports print `alg.name` verbatim (docs/design.md §2.5), so B_init must appear exactly when it is not the default 1.
 */
describe('EF21-SGDM and EF21-SGD2M names (mutation kills)', () => {
  it('carry γ, η and the compressor, and B_init only when it is not 1', () => {
    const C = topK(3, 1);
    expect(ef21Sgdm({ gamma: 0.1, eta: 0.5, compressor: C }).name).toBe('ef21-sgdm(γ=0.1,η=0.5,top-k(k=1,d=3))');
    expect(ef21Sgdm({ gamma: 0.1, eta: 0.5, compressor: C, bInit: 1 }).name).toBe(
      'ef21-sgdm(γ=0.1,η=0.5,top-k(k=1,d=3))',
    );
    expect(ef21Sgdm({ gamma: 0.1, eta: 0.5, compressor: C, bInit: 4 }).name).toBe(
      'ef21-sgdm(γ=0.1,η=0.5,top-k(k=1,d=3),bInit=4)',
    );
    expect(ef21Sgd2m({ gamma: 0.2, eta: 1, compressor: C }).name).toBe('ef21-sgd2m(γ=0.2,η=1,top-k(k=1,d=3))');
    expect(ef21Sgd2m({ gamma: 0.2, eta: 1, compressor: C, bInit: 8 }).name).toBe(
      'ef21-sgd2m(γ=0.2,η=1,top-k(k=1,d=3),bInit=8)',
    );
  });
});
