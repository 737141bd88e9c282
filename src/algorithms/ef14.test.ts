/**
 * Kills the surviving mutants of ef14.ts found by `npm run mutation` (reports/mutation-score.md). The virtual-
 * iterate identity (properties/algorithms/metamorphic.spec.ts) cannot see a node that sends nothing and keeps
 * everything: x then never moves, and x⁰ − γ Σ_s mean_i ĝ_i(x⁰) is still "exactly SGD's" replay. These tests pin
 * what is sent: c_i = C(ĝ_i + e_i) (docs/theory.md §2.1).
 */
import { describe, expect, it } from 'vitest';
import { identity } from '../compressors/identity.ts';
import { topK } from '../compressors/top-k.ts';
import { exactOracle } from '../oracles/exact.ts';
import { diagonalQuadratic } from '../problems/diagonal-quadratic.ts';
import { key } from '../rng/key.ts';
import { ef14 } from './ef14.ts';
import { gd } from './gd.ts';
import { trajectory } from './run.ts';

const values = (v: ArrayLike<number>): number[] => Array.from(v, (t) => t + 0); // +0: compare values, not signs of zero

describe('EF14 (mutation kills)', () => {
  it('one step by hand: f = ½‖x‖², Top1, γ = ¼ from x⁰ = (1, 2)', () => {
    // init:  p = ∇f(x⁰) = (1, 2), c = Top1(p) = (0, 2), e = p − c = (1, 0), g⁰ = c.
    // step:  x¹ = x⁰ − γg⁰ = (1, 1.5); p = ∇f(x¹) + e = (2, 1.5), c = (2, 0), e = (0, 1.5), g¹ = (2, 0).
    const oracle = exactOracle(diagonalQuadratic([[1, 1]]));
    const alg = ef14({ gamma: 0.25, compressor: topK(2, 1), x0: [1, 2] });
    const s0 = alg.init(oracle, key(0));
    expect(values(s0.g)).toEqual([0, 2]);
    expect(values(s0.ei[0])).toEqual([1, 0]);
    expect(s0.initBitsPerNode).toBe(64 + 1);
    const s1 = alg.step(s0, oracle, key(1));
    expect(values(s1.x)).toEqual([1, 1.5]);
    expect(values(s1.g)).toEqual([2, 0]);
    expect(values(s1.ei[0])).toEqual([0, 1.5]);
    expect(s1.bitsPerNode).toBe(64 + 1);
  });

  it('with the identity compressor the memories stay 0 and the run is GD, value for value', () => {
    const problem = diagonalQuadratic(
      [
        [1, 2, 0.5],
        [3, 0.25, 1],
      ],
      [
        [0.5, -1, 0],
        [1, 0, -0.25],
      ],
    );
    const oracle = exactOracle(problem);
    const x0 = [0.3, -0.7, 1.1];
    const a = trajectory(ef14({ gamma: 0.2, compressor: identity(3), x0 }), oracle, 6, key(4), { keepStates: true });
    const b = trajectory(gd({ gamma: 0.2, x0 }), oracle, 6, key(4), { keepStates: true });
    const sa = a.states ?? [];
    const sb = b.states ?? [];
    expect(sa.length).toBe(7);
    for (let t = 0; t <= 6; t++) {
      expect(values(sa[t].x)).toEqual(values(sb[t].x));
      expect(values(sa[t].g)).toEqual(values(sb[t].g));
      for (const e of sa[t].ei) expect(values(e)).toEqual([0, 0, 0]);
    }
  });
});
