import { describe, expect, it } from 'vitest';
import { gaussianOracle } from '../oracles/gaussian.ts';
import { diagonalQuadratic } from '../problems/diagonal-quadratic.ts';
import { strictSaddle } from '../problems/strict-saddle.ts';
import { foldIn, key, split } from '../rng/key.ts';
import { normal } from '../rng/sample.ts';
import { gd } from './gd.ts';
import { randKEfSgd, type RandKEfSgdState } from './rand-k-ef-sgd.ts';
import { trajectory } from './run.ts';

describe('compressed SGD with RandK and error feedback (docs/theory.md §7 [R])', () => {
  it('keeps the virtual iterate on SGD’s path: x^t − c^t − ē^{t+1} = x⁰ − η Σ_{s≤t} ḡ^s, on three nodes', () => {
    const p = diagonalQuadratic([
      [1, 2, 3, 4, 5, 6],
      [2, 2, 2, 2, 2, 2],
      [0.5, 1, 0, 3, 1, 2],
    ]);
    const oracle = gaussianOracle(p, 1);
    const x0 = Float64Array.of(1, -1, 2, 0, 3, 1);
    const eta = 0.05;
    const alg = randKEfSgd({ eta, k: 2, x0 });
    const [kInit, kSteps] = split(key(1));
    let s: RandKEfSgdState = alg.init(oracle, kInit);
    const keys = [kInit];
    const virtual = Float64Array.from(x0);
    for (let t = 0; t <= 40; t++) {
      // ḡ^t: the stochastic gradients the nodes drew at x^t (the noise key is the round key's first split).
      const kNoise = split(keys[t])[0];
      for (let i = 0; i < 3; i++) {
        const gi = oracle.gradI(i, s.x, kNoise);
        for (let j = 0; j < 6; j++) virtual[j] -= (eta * gi[j]) / 3;
      }
      for (let j = 0; j < 6; j++) {
        const eBar = (s.ei[0][j] + s.ei[1][j] + s.ei[2][j]) / 3;
        expect(Math.abs(s.x[j] - s.g[j] - eBar - virtual[j])).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(virtual[j])));
      }
      keys.push(foldIn(kSteps, t));
      s = alg.step(s, oracle, keys[t + 1]);
    }
  });

  it('with K = d (unscaled RandK is the identity) it is SGD with step η, bit for bit', () => {
    const p = strictSaddle({ d: 10, key: key(2) });
    const oracle = gaussianOracle(p, 0.5);
    const x0 = Float64Array.from(normal(key(3), 10), (z) => 0.2 * z);
    const a = trajectory(randKEfSgd({ eta: 0.1, k: 10, x0 }), oracle, 30, key(4));
    const b = trajectory(gd({ gamma: 0.1, x0 }), oracle, 30, key(4));
    expect(Array.from(a.final.x)).toEqual(Array.from(b.final.x));
  });

  it('sends exactly K coordinates a round and bills K values, K indices, sparseBits(K, d)', () => {
    const p = strictSaddle({ d: 300, key: key(5) });
    const oracle = gaussianOracle(p, 0.1);
    const alg = randKEfSgd({ eta: 0.05, k: 7, x0: Float64Array.from(normal(key(6), 300), (z) => 0.05 * z) });
    let s = alg.init(oracle, key(7));
    for (let t = 0; t < 4; t++) {
      s = alg.step(s, oracle, foldIn(key(8), t));
      expect(s.g.reduce((c, v) => c + (v !== 0 ? 1 : 0), 0)).toBeLessThanOrEqual(7);
    }
    expect([s.valuesPerNode, s.indicesPerNode, s.bitsPerNode, s.initBitsPerNode]).toEqual([
      28,
      28,
      4 * 7 * (64 + 9),
      7 * 73,
    ]);
    expect(alg.name).toBe('rand-k-ef-sgd(η=0.05,K=7)');
    expect(randKEfSgd({ eta: 0.05, k: 7, scaled: true }).name).toBe('rand-k-ef-sgd(η=0.05,K=7,scaled)');
  });

  it('rejects η ≤ 0 and K outside [1, d]', () => {
    expect(() => randKEfSgd({ eta: -1, k: 1 })).toThrow(RangeError);
    expect(() => randKEfSgd({ eta: 0.1, k: 0 })).toThrow(RangeError);
    const oracle = gaussianOracle(strictSaddle({ d: 4, key: key(1) }), 0);
    expect(() => randKEfSgd({ eta: 0.1, k: 5 }).init(oracle, key(1))).toThrow(/K ≤ d/);
  });
});
