/**
 * BEER (docs/theory.md §A3.2): two rounds by hand, the two exact invariants on random graphs, purity and determinism
 * in the key, the bits (two compressed messages per agent per round), the reductions — one agent is SGD with
 * step η whatever the compressor, the identity compressor is gradient tracking with (1 − γ)I + γW — relabelling
 * (with W permuted, or by a symmetry of W), and W given as a rule of n (the ring).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identity } from '../compressors/identity.ts';
import { randK } from '../compressors/rand-k.ts';
import { topK } from '../compressors/top-k.ts';
import { sameBits, type Vector } from '../linalg/vector.ts';
import { exactOracle } from '../oracles/exact.ts';
import { gaussianOracle } from '../oracles/gaussian.ts';
import { diagonalQuadratic } from '../problems/diagonal-quadratic.ts';
import type { Problem } from '../problems/types.ts';
import { foldIn, key, split } from '../rng/key.ts';
import { permutation, uniform } from '../rng/sample.ts';
import { beer, mixingMatrix, type BeerState, type MixingMatrix } from './beer.ts';
import { isAutomorphism, permuteMixing, ringMixing } from './mixing.ts';
import { trajectory } from './run.ts';

const values = (v: ArrayLike<number>): number[] => Array.from(v, (t) => t + 0); // +0: compare values, not signs of zero

/** n nodes, d coordinates, continuous random coefficients (no exact top-k ties), curvatures in [0.1, 2]. */
function instance(
  seed: number,
  n: number,
  d: number,
): { problem: Problem; x0: Float64Array; a: number[][]; b: number[][] } {
  const u = uniform(key(seed), 2 * n * d + d);
  const a = Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, j) => 0.1 + 1.9 * u[i * d + j]));
  const b = Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, j) => 2 * u[n * d + i * d + j] - 1));
  return {
    problem: diagonalQuadratic(a, b),
    x0: Float64Array.from({ length: d }, (_, j) => 2 * u[2 * n * d + j] - 1),
    a,
    b,
  };
}

/**
 * A random symmetric doubly stochastic W = (1 − s)I + s(P + Pᵀ)/2, P a random permutation matrix: every row and
 * column of P and Pᵀ sums to 1, and so does any convex combination with I.
 */
function randomMixing(seed: number, n: number): MixingMatrix {
  const p = permutation(foldIn(key(seed), 0), n);
  const s = uniform(foldIn(key(seed), 1), 1)[0];
  return Array.from({ length: n }, (_, i) =>
    Array.from(
      { length: n },
      (_, j) => (i === j ? 1 - s : 0) + (s * ((p[i] === j ? 1 : 0) + (p[j] === i ? 1 : 0))) / 2,
    ),
  );
}

function columnMean(vs: readonly ArrayLike<number>[], j: number): number {
  let s = 0;
  for (const v of vs) s += v[j];
  return s / vs.length;
}

