/**
 * EF21-W's sampling path [Richtárik, Gasanov, Burlachenko 2024, Alg. 2; docs/theory.md §4.2 Route 2]. Node i tracks
 * ∇f_i/(n w_i), w_i = L_i/Σ_j L_j, and the Lyapunov distortion is the weighted G^W = Σ_i w_i‖g_i − ∇f_i/(n w_i)‖².
 * One real step from a fixed state gives g_i⁺ = g_i + C(u_i), u_i = ∇f_i(x⁺)/(n w_i) − g_i, so
 *   E G^W⁺ = Σ_i w_i E‖C(u_i) − u_i‖²,
 * which the Monte Carlo mean over SAMPLES = 3000 real `ef21W().step` calls must match two-sided at z = 6. The
 * weights, the target and x⁺ are recomputed here from problem.Li and problem.gradI, not taken from ef21-w.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ef21W, type EF21WState } from '../../src/algorithms/ef21-w.ts';
import { randK } from '../../src/compressors/rand-k.ts';
import type { Compressor } from '../../src/compressors/types.ts';
import { sub, weightedSum, type ReadonlyVector, type Vector } from '../../src/linalg/vector.ts';
import { exactOracle } from '../../src/oracles/exact.ts';
import { diagonalQuadratic } from '../../src/problems/diagonal-quadratic.ts';
import type { Problem } from '../../src/problems/types.ts';
import { key } from '../../src/rng/key.ts';
import {
  agrees,
  comparisonSeedArb,
  distortion,
  expectAgrees,
  expectedDistortion,
  GAMMA,
  nextIterate,
  nodeOffsets,
  randomCompressors,
  sampleNext,
  samplingInstanceArb,
  samplingRuns,
  type Comparison,
} from './sampling.ts';

/** ∇f_i(x)/(n w_i) for every node: what EF21-W's g_i estimates (docs/theory.md §4.2). */
function weightedTargets(problem: Problem, weights: readonly number[], x: ReadonlyVector): Vector[] {
  return weights.map((w, i) => problem.gradI(i, x).map((v) => v / (problem.n * w)));
}

/**
 * Sampled mean ± se of G^W⁺ over real ef21-w steps, and its expectation computed toward either the weighted target
 * (the method's) or, for the teeth, the unweighted ∇f_i(x⁺).
 */
function compare(
  spec: { a: number[][]; b: number[][]; x0: number[] },
  compressor: Compressor,
  seed: number,
  target: 'weighted' | 'unweighted' = 'weighted',
): Comparison {
  const problem = diagonalQuadratic(spec.a, spec.b);
  const oracle = exactOracle(problem);
  const totalL = problem.Li.reduce((s, l) => s + l, 0);
  const weights = problem.Li.map((l) => l / totalL);
  const alg = ef21W({ gamma: GAMMA, compressor, x0: spec.x0 });
  // A state away from equilibrium, built here rather than by ef21-w's init: g_i = ∇f_i(x⁰)/(n w_i) + offset_i.
  const start = alg.init(oracle, key(seed));
  const gi = nodeOffsets(weightedTargets(problem, weights, start.x));
  const state: EF21WState = { ...start, gi, g: weightedSum(weights, gi) };
  const xNext = nextIterate(state.x, GAMMA, state.g);
  const targets =
    target === 'weighted'
      ? weightedTargets(problem, weights, xNext)
      : problem.Li.map((_, i) => problem.gradI(i, xNext));
  const exact = expectedDistortion(
    compressor,
    gi.map((g, i) => sub(targets[i], g)),
    weights,
  );
  const measure = (s: EF21WState): number => distortion(s.gi, weightedTargets(problem, weights, s.x), weights);
  return { stats: sampleNext(state, (s, k) => alg.step(s, oracle, k), measure, seed), exact };
}

describe('EF21-W sampling path against the exact expected weighted distortion', () => {
  it('the mean of G^W⁺ over real ef21-w steps equals Σ w_i E‖C(u_i) − u_i‖², u_i = ∇f_i(x⁺)/(n w_i) − g_i (z = 6, two-sided) for rand-k and natural', () => {
    fc.assert(
      fc.property(samplingInstanceArb, comparisonSeedArb, (spec, seed) => {
        for (const compressor of randomCompressors(spec.d))
          expectAgrees(compare(spec, compressor, seed), compressor.name);
      }),
      { numRuns: samplingRuns() },
    );
  });

  it('teeth: the same comparison refutes the expectation computed with the unweighted target ∇f_i(x⁺)', () => {
    // Heterogeneous L = (2, 0.5), so n w_i = (1.6, 0.4) is far from 1.
    const spec = {
      a: [
        [1, 2, 0.5, 1.5],
        [0.3, 0.5, 0.2, 0.4],
      ],
      b: [
        [0.1, -0.2, 0.3, 0],
        [1, -1, 1, -1],
      ],
      x0: [1, -1, 0.5, 0.25],
    };
    const r = compare(spec, randK(4, 2), 11, 'unweighted');
    expect(agrees(r)).toBe(false);
  });
});
