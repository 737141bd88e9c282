import { describe, expect, it } from 'vitest';
import { topK } from '../compressors/top-k.ts';
import { norm2sq } from '../linalg/vector.ts';
import { exactOracle } from '../oracles/exact.ts';
import { gaussianOracle } from '../oracles/gaussian.ts';
import { beznosikovInstance } from '../problems/beznosikov.ts';
import { diagonalQuadratic } from '../problems/diagonal-quadratic.ts';
import { gradient, objective } from '../problems/types.ts';
import { foldIn, key, split } from '../rng/key.ts';
import { compressedGd } from './compressed-gd.ts';
import { ef21Sgdm } from './ef21-sgdm.ts';
import { gd } from './gd.ts';
import { trajectory } from './run.ts';

const problem = diagonalQuadratic([[1, 2, 0.5], [2, 1, 1]], [[1, 0, -1], [0, 1, 1]]);

describe('trajectory', () => {
  it('records ‖∇f(x^t)‖², f(x^t) and cumulative bits at t = 0 and every stride, always including T', () => {
    const alg = ef21Sgdm({ gamma: 0.1, eta: 0.5, compressor: topK(3, 1), x0: [1, -1, 0.5] });
    const oracle = gaussianOracle(problem, 0.3);
    const run = trajectory(alg, oracle, 10, key(3), { record: 3, keepStates: true });
    expect(run.rounds).toEqual([0, 3, 6, 9, 10]);
    const states = run.states ?? [];
    expect(states.map((s) => s.t)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    run.rounds.forEach((t, r) => {
      expect(run.gradNormSq[r]).toBe(norm2sq(gradient(problem, states[t].x)));
      expect(run.f[r]).toBe(objective(problem, states[t].x));
      expect(run.bitsPerNode[r]).toBe(t * 1 * (64 + 2)); // top-1 in d = 3: one 64-bit value and a 2-bit index per round
    });
    expect(run.initBitsPerNode).toBe(3 * 64);
    expect(run.final).toBe(states[10]);
  });

  it('consumes split(key) as [kInit, kSteps] and foldIn(kSteps, t) for round t, so runs are prefix-stable', () => {
    const alg = ef21Sgdm({ gamma: 0.1, eta: 0.2, compressor: topK(3, 2) });
    const oracle = gaussianOracle(problem, 1);
    const [kInit, kSteps] = split(key(11));
    let s = alg.init(oracle, kInit);
    for (let t = 0; t < 7; t++) s = alg.step(s, oracle, foldIn(kSteps, t));
    const long = trajectory(alg, oracle, 14, key(11), { keepStates: true });
    expect((long.states ?? [])[7].x).toEqual(s.x);
    expect(trajectory(alg, oracle, 7, key(11)).gradNormSq).toEqual(long.gradNormSq.slice(0, 8));
  });

  it('stops a run whose metrics overflow and names the first bad round exactly, whatever the stride', () => {
    const alg = compressedGd({ gamma: 0.5, compressor: topK(3, 1), x0: [1, 1, 1] });
    const oracle = exactOracle(beznosikovInstance());
    const fine = trajectory(alg, oracle, 5000, key(0));
    const coarse = trajectory(alg, oracle, 5000, key(0), { record: 100 });
    expect(fine.diverged).toBeDefined();
    expect(coarse.diverged).toEqual(fine.diverged);
    const round = fine.diverged?.round ?? -1;
    expect(fine.final.t).toBe(round - 1);
    expect(coarse.final.t).toBe(round - 1);
    expect(Number.isFinite(objective(oracle.problem, fine.final.x))).toBe(true);
    const next = alg.step(fine.final, oracle, foldIn(split(key(0))[1], round - 1));
    expect(Number.isFinite(objective(oracle.problem, next.x)) && Number.isFinite(norm2sq(gradient(oracle.problem, next.x)))).toBe(false);
    expect(fine.rounds.at(-1)).toBe(round - 1);
  });

  it('stops when the state itself becomes non-finite and returns the last finite state', () => {
    const run = trajectory(gd({ gamma: 1e300, x0: [1, 1, 1] }), exactOracle(problem), 50, key(0), { keepStates: true });
    expect(run.diverged).toBeDefined();
    expect(run.final.x.every(Number.isFinite)).toBe(true);
    expect(run.states?.length).toBe(run.final.t + 1);
  });

  it('rejects a bad horizon or stride', () => {
    const alg = gd({ gamma: 0.1 });
    const oracle = exactOracle(problem);
    expect(() => trajectory(alg, oracle, -1, key(0))).toThrow(/T ≥ 0/);
    expect(() => trajectory(alg, oracle, 1.5, key(0))).toThrow(RangeError);
    expect(() => trajectory(alg, oracle, 3, key(0), { record: 0 })).toThrow(/stride/);
  });
});
