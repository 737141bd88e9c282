/**
 * The EF21 Lyapunov theorems check random compressors through `expectation()` (exact), which never runs ef21.ts's
 * own sampling path. This closes that gap: the Monte Carlo mean of G⁺ = (1/n)Σ‖g_i⁺ − ∇f_i(x⁺)‖² over real
 * `ef21().step` calls must agree with the exact E G⁺ = (1/n)Σ E‖C(u_i) − u_i‖², u_i = ∇f_i(x⁺) − g_i, two-sided at
 * z = 6 — so a step that compresses the wrong vector, scales or drops a message, or biases the draws is caught.
 * (Sharing one draw across nodes leaves E G⁺ unchanged by linearity: the independent-vs-shared theorem covers that.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ef21, type EF21State } from '../../src/algorithms/ef21.ts';
import { natural } from '../../src/compressors/natural.ts';
import { randK } from '../../src/compressors/rand-k.ts';
import type { Compressor } from '../../src/compressors/types.ts';
import { dist2sq, mean, sub, type Vector } from '../../src/linalg/vector.ts';
import { exactOracle } from '../../src/oracles/exact.ts';
import { diagonalQuadratic } from '../../src/problems/diagonal-quadratic.ts';
import { foldIn, key } from '../../src/rng/key.ts';
import { meanSe, Z_DEFAULT } from '../../src/stats/mean-se.ts';
import { instanceArb } from './_helpers.ts';

const SAMPLES = 3000;

function nextDistortion(s: EF21State, gradI: (i: number, x: Vector) => Vector): number {
  let total = 0;
  for (let i = 0; i < s.gi.length; i++) total += dist2sq(s.gi[i], gradI(i, s.x));
  return total / s.gi.length;
}

/** Sampled mean ± se of G⁺ and its exact expectation, from one state. */
function compare(spec: { a: number[][]; b: number[][]; x0: number[] }, build: (d: number) => Compressor, exactWith: (d: number) => Compressor, seed: number) {
  const problem = diagonalQuadratic(spec.a, spec.b);
  const oracle = exactOracle(problem);
  const d = problem.dim;
  const gamma = 0.1;
  const alg = ef21({ gamma, compressor: build(d), x0: spec.x0 });
  // A state away from equilibrium: g_i = ∇f_i(x⁰) + a node-dependent offset, so every u_i is non-zero.
  const start = alg.init(oracle, key(seed));
  const gi = start.gi.map((g, i) => g.map((v, j) => v + ((i + 1) * (j % 3 === 0 ? 1 : -0.5))));
  const state: EF21State = { ...start, gi, g: mean(gi) };
  const xNext = state.x.map((v, j) => v - gamma * state.g[j]);
  const reference = exactWith(d);
  let exact = 0;
  for (let i = 0; i < problem.n; i++) exact += reference.expectation?.(sub(problem.gradI(i, xNext), gi[i]))?.errorSq ?? NaN;
  exact /= problem.n;
  const samples = new Float64Array(SAMPLES);
  for (let s = 0; s < SAMPLES; s++) samples[s] = nextDistortion(alg.step(state, oracle, foldIn(key(seed), s + 1)), (i, x) => problem.gradI(i, x));
  return { stats: meanSe(samples), exact };
}

const agrees = (r: { stats: { mean: number; se: number }; exact: number }): boolean =>
  Math.abs(r.stats.mean - r.exact) <= Z_DEFAULT * r.stats.se + 1e-12 * Math.abs(r.exact);

describe('EF21 sampling path against the exact expected distortion', () => {
  it('the mean of G⁺ over real ef21 steps equals (1/n)Σ E‖C(u_i) − u_i‖² (z = 6, two-sided) for rand-k and natural', () => {
    fc.assert(
      fc.property(instanceArb.filter((s) => s.d >= 2), fc.noShrink(fc.nat(1_000_000)), (spec, seed) => {
        const k = Math.max(1, Math.floor(spec.d / 2));
        for (const build of [(d: number) => randK(d, k), (d: number) => randK(d, k, { scaled: true }), (d: number) => natural(d)]) {
          const r = compare(spec, build, build, seed);
          expect(agrees(r), `mean ${r.stats.mean} ± ${r.stats.se} vs exact ${r.exact}`).toBe(true);
        }
      }),
      { numRuns: 5 },
    );
  });

  it('teeth: the same comparison refutes a wrong expectation (rand-k with k + 1 instead of k)', () => {
    const spec = { a: [[1, 2, 0.5, 1.5], [0.3, 1, 2, 1]], b: [[0.1, -0.2, 0.3, 0], [0, 0.5, -0.5, 0.2]], x0: [1, -1, 0.5, 0.25] };
    const r = compare(spec, (d) => randK(d, 1), (d) => randK(d, 2), 11);
    expect(agrees(r)).toBe(false);
  });
});
