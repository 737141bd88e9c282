import { describe, expect, it } from 'vitest';
import { topK } from '../compressors/top-k.ts';
import { norm2sq } from '../linalg/vector.ts';
import { exactOracle } from '../oracles/exact.ts';
import { gaussianOracle } from '../oracles/gaussian.ts';
import type { Oracle } from '../oracles/types.ts';
import { beznosikovInstance } from '../problems/beznosikov.ts';
import { diagonalQuadratic } from '../problems/diagonal-quadratic.ts';
import { gradient, objective, type Problem } from '../problems/types.ts';
import { foldIn, key, split } from '../rng/key.ts';
import { compressedGd } from './compressed-gd.ts';
import { ef21Sgdm } from './ef21-sgdm.ts';
import { gd } from './gd.ts';
import { trajectory } from './run.ts';
import type { Algorithm, MethodState } from './types.ts';

const problem = diagonalQuadratic(
  [
    [1, 2, 0.5],
    [2, 1, 1],
  ],
  [
    [1, 0, -1],
    [0, 1, 1],
  ],
);

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
    expect(
      Number.isFinite(objective(oracle.problem, next.x)) && Number.isFinite(norm2sq(gradient(oracle.problem, next.x))),
    ).toBe(false);
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

/** A 1-d, 1-node problem whose objective and/or gradient is +∞ from x ≥ 100 on, and finite (x, 1) below. */
function overflowingProblem(bad: { f: boolean; grad: boolean }): Problem {
  const huge = (x: ArrayLike<number>) => x[0] >= 100;
  return {
    name: 'fake',
    dim: 1,
    n: 1,
    L: 1,
    Li: [1],
    fInf: 0,
    fInfExact: false,
    fI: (_i, x) => (bad.f && huge(x) ? Infinity : x[0]),
    gradI: (_i, x) => Float64Array.of(bad.grad && huge(x) ? Infinity : 1),
  };
}
const oracleOf = (p: Problem): Oracle => ({
  name: 'exact',
  problem: p,
  sigma: 0,
  shared: false,
  gradI: (i, x) => p.gradI(i, x),
});
const both = oracleOf(overflowingProblem({ f: true, grad: true }));

interface FakeState extends MethodState {
  readonly g: Float64Array;
}

/** x^t = xAt(t, how many times round t has been computed), g^t = gAt(t); a pure method when xAt ignores the count. */
function fake(
  xAt: (t: number, call: number) => number,
  gAt: (t: number) => number = () => 0,
): Algorithm<null, FakeState> {
  const calls = new Map<number, number>();
  const state = (t: number): FakeState => {
    const call = calls.get(t) ?? 0;
    calls.set(t, call + 1);
    return {
      t,
      x: Float64Array.of(xAt(t, call)),
      g: Float64Array.of(gAt(t)),
      bitsPerNode: 10 * t,
      initBitsPerNode: 64,
    };
  };
  return { name: 'fake', params: null, init: () => state(0), step: (s) => state(s.t + 1) };
}
const tame = () => fake((t) => t);
/** Finite state forever, but x jumps to 1000 (metrics +∞ where the problem says so) from round `from` on. */
const blowsUpAt = (from: number) => fake((t) => (t >= from ? 1000 : t));

describe('trajectory: T validation', () => {
  it('T = 0 is allowed and returns the initial state only', () => {
    const run = trajectory(tame(), both, 0, key(0), { keepStates: true });
    expect(run.rounds).toEqual([0]);
    expect(run.final.t).toBe(0);
    expect(run.states?.map((s) => s.t)).toEqual([0]);
    expect(run.diverged).toBeUndefined();
  });

  it('T = −1, 1.5, NaN and 2³² are refused with a one-line RangeError', () => {
    for (const T of [-1, 1.5, NaN, 2 ** 32, 2 ** 32 + 1]) {
      expect(() => trajectory(tame(), both, T, key(0)), `T=${T}`).toThrow(RangeError);
      expect(() => trajectory(tame(), both, T, key(0)), `T=${T}`).toThrow(
        `trajectory: need an integer T ≥ 0, got T=${T}`,
      );
    }
  });

  it('T = 2³² − 1 (the last round index foldIn can take) passes validation: the run starts', () => {
    class Started extends Error {}
    const alg: Algorithm<null, FakeState> = {
      ...tame(),
      init: () => {
        throw new Started('init reached');
      },
    };
    expect(() => trajectory(alg, both, 2 ** 32 - 1, key(0))).toThrow(Started);
  });
});

describe('trajectory: keepStates', () => {
  it('without keepStates the result has no states property', () => {
    const run = trajectory(tame(), both, 5, key(0));
    expect('states' in run).toBe(false);
    expect(run.final.t).toBe(5);
  });

  it('with keepStates, states holds t = 0…final.t in order', () => {
    const run = trajectory(tame(), both, 5, key(0), { keepStates: true, record: 2 });
    expect(run.states?.map((s) => s.t)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(run.states?.[5]).toBe(run.final);
  });

  it('with keepStates and a diverged run found by the replay, states stops at the last good state', () => {
    // Metrics +∞ from round 3 on, first seen at the record of round 5: the replay names round 3, final is round 2.
    const run = trajectory(blowsUpAt(3), both, 10, key(0), { keepStates: true, record: 5 });
    expect(run.diverged).toEqual({ round: 3 });
    expect(run.final.t).toBe(2);
    expect(run.states?.map((s) => s.t)).toEqual([0, 1, 2]);
  });
});

describe('trajectory: divergence', () => {
  it('a non-finite vector field of the state (g) ends the run at that round even while x stays finite', () => {
    const alg = fake(
      (t) => t,
      (t) => (t === 3 ? Infinity : t),
    );
    const run = trajectory(alg, both, 10, key(0), { keepStates: true });
    expect(run.diverged).toEqual({ round: 3 });
    expect(run.final.t).toBe(2);
    expect(run.rounds).toEqual([0, 1, 2]);
    expect(run.states?.map((s) => s.t)).toEqual([0, 1, 2]);
    const nan = trajectory(
      fake(
        (t) => t,
        (t) => (t === 0 ? NaN : 0),
      ),
      both,
      10,
      key(0),
    );
    expect(nan.diverged).toEqual({ round: 0 });
    expect(nan.final.t).toBe(0);
  });

  it('a finite objective with a non-finite gradient norm (or the reverse) stops the run, at every record stride', () => {
    for (const bad of [
      { f: false, grad: true },
      { f: true, grad: false },
    ]) {
      for (const record of [1, 5]) {
        const run = trajectory(blowsUpAt(3), oracleOf(overflowingProblem(bad)), 10, key(0), { record });
        expect(run.diverged, `${JSON.stringify(bad)} record=${record}`).toEqual({ round: 3 });
        expect(run.final.t).toBe(2);
        expect(run.rounds).toEqual(record === 1 ? [0, 1, 2] : [0]);
      }
    }
  });

  it('when the replay cannot reproduce the overflow (a method breaking purity), the run stops at the recorded round', () => {
    // Round 2 is +∞ the first time it is computed and finite on the replay; from round 3 on it is +∞ for good.
    // The replay must stop at the round whose record failed (2), not step on into round 3 and blame that one.
    const alg = fake((t, call) => ((t === 2 && call === 0) || t >= 3 ? 1000 : t));
    const run = trajectory(alg, both, 10, key(0));
    expect(run.diverged).toEqual({ round: 2 });
    expect(run.final.t).toBe(1);
  });
});
