import { describe, expect, it } from 'vitest';
import { randK } from '../compressors/rand-k.ts';
import { exactOracle } from '../oracles/exact.ts';
import { gaussianOracle } from '../oracles/gaussian.ts';
import { diagonalQuadratic } from '../problems/diagonal-quadratic.ts';
import { strictSaddle } from '../problems/strict-saddle.ts';
import { foldIn, key } from '../rng/key.ts';
import { normal } from '../rng/sample.ts';
import { compressedGd } from './compressed-gd.ts';
import { gd } from './gd.ts';
import { randKSgd } from './rand-k-sgd.ts';
import { trajectory } from './run.ts';

describe('compressed SGD with unbiased RandK (docs/theory.md §7 [R])', () => {
  it('is compressed-gd with rand-k(scaled) and γ = η, bit for bit, on one node and on three', () => {
    const saddle = strictSaddle({ d: 40, key: key(1) });
    const x0 = Float64Array.from(normal(key(2), 40), (z) => 0.1 * z);
    const quad = diagonalQuadratic([
      [1, 2, 3, 4, 5],
      [2, 2, 2, 2, 2],
      [0.5, 1, 0, 3, 1],
    ]);
    for (const [oracle, k, start] of [
      [gaussianOracle(saddle, 0.3), 6, x0],
      [gaussianOracle(quad, 1), 2, Float64Array.of(1, -1, 2, 0, 3)],
    ] as const) {
      const d = oracle.problem.dim;
      const ours = trajectory(randKSgd({ eta: 0.05, k, x0: start }), oracle, 25, key(3));
      const theirs = trajectory(
        compressedGd({ gamma: 0.05, compressor: randK(d, k, { scaled: true }), x0: start }),
        oracle,
        25,
        key(3),
      );
      expect(Array.from(ours.final.x)).toEqual(Array.from(theirs.final.x));
      expect(ours.final.bitsPerNode).toBe(theirs.final.bitsPerNode);
    }
  });

  it('with K = d it is SGD (gd.ts with the same noise keys) bit for bit', () => {
    const p = strictSaddle({ d: 12, key: key(4) });
    const oracle = gaussianOracle(p, 0.5);
    const x0 = Float64Array.from(normal(key(5), 12), (z) => 0.2 * z);
    const a = trajectory(randKSgd({ eta: 0.1, k: 12, x0 }), oracle, 30, key(6));
    const b = trajectory(gd({ gamma: 0.1, x0 }), oracle, 30, key(6));
    expect(Array.from(a.final.x)).toEqual(Array.from(b.final.x));
  });

  it('is unbiased: the mean step over compressor draws is −η∇f (z = 6 per coordinate, 4000 draws, exact gradients)', () => {
    const p = strictSaddle({ d: 20, key: key(7) });
    const oracle = exactOracle(p);
    const x0 = Float64Array.from(normal(key(8), 20), (z) => 0.3 * z);
    const alg = randKSgd({ eta: 0.5, k: 3, x0 });
    const g = p.gradI(0, x0);
    const draws = 4000;
    const sum = new Float64Array(20);
    const sumSq = new Float64Array(20);
    for (let r = 0; r < draws; r++) {
      const s = alg.init(oracle, foldIn(key(9), r));
      for (let j = 0; j < 20; j++) {
        sum[j] += s.g[j];
        sumSq[j] += s.g[j] ** 2;
      }
    }
    for (let j = 0; j < 20; j++) {
      const mean = sum[j] / draws;
      const se = Math.sqrt((sumSq[j] / draws - mean * mean) / (draws - 1));
      expect(Math.abs(mean - g[j])).toBeLessThanOrEqual(6 * se + 1e-15);
    }
  });

  it('bills K values, K indices and sparseBits(K, d) per round, and never mutates the state it steps from', () => {
    const p = strictSaddle({ d: 1000, key: key(10) });
    const oracle = gaussianOracle(p, 0.1);
    const alg = randKSgd({ eta: 0.05, k: 32 });
    let s = alg.init(oracle, key(11));
    expect(s.initBitsPerNode).toBe(32 * (64 + 10));
    for (let t = 0; t < 5; t++) {
      const before = Array.from(s.x);
      const next = alg.step(s, oracle, foldIn(key(12), t));
      expect(Array.from(s.x)).toEqual(before);
      s = next;
    }
    expect([s.t, s.valuesPerNode, s.indicesPerNode, s.bitsPerNode]).toEqual([5, 160, 160, 5 * 32 * 74]);
  });

  it('rejects η ≤ 0, K < 1, a fractional K and K > d', () => {
    expect(() => randKSgd({ eta: 0, k: 1 })).toThrow(RangeError);
    expect(() => randKSgd({ eta: 0.1, k: 0 })).toThrow(RangeError);
    expect(() => randKSgd({ eta: 0.1, k: 1.5 })).toThrow(RangeError);
    const oracle = exactOracle(strictSaddle({ d: 4, key: key(1) }));
    expect(() => randKSgd({ eta: 0.1, k: 5 }).init(oracle, key(1))).toThrow(/K ≤ d/);
  });
});
