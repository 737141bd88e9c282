/**
 * EF21-PP's sampling path [Fatkhullin et al. 2021 (Bells & Whistles); docs/theory.md §3.5]: each node joins the round
 * with probability p, and a silent node keeps g_i. One real step from a fixed state therefore has, per node, a
 * participation mixture (docs/theory.md §3.5: "p·‖after update‖² + (1−p)·‖no update‖²"):
 *   E G⁺ = (1/n) Σ_i [p·E‖C(u_i) − u_i‖² + (1 − p)‖u_i‖²],   u_i = ∇f_i(x⁺) − g_i,
 * which the Monte Carlo mean of G⁺ = (1/n)Σ‖g_i⁺ − ∇f_i(x⁺)‖² over SAMPLES = 3000 real `ef21Pp().step` calls must
 * match two-sided at z = 6. Both the participation draw and the compressor draw are the method's own.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ef21Pp, type EF21PpState } from '../../src/algorithms/ef21-pp.ts';
import { randK } from '../../src/compressors/rand-k.ts';
import type { Compressor } from '../../src/compressors/types.ts';
import { mean, norm2sq, sub, type ReadonlyVector } from '../../src/linalg/vector.ts';
import { exactOracle } from '../../src/oracles/exact.ts';
import { diagonalQuadratic } from '../../src/problems/diagonal-quadratic.ts';
import { key } from '../../src/rng/key.ts';
import {
  agrees,
  comparisonSeedArb,
  distortion,
  errorSq,
  expectAgrees,
  GAMMA,
  nextIterate,
  nodeOffsets,
  randomCompressors,
  sampleNext,
  samplingInstanceArb,
  samplingRuns,
  type Comparison,
} from './sampling.ts';

/** How the expectation is formed: the true mixture, or one of the wrong forms the teeth must refute. */
type DistortionForm = 'mixture' | 'no-silent-term' | 'p-is-one';

/** (1/n)Σ_i [p·E‖C(u_i) − u_i‖² + (1 − p)‖u_i‖²] (docs/theory.md §3.5), or a wrong variant of it. */
function expectedPpDistortion(
  compressor: Compressor,
  u: readonly ReadonlyVector[],
  p: number,
  form: DistortionForm,
): number {
  const q = form === 'p-is-one' ? 1 : p;
  let total = 0;
  for (const ui of u) total += q * errorSq(compressor, ui) + (form === 'no-silent-term' ? 0 : (1 - q) * norm2sq(ui));
  return total / u.length;
}

function compare(
  spec: { a: number[][]; b: number[][]; x0: number[] },
  compressor: Compressor,
  p: number,
  seed: number,
  form: DistortionForm = 'mixture',
): Comparison {
  const problem = diagonalQuadratic(spec.a, spec.b);
  const oracle = exactOracle(problem);
  const alg = ef21Pp({ gamma: GAMMA, compressor, p, x0: spec.x0 });
  // A state away from equilibrium, built here rather than by the init: g_i = ∇f_i(x⁰) + offset_i.
  const start = alg.init(oracle, key(seed));
  const gi = nodeOffsets(start.gi.map((_, i) => problem.gradI(i, start.x)));
  const state: EF21PpState = { ...start, gi, g: mean(gi) };
  const xNext = nextIterate(state.x, GAMMA, state.g);
  const exact = expectedPpDistortion(
    compressor,
    gi.map((g, i) => sub(problem.gradI(i, xNext), g)),
    p,
    form,
  );
  const measure = (s: EF21PpState): number =>
    distortion(
      s.gi,
      s.gi.map((_, i) => problem.gradI(i, s.x)),
    );
  return { stats: sampleNext(state, (s, k) => alg.step(s, oracle, k), measure, seed), exact };
}

const pArb = fc.double({ min: 0.05, max: 1, noNaN: true });

describe('EF21-PP sampling path against the exact participation mixture', () => {
  it('the mean of G⁺ over real ef21-pp steps equals (1/n)Σ[p·E‖C(u_i) − u_i‖² + (1 − p)‖u_i‖²] (z = 6, two-sided) for random p, rand-k and natural', () => {
    fc.assert(
      fc.property(samplingInstanceArb, pArb, comparisonSeedArb, (spec, p, seed) => {
        for (const compressor of randomCompressors(spec.d))
          expectAgrees(compare(spec, compressor, p, seed), `${compressor.name}, p=${p}`);
      }),
      { numRuns: samplingRuns() },
    );
  });

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

  it('teeth: the same comparison refutes the expectation without the silent nodes’ (1 − p)‖u_i‖² term', () => {
    expect(agrees(compare(spec, randK(4, 2), 0.5, 11, 'no-silent-term'))).toBe(false);
  });

  it('teeth: the same comparison refutes the full-participation expectation (p replaced by 1)', () => {
    expect(agrees(compare(spec, randK(4, 2), 0.5, 11, 'p-is-one'))).toBe(false);
  });

  it('control: the same fixed comparison accepts the true mixture, so the teeth bite on the formula alone', () => {
    expect(agrees(compare(spec, randK(4, 2), 0.5, 11))).toBe(true);
  });
});
