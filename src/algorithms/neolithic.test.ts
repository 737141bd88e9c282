/**
 * NEOLITHIC and its multi-round compressor (docs/theory.md §A3.1): the round count, the two [D] facts about C_R
 * with top-k, the bits (every one of the R pieces), purity and determinism in the key, the virtual-iterate
 * identity, and the reductions — R rounds of top-k (or the identity) make it distributed SGD, one round makes it
 * EF14.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identity } from '../compressors/identity.ts';
import { randK } from '../compressors/rand-k.ts';
import { topK } from '../compressors/top-k.ts';
import { norm2sq, sameBits, type Vector } from '../linalg/vector.ts';
import { exactOracle } from '../oracles/exact.ts';
import { gaussianOracle } from '../oracles/gaussian.ts';
import { diagonalQuadratic } from '../problems/diagonal-quadratic.ts';
import type { Problem } from '../problems/types.ts';
import { foldIn, key, split } from '../rng/key.ts';
import { normal, uniform } from '../rng/sample.ts';
import { ef14 } from './ef14.ts';
import { gd } from './gd.ts';
import { multiRoundCompress, neolithicRounds } from './multi-round-compress.ts';
import { neolithic, type NeolithicState } from './neolithic.ts';
import { trajectory } from './run.ts';

const values = (v: ArrayLike<number>): number[] => Array.from(v, (t) => t + 0); // +0: compare values, not signs of zero

/** n nodes, d coordinates, continuous random coefficients (no exact top-k ties), curvatures in [0.1, 2]. */
function instance(seed: number, n: number, d: number): { problem: Problem; x0: Float64Array } {
  const u = uniform(key(seed), 2 * n * d + d);
  const a = Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, j) => 0.1 + 1.9 * u[i * d + j]));
  const b = Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, j) => 2 * u[n * d + i * d + j] - 1));
  return { problem: diagonalQuadratic(a, b), x0: Float64Array.from({ length: d }, (_, j) => 2 * u[2 * n * d + j] - 1) };
}

const dk = fc
  .integer({ min: 1, max: 24 })
  .chain((d) =>
    fc.tuple(fc.constant(d), fc.integer({ min: 1, max: d }), fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 }))),
  );

describe('the multi-round compressor C_R (docs/theory.md §A3.1)', () => {
  it('R = ⌈1/α⌉, exact when d/k is an integer although k/d is stored rounded', () => {
    expect(neolithicRounds(1)).toBe(1);
    expect(neolithicRounds(1 / 49)).toBe(49); // 1/(1/49) = 49.00000000000001
    expect(neolithicRounds(2 / 98)).toBe(49);
    expect(neolithicRounds(3 / 10)).toBe(4);
    expect(neolithicRounds(0.26)).toBe(4);
    for (let d = 1; d <= 60; d++) for (let k = 1; k <= d; k++) expect(neolithicRounds(k / d)).toBe(Math.ceil(d / k));
    expect(() => neolithicRounds(0)).toThrow(RangeError);
    expect(() => neolithicRounds(1.5)).toThrow(RangeError);
  });

  it('[D] top-k with R = ⌈d/K⌉ rounds reconstructs v exactly and bills R·K pairs', () => {
    fc.assert(
      fc.property(dk, ([d, k, seed]) => {
        const v = normal(key(seed), d);
        const R = Math.ceil(d / k);
        const out = multiRoundCompress(topK(d, k), v, R, key(1));
        expect(
          sameBits(
            out.message,
            v.map((t) => t + 0),
          ),
        ).toBe(true);
        expect(out.bits).toBe(R * k * (64 + (d <= 1 ? 0 : Math.ceil(Math.log2(d)))));
        expect(R * k).toBeGreaterThanOrEqual(d);
      }),
    );
  });

  it('[D] for every R, top-k leaves ‖v − s_R‖² ≤ (1 − K/d)^R ‖v‖² pathwise, and one round fewer than ⌈d/K⌉ can leave a residual', () => {
    fc.assert(
      fc.property(dk, fc.integer({ min: 1, max: 30 }), ([d, k, seed], R) => {
        const v = normal(key(seed), d);
        const s = multiRoundCompress(topK(d, k), v, R, key(2)).message;
        let err = 0;
        for (let j = 0; j < d; j++) err += (v[j] - s[j]) ** 2;
        expect(err).toBeLessThanOrEqual((1 - k / d) ** R * norm2sq(v) * (1 + 1e-12) + 1e-300);
      }),
    );
    // Teeth for the exactness above: top-2 in d = 5 needs 3 rounds; 2 rounds leave the smallest entry behind.
    const v = Float64Array.of(5, -4, 3, 2, -1);
    expect(values(multiRoundCompress(topK(5, 2), v, 2, key(0)).message)).toEqual([5, -4, 3, 2, 0]);
  });

  it('a random inner compressor draws each round from its own key, and the same key gives the same message', () => {
    const v = normal(key(9), 12);
    const C = randK(12, 3);
    const a = multiRoundCompress(C, v, 4, key(5));
    const b = multiRoundCompress(C, v, 4, key(5));
    const c = multiRoundCompress(C, v, 4, key(6));
    expect(sameBits(a.message, b.message)).toBe(true);
    expect(sameBits(a.message, c.message)).toBe(false);
    // Fresh rounds: four rounds of an unscaled rand-3 in d = 12 rarely hit the same three coordinates each time.
    expect(a.message.filter((t) => t !== 0).length).toBeGreaterThan(3);
    expect(() => multiRoundCompress(C, v, 0, key(0))).toThrow(RangeError);
  });
});

