/**
 * The EF21 Lyapunov theorems check random compressors through `expectation()` (exact), which never runs ef21.ts's
 * own sampling path. This closes that gap: the Monte Carlo mean of G⁺ = (1/n)Σ‖g_i⁺ − ∇f_i(x⁺)‖² over real
 * `ef21().step` calls must agree with the exact E G⁺ = (1/n)Σ E‖C(u_i) − u_i‖², u_i = ∇f_i(x⁺) − g_i, two-sided at
 * z = 6 — so a step that compresses the wrong vector, scales or drops a message, or biases the draws is caught.
 * (Sharing one draw across nodes leaves E G⁺ unchanged by linearity: the independent-vs-shared theorem covers that.)
 * SAMPLES = 3000 steps per comparison (sampling.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ef21, type EF21State } from '../../src/algorithms/ef21.ts';
import { randK } from '../../src/compressors/rand-k.ts';
import type { Compressor } from '../../src/compressors/types.ts';
import { mean, sub } from '../../src/linalg/vector.ts';
import { exactOracle } from '../../src/oracles/exact.ts';
import { diagonalQuadratic } from '../../src/problems/diagonal-quadratic.ts';
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

/** Sampled mean ± se of G⁺ over ef21 steps with `compressor`, and E G⁺ computed with `reference`, from one state. */
function compare(
  spec: { a: number[][]; b: number[][]; x0: number[] },
  compressor: Compressor,
  reference: Compressor,
  seed: number,
): Comparison {
  const problem = diagonalQuadratic(spec.a, spec.b);
  const oracle = exactOracle(problem);
  const alg = ef21({ gamma: GAMMA, compressor, x0: spec.x0 });
  const start = alg.init(oracle, key(seed));
  const gi = nodeOffsets(start.gi);
  const state: EF21State = { ...start, gi, g: mean(gi) };
  const xNext = nextIterate(state.x, GAMMA, state.g);
  const exact = expectedDistortion(
    reference,
    gi.map((g, i) => sub(problem.gradI(i, xNext), g)),
  );
  const measure = (s: EF21State): number =>
    distortion(
      s.gi,
      s.gi.map((_, i) => problem.gradI(i, s.x)),
    );
  return { stats: sampleNext(state, (s, k) => alg.step(s, oracle, k), measure, seed), exact };
}

describe('EF21 sampling path against the exact expected distortion', () => {
  it('the mean of G⁺ over real ef21 steps equals (1/n)Σ E‖C(u_i) − u_i‖² (z = 6, two-sided) for rand-k and natural', () => {
    fc.assert(
      fc.property(samplingInstanceArb, comparisonSeedArb, (spec, seed) => {
        for (const compressor of randomCompressors(spec.d))
          expectAgrees(compare(spec, compressor, compressor, seed), compressor.name);
      }),
      { numRuns: samplingRuns() },
    );
  });

  it('teeth: the same comparison refutes a wrong expectation (rand-k with k + 1 instead of k)', () => {
    const spec = {
      a: [
        [1, 2, 0.5, 1.5],
        [0.3, 1, 2, 1],
      ],
      b: [
        [0.1, -0.2, 0.3, 0],
        [0, 0.5, -0.5, 0.2],
      ],
      x0: [1, -1, 0.5, 0.25],
    };
    const r = compare(spec, randK(4, 1), randK(4, 2), 11);
    expect(agrees(r)).toBe(false);
  });
});
