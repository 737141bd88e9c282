import { describe, expect, it } from 'vitest';
import { topK } from '../compressors/top-k.ts';
import { sameBits } from '../linalg/vector.ts';
import { exactOracle } from '../oracles/exact.ts';
import { diagonalQuadratic } from '../problems/diagonal-quadratic.ts';
import { key } from '../rng/key.ts';
import { meanSe, refutesLowerBound, refutesUpperBound } from '../stats/mean-se.ts';
import { ef21Pp, type EF21PpState } from './ef21-pp.ts';
import { trajectory } from './run.ts';

describe('EF21-PP', () => {
  it('the initial state records that every node sent its first message (participated all true, t = 0)', () => {
    const problem = diagonalQuadratic(
      [
        [1, 2],
        [2, 1],
        [1, 1],
      ],
      [
        [1, 0],
        [0, 1],
        [1, 1],
      ],
    );
    const s0 = ef21Pp({ gamma: 0.1, p: 0.3, compressor: topK(2, 1), x0: [1, -1] }).init(exactOracle(problem), key(1));
    expect(s0.participated).toEqual([true, true, true]);
  });

  it('each node joins with probability p; silent nodes keep g_i bit for bit and are not billed', () => {
    const n = 4;
    const T = 2000;
    const p = 0.3;
    const problem = diagonalQuadratic(
      [
        [1, 2],
        [2, 1],
        [1, 1],
        [0.5, 2],
      ],
      [
        [1, 0],
        [0, 1],
        [1, 1],
        [-1, 0],
      ],
    );
    const run = trajectory(
      ef21Pp({ gamma: 0.1, p, compressor: topK(2, 1), x0: [1, -1] }),
      exactOracle(problem),
      T,
      key(9),
      { keepStates: true, record: T },
    );
    const states = run.states as EF21PpState[];
    const joined: number[] = [];
    for (let t = 1; t <= T; t++) {
      const s = states[t];
      const senders = s.participated.filter(Boolean).length;
      expect(Math.abs(s.bitsPerNode - states[t - 1].bitsPerNode - (senders * (64 + 1)) / n)).toBeLessThanOrEqual(
        1e-12 * s.bitsPerNode,
      );
      s.participated.forEach((sent, i) => {
        joined.push(sent ? 1 : 0);
        if (!sent) expect(sameBits(s.gi[i], states[t - 1].gi[i])).toBe(true);
      });
    }
    // n·T = 8000 independent Bernoulli(p) draws; z = 6 (src/stats/mean-se.ts).
    const rate = meanSe(joined);
    expect(refutesUpperBound(rate, p)).toBe(false);
    expect(refutesLowerBound(rate, p)).toBe(false);
    expect(rate.n).toBe(n * T);
  });
});