describe('NEOLITHIC (docs/theory.md §A3.1)', () => {
  it('one step by hand: f = ½‖x‖², top-1 in d = 3 with R = 2 rounds (an ablation), γ = ½', () => {
    // u = ∇f(x⁰) = x⁰ = (3, −1, 2); round 1 sends (3, 0, 0), round 2 top-1 of (0, −1, 2) = (0, 0, 2);
    // m = (3, 0, 2), e = (0, −1, 0), x¹ = x⁰ − ½m = (1.5, −1, 1); bits = 2 pairs of (64 + 2).
    const oracle = exactOracle(diagonalQuadratic([[1, 1, 1]]));
    const alg = neolithic({ gamma: 0.5, compressor: topK(3, 1), rounds: 2, x0: [3, -1, 2] });
    const s0 = alg.init(oracle, key(0));
    expect(s0.bitsPerNode).toBe(0);
    expect(s0.initBitsPerNode).toBe(0);
    expect(values(s0.ei[0])).toEqual([0, 0, 0]);
    const s1 = alg.step(s0, oracle, key(1));
    expect(values(s1.x)).toEqual([1.5, -1, 1]);
    expect(values(s1.ei[0])).toEqual([0, -1, 0]);
    expect(values(s1.e)).toEqual([0, 0, 0]);
    expect(s1.bitsPerNode).toBe(2 * (64 + 2));
    expect([s0.rounds, s1.rounds]).toEqual([2, 2]);
    expect(alg.name).toBe('neolithic(γ=0.5,top-k(k=1,d=3),R=2)');
  });

  it('bills all R = ⌈d/K⌉ pieces per node per round: R·K ≥ d entries', () => {
    const { problem, x0 } = instance(3, 3, 10);
    const oracle = gaussianOracle(problem, 1);
    const alg = neolithic({ gamma: 0.1, compressor: topK(10, 3), x0 });
    const run = trajectory(alg, oracle, 5, key(4));
    // R = ⌈10/3⌉ = 4 rounds of 3 (value, 4-bit index) pairs: 12 entries ≥ d = 10.
    expect(run.bitsPerNode).toEqual([0, 1, 2, 3, 4, 5].map((t) => t * 4 * 3 * (64 + 4)));
    expect(run.initBitsPerNode).toBe(0);
    // The state carries R, which the registry's facts bill by (src/algorithms/methods/neolithic.ts).
    expect(run.final.rounds).toBe(4);
    expect(alg.name).toBe('neolithic(γ=0.1,top-k(k=3,d=10))');
  });

  it('is pure and deterministic in its key', () => {
    const { problem, x0 } = instance(5, 3, 6);
    const oracle = gaussianOracle(problem, 2);
    const alg = neolithic({ gamma: 0.1, compressor: randK(6, 2), serverCompressor: topK(6, 3), x0 });
    let s = alg.init(oracle, key(0));
    for (let t = 0; t < 3; t++) s = alg.step(s, oracle, foldIn(key(1), t));
    const before = structuredClone(s);
    const a = alg.step(s, oracle, key(7));
    expect(s).toEqual(before);
    const b = alg.step(s, oracle, key(7));
    for (const f of ['x', 'e'] as const) expect(sameBits(a[f], b[f])).toBe(true);
    for (let i = 0; i < a.ei.length; i++) expect(sameBits(a.ei[i], b.ei[i])).toBe(true);
    const c = alg.step(s, oracle, key(8));
    expect(sameBits(a.x, c.x)).toBe(false);
  });

  it('[D] virtual iterate: x^t − γ(e^t + mean_i e_i^t) = x⁰ − γ Σ_{s<t} mean_i ĝ_i(x^s), with lossy node and server compressors', () => {
    const n = 3;
    const d = 7;
    const gamma = 0.05;
    const { problem, x0 } = instance(11, n, d);
    const oracle = gaussianOracle(problem, 1.5);
    // A top-k server would be lossless at its ⌈d/K⌉ rounds; unscaled rand-1 (α = 1/7, 7 random rounds) is not.
    const alg = neolithic({ gamma, compressor: topK(d, 1), rounds: 2, serverCompressor: randK(d, 1), x0 });
    let s: NeolithicState = alg.init(oracle, key(0));
    const replay = Float64Array.from(x0);
    const scale = new Float64Array(d).fill(0);
    for (let t = 0; t < 40; t++) {
      const k = foldIn(key(12), t);
      const kNoise = split(k, 3)[0];
      for (let i = 0; i < n; i++) {
        const g = oracle.gradI(i, s.x, kNoise);
        for (let j = 0; j < d; j++) {
          replay[j] -= (gamma * g[j]) / n;
          scale[j] += Math.abs((gamma * g[j]) / n);
        }
      }
      s = alg.step(s, oracle, k);
      for (let j = 0; j < d; j++) {
        let memory = s.e[j];
        for (const e of s.ei) memory += e[j] / n;
        const virtual = s.x[j] - gamma * memory;
        expect(Math.abs(virtual - replay[j])).toBeLessThanOrEqual(
          1e-12 * (scale[j] + Math.abs(x0[j]) + Math.abs(gamma * memory)),
        );
      }
    }
    // Teeth: the memories are not zero here, so the identity is not the trivial x^t = SGD's replay.
    expect(s.ei.some((e) => norm2sq(e) > 1e-6)).toBe(true);
    expect(norm2sq(s.e)).toBeGreaterThan(1e-6);
  });

  it('with top-k and R = ⌈d/K⌉ (or the identity) C_R is lossless and NEOLITHIC is GD, value for value', () => {
    const { problem, x0 } = instance(7, 3, 5);
    const oracle = exactOracle(problem);
    const ref = trajectory(gd({ gamma: 0.3, x0 }), oracle, 12, key(1), { keepStates: true }).states ?? [];
    for (const C of [topK(5, 2), identity(5)]) {
      const run =
        trajectory(neolithic({ gamma: 0.3, compressor: C, x0 }), oracle, 12, key(1), { keepStates: true }).states ?? [];
      expect(run.length).toBe(13);
      run.forEach((s, t) => {
        expect(values(s.x)).toEqual(values(ref[t].x));
        for (const e of s.ei) expect(values(e)).toEqual([0, 0, 0, 0, 0]);
      });
    }
  });

  it('with a stochastic oracle and lossless C_R it is distributed SGD on the same draws', () => {
    const { problem, x0 } = instance(8, 4, 6);
    const oracle = gaussianOracle(problem, 1);
    const alg = neolithic({ gamma: 0.2, compressor: topK(6, 4), x0 });
    let s = alg.init(oracle, key(0));
    let x: Vector = Float64Array.from(x0);
    for (let t = 0; t < 10; t++) {
      const k = foldIn(key(3), t);
      const kNoise = split(k, 3)[0];
      const g = new Float64Array(6);
      for (let i = 0; i < 4; i++) {
        const gi = oracle.gradI(i, x, kNoise);
        for (let j = 0; j < 6; j++) g[j] += gi[j];
      }
      x = x.map((v, j) => v - 0.2 * (g[j] / 4));
      s = alg.step(s, oracle, k);
      expect(values(s.x)).toEqual(values(x));
    }
  });

  it('with one round and the identity server it is EF14, value for value (exact gradients)', () => {
    const { problem, x0 } = instance(9, 3, 6);
    const oracle = exactOracle(problem);
    const a =
      trajectory(neolithic({ gamma: 0.1, compressor: topK(6, 1), rounds: 1, x0 }), oracle, 15, key(2), {
        keepStates: true,
      }).states ?? [];
    const b =
      trajectory(ef14({ gamma: 0.1, compressor: topK(6, 1), x0 }), oracle, 15, key(2), { keepStates: true }).states ??
      [];
    expect(a.length).toBe(16);
    for (let t = 0; t < a.length; t++) expect(values(a[t].x)).toEqual(values(b[t].x));
    // Teeth: with its default ⌈1/α⌉ = 6 rounds it is GD, which moves differently from EF14 here.
    const c = trajectory(neolithic({ gamma: 0.1, compressor: topK(6, 1), x0 }), oracle, 15, key(2));
    expect(sameBits(c.final.x, a[15].x)).toBe(false);
  });

  it('rejects what it cannot run', () => {
    const { problem } = instance(1, 2, 4);
    const oracle = exactOracle(problem);
    expect(() => neolithic({ gamma: 0, compressor: topK(4, 1) })).toThrow(/γ > 0/);
    expect(() => neolithic({ gamma: 0.1, compressor: randK(4, 1, { scaled: true }) })).toThrow(/contractive/);
    expect(() => neolithic({ gamma: 0.1, compressor: topK(4, 1), rounds: 0 })).toThrow(/rounds/);
    expect(() => neolithic({ gamma: 0.1, compressor: topK(5, 1) }).init(oracle, key(0))).toThrow(/dim/);
  });
});