describe('BEER (docs/theory.md §A3.2)', () => {
  it('two rounds by hand: two agents, W = ½11ᵀ, top-1, η = γ = ½', () => {
    // f_1 = ½‖x‖², f_2 = ½‖x‖² − 2x_1; x⁰ = (1, 2): V⁰ = ((1, 2), (−1, 2)).
    // Round 1: X¹ = ((0.5, 1), (1.5, 1)), H¹ = ((0, 1), (1.5, 0)), V¹ = ((0.5, 1), (−0.5, 1)), G¹ = ((0, 1), (0, 1)).
    // Round 2: H¹(W − I) = ((0.75, −0.5), (−0.75, 0.5)), X² = ((0.625, 0.25), (1.375, 0.75)),
    //          H² = ((0, 0.25), (1.5, 0.75)), G¹(W − I) = 0, V² = ((0.625, 0.25), (−0.625, 0.75)),
    //          G² = ((0, 0.25), (−0.625, 1)).
    const oracle = exactOracle(
      diagonalQuadratic(
        [
          [1, 1],
          [1, 1],
        ],
        [
          [0, 0],
          [2, 0],
        ],
      ),
    );
    const alg = beer({ eta: 0.5, gamma: 0.5, compressor: topK(2, 1), x0: [1, 2] });
    const s0 = alg.init(oracle, key(0));
    expect(s0.vi.map(values)).toEqual([
      [1, 2],
      [-1, 2],
    ]);
    expect(s0.initBitsPerNode).toBe(0);
    const s1 = alg.step(s0, oracle, key(1));
    expect(s1.xi.map(values)).toEqual([
      [0.5, 1],
      [1.5, 1],
    ]);
    expect(s1.hi.map(values)).toEqual([
      [0, 1],
      [1.5, 0],
    ]);
    expect(s1.vi.map(values)).toEqual([
      [0.5, 1],
      [-0.5, 1],
    ]);
    expect(s1.gi.map(values)).toEqual([
      [0, 1],
      [0, 1],
    ]);
    expect(values(s1.x)).toEqual([1, 1]);
    expect(s1.bitsPerNode).toBe(2 * (64 + 1));
    const s2 = alg.step(s1, oracle, key(2));
    expect(s2.xi.map(values)).toEqual([
      [0.625, 0.25],
      [1.375, 0.75],
    ]);
    expect(s2.hi.map(values)).toEqual([
      [0, 0.25],
      [1.5, 0.75],
    ]);
    expect(s2.vi.map(values)).toEqual([
      [0.625, 0.25],
      [-0.625, 0.75],
    ]);
    expect(s2.gi.map(values)).toEqual([
      [0, 0.25],
      [-0.625, 1],
    ]);
    expect(values(s2.x)).toEqual([1, 0.5]);
    expect(s2.bitsPerNode).toBe(4 * (64 + 1));
    expect(alg.name).toBe('beer(η=0.5,γ=0.5,top-k(k=1,d=2))');
  });

  it('[D] exact invariants on random graphs: mean_i v_i = mean_i ĝ_i(x_i) and x̄⁺ = x̄ − η v̄', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 1, max: 6 }),
        fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
        fc.constantFrom(0.01, 0.1, 0.5),
        fc.constantFrom(0.1, 0.5, 1),
        (n, d, seed, eta, gamma) => {
          const { problem, x0 } = instance(seed, n, d);
          const oracle = gaussianOracle(problem, 1);
          const k = 1 + (seed % d);
          const C = seed % 2 === 0 ? topK(d, k) : randK(d, k);
          const alg = beer({ eta, gamma, compressor: C, mixing: randomMixing(seed, n), x0 });
          let s: BeerState = alg.init(oracle, key(seed));
          for (let t = 0; t < 30; t++) {
            const next = alg.step(s, oracle, foldIn(key(seed + 1), t));
            for (let j = 0; j < d; j++) {
              const big = Math.max(
                1,
                ...[...next.vi, ...next.gradPrev, ...next.gi, ...s.vi].map((v) => Math.abs(v[j])),
              );
              expect(Math.abs(columnMean(next.vi, j) - columnMean(next.gradPrev, j))).toBeLessThanOrEqual(
                1e-12 * big * (t + 1) * n,
              );
              const predicted = s.x[j] - eta * columnMean(s.vi, j);
              const bigX = Math.max(
                1,
                ...[...next.xi, ...s.xi, ...s.hi].map((v) => Math.abs(v[j])),
                Math.abs(eta * columnMean(s.vi, j)),
              );
              expect(Math.abs(next.x[j] - predicted)).toBeLessThanOrEqual(1e-12 * bigX * n);
            }
            s = next;
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('bills two compressed messages per agent per round', () => {
    const { problem, x0 } = instance(2, 3, 5);
    const run = trajectory(
      beer({ eta: 0.1, gamma: 0.5, compressor: topK(5, 2), x0 }),
      gaussianOracle(problem, 1),
      4,
      key(3),
    );
    expect(run.bitsPerNode).toEqual([0, 1, 2, 3, 4].map((t) => t * 2 * 2 * (64 + 3)));
    expect(run.initBitsPerNode).toBe(0);
  });

  it('is pure and deterministic in its key', () => {
    const { problem, x0 } = instance(4, 3, 4);
    const oracle = gaussianOracle(problem, 2);
    const alg = beer({ eta: 0.1, gamma: 0.4, compressor: randK(4, 2), mixing: randomMixing(4, 3), x0 });
    let s = alg.init(oracle, key(0));
    for (let t = 0; t < 3; t++) s = alg.step(s, oracle, foldIn(key(1), t));
    const before = structuredClone(s);
    const a = alg.step(s, oracle, key(7));
    expect(s).toEqual(before);
    const b = alg.step(s, oracle, key(7));
    for (const f of ['xi', 'hi', 'vi', 'gi', 'gradPrev'] as const)
      for (let i = 0; i < 3; i++) expect(sameBits(a[f][i], b[f][i])).toBe(true);
    expect(sameBits(a.x, b.x)).toBe(true);
    // x̄⁺ = x̄ − ηv̄ is decided by the state alone; the key moves the fresh draws and the compressed copies.
    const c = alg.step(s, oracle, key(8));
    expect(sameBits(a.x, c.x)).toBe(true);
    expect(sameBits(a.vi[0], c.vi[0])).toBe(false);
    expect(sameBits(a.hi[0], c.hi[0]) && sameBits(a.hi[1], c.hi[1]) && sameBits(a.hi[2], c.hi[2])).toBe(false);
  });

  it('one agent: W − I = 0 and BEER is SGD with step η, whatever the compressor', () => {
    const { problem, x0 } = instance(6, 1, 4);
    const oracle = gaussianOracle(problem, 1);
    const eta = 0.2;
    const alg = beer({ eta, gamma: 0.7, compressor: topK(4, 1), x0 });
    const k0 = key(0);
    let s = alg.init(oracle, k0);
    let x: Vector = Float64Array.from(x0);
    let g = oracle.gradI(0, x, split(k0)[0]);
    for (let t = 0; t < 25; t++) {
      const k = foldIn(key(1), t);
      x = x.map((v, j) => v - eta * g[j]);
      g = oracle.gradI(0, x, split(k, 3)[0]);
      s = alg.step(s, oracle, k);
      for (let j = 0; j < 4; j++) expect(Math.abs(s.x[j] - x[j])).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(x[j]) + t));
    }
  });

  it('identity compressor: gradient tracking with (1 − γ)I + γW after round 0', () => {
    const n = 4;
    const d = 3;
    const eta = 0.05;
    const gamma = 0.6;
    const { problem, x0 } = instance(8, n, d);
    const oracle = gaussianOracle(problem, 0.5);
    const W = randomMixing(8, n);
    const alg = beer({ eta, gamma, compressor: identity(d), mixing: W, x0 });
    const Wg = W.map((row, i) => row.map((w, j) => gamma * w + (i === j ? 1 - gamma : 0)));
    const mix = (Y: readonly Vector[], M: MixingMatrix): Vector[] =>
      Y.map((_, i) => {
        const out = new Float64Array(d);
        for (let j = 0; j < Y.length; j++) for (let c = 0; c < d; c++) out[c] += M[j][i] * Y[j][c];
        return out;
      });
    const k0 = key(0);
    let s = alg.init(oracle, k0);
    let X: Vector[] = Array.from({ length: n }, () => Float64Array.from(x0));
    let V: Vector[] = X.map((x, i) => oracle.gradI(i, x, split(k0)[0]));
    let prev = V;
    const I = W.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
    for (let t = 0; t < 30; t++) {
      const k = foldIn(key(1), t);
      const M = t === 0 ? I : Wg; // round 0 mixes H⁰ = G⁰ = 0
      const Xm = mix(X, M);
      const Vm = mix(V, M);
      X = Xm.map((x, i) => x.map((v, c) => v - eta * V[i][c]));
      const grads = X.map((x, i) => oracle.gradI(i, x, split(k, 3)[0]));
      V = Vm.map((v, i) => v.map((u, c) => u + grads[i][c] - prev[i][c]));
      prev = grads;
      s = alg.step(s, oracle, k);
      for (let i = 0; i < n; i++) {
        for (let c = 0; c < d; c++) {
          expect(Math.abs(s.xi[i][c] - X[i][c])).toBeLessThanOrEqual(1e-11);
          expect(Math.abs(s.vi[i][c] - V[i][c])).toBeLessThanOrEqual(1e-11);
        }
      }
    }
    // Teeth: the agents disagree (W ≠ J and heterogeneous f_i), so the check is not comparing copies of x̄.
    expect(Math.abs(s.xi[0][0] - s.xi[1][0])).toBeGreaterThan(1e-6);
  });

  it('relabelling the agents relabels the run together with W (W′_{ij} = W_{π(i)π(j)}), and with W as it is only for its symmetries', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
        (n, d, seed) => {
          const { problem, x0, a: curv, b: lin } = instance(seed, n, d);
          const pi = permutation(foldIn(key(seed), 2), n);
          const relabelled = diagonalQuadratic(
            Array.from(pi, (i) => curv[i]),
            Array.from(pi, (i) => lin[i]),
          );
          const W = seed % 2 === 0 ? randomMixing(seed, n) : ringMixing.matrix(n);
          const params = { eta: 0.1, gamma: 0.5, compressor: topK(d, 1 + (seed % d)), x0 };
          const a =
            trajectory(beer({ ...params, mixing: W }), exactOracle(problem), 8, key(seed), { keepStates: true })
              .states ?? [];
          const b =
            trajectory(beer({ ...params, mixing: permuteMixing(W, pi) }), exactOracle(relabelled), 8, key(seed), {
              keepStates: true,
            }).states ?? [];
          const c =
            trajectory(beer({ ...params, mixing: W }), exactOracle(relabelled), 8, key(seed), { keepStates: true })
              .states ?? [];
          let cMatches = true;
          for (let t = 0; t <= 8; t++) {
            for (const f of ['xi', 'hi', 'vi', 'gi'] as const) {
              for (let i = 0; i < n; i++) {
                const want = a[t][f][pi[i]];
                const scale = Math.max(1, ...want.map(Math.abs));
                for (let j = 0; j < d; j++) {
                  // Mixing sums over the agents in index order, which relabelling reorders: equal up to rounding.
                  expect(Math.abs(b[t][f][i][j] - want[j])).toBeLessThanOrEqual(1e-12 * scale * (t + 1));
                  if (Math.abs(c[t][f][i][j] - want[j]) > 1e-9 * scale) cMatches = false;
                }
              }
            }
          }
          // Without permuting W the run is relabelled exactly when π is a symmetry of W.
          expect(cMatches).toBe(isAutomorphism(W, pi));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('takes W as a rule of n (the ring), checked once per n and named in the method', () => {
    const { problem, x0 } = instance(3, 5, 3);
    const oracle = exactOracle(problem);
    const byRule = beer({ eta: 0.1, gamma: 0.3, compressor: topK(3, 1), mixing: ringMixing, x0 });
    const byMatrix = beer({ eta: 0.1, gamma: 0.3, compressor: topK(3, 1), mixing: ringMixing.matrix(5), x0 });
    expect(byRule.name).toBe('beer(η=0.1,γ=0.3,top-k(k=1,d=3),W=ring)');
    expect(byMatrix.name).toBe('beer(η=0.1,γ=0.3,top-k(k=1,d=3),W=given)');
    const a = trajectory(byRule, oracle, 10, key(1), { keepStates: true }).states ?? [];
    const b = trajectory(byMatrix, oracle, 10, key(1), { keepStates: true }).states ?? [];
    for (let t = 0; t <= 10; t++) for (let i = 0; i < 5; i++) expect(sameBits(a[t].xi[i], b[t].xi[i])).toBe(true);
    // Teeth: the ring is not the complete graph at n = 5, so the default W gives another run.
    const complete = trajectory(beer({ eta: 0.1, gamma: 0.3, compressor: topK(3, 1), x0 }), oracle, 10, key(1));
    expect(sameBits(complete.final.xi[0], a[10].xi[0])).toBe(false);
    const bad = { name: 'bad', matrix: (n: number) => Array.from({ length: n }, () => new Array<number>(n).fill(0)) };
    expect(() => beer({ eta: 0.1, gamma: 0.3, compressor: topK(3, 1), mixing: bad }).init(oracle, key(0))).toThrow(
      /rows must sum to 1/,
    );
  });

  it('checks its mixing matrix and hyperparameters', () => {
    expect(mixingMatrix(3)).toEqual([
      [1 / 3, 1 / 3, 1 / 3],
      [1 / 3, 1 / 3, 1 / 3],
      [1 / 3, 1 / 3, 1 / 3],
    ]);
    expect(() => mixingMatrix(2, [[0.5, 0.5]])).toThrow(/2×2/);
    expect(() =>
      mixingMatrix(2, [
        [0.7, 0.3],
        [0.2, 0.8],
      ]),
    ).toThrow(/symmetric/);
    expect(() =>
      mixingMatrix(2, [
        [0.5, 0.4],
        [0.4, 0.5],
      ]),
    ).toThrow(/sum to 1/);
    expect(() =>
      mixingMatrix(2, [
        [Number.NaN, 0.5],
        [0.5, 0.5],
      ]),
    ).toThrow(/finite/);
    expect(() => beer({ eta: 0, gamma: 0.5, compressor: topK(2, 1) })).toThrow(/learning rate η > 0/);
    expect(() => beer({ eta: 0.1, gamma: 0, compressor: topK(2, 1) })).toThrow(/consensus step γ ∈ \(0, 1\]/);
    expect(() => beer({ eta: 0.1, gamma: 1.01, compressor: topK(2, 1) })).toThrow(/consensus step γ ∈ \(0, 1\]/);
    expect(beer({ eta: 0.1, gamma: 1, compressor: topK(2, 1) }).name).toBe('beer(η=0.1,γ=1,top-k(k=1,d=2))');
    const { problem } = instance(1, 2, 3);
    expect(() => beer({ eta: 0.1, gamma: 0.5, compressor: topK(4, 1) }).init(exactOracle(problem), key(0))).toThrow(
      /dim/,
    );
    expect(() =>
      beer({ eta: 0.1, gamma: 0.5, compressor: topK(3, 1), mixing: [[1]] }).init(exactOracle(problem), key(0)),
    ).toThrow(/2×2/);
  });
});
