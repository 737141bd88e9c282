/**
 * EF21-SGDM's sampling path [Fatkhullin, Tyurin, Richtárik 2023, Alg. 1; docs/theory.md §5.1]. One real step from a
 * fixed state (g_i ≠ v_i, both away from ∇f_i) makes v_i⁺ = (1 − η)v_i + η ĝ_i(x⁺; ξ) and g_i⁺ = g_i + C(u_i),
 * u_i = v_i⁺ − g_i, so the momentum distortion D⁺ = (1/n)Σ‖g_i⁺ − v_i⁺‖² has
 *   E D⁺ = (1/n) Σ_i E_ξ E_C ‖C(u_i) − u_i‖².
 * - Exact oracle: u_i is deterministic and E D⁺ = (1/n)Σ E‖C(u_i) − u_i‖².
 * - Three-point oracle (src/oracles/three-point.ts, d = 2): ξ_i takes 3 values, so E_ξ is an exact sum over each
 *   node's support; by linearity only node marginals matter, so independent and shared noise have the same E D⁺.
 *   This exercises the momentum line's use of the *stochastic* gradient through the method's own noise key.
 * The Monte Carlo mean over SAMPLES = 3000 real `ef21Sgdm().step` calls must match two-sided at z = 6; v_i⁺ and x⁺
 * on the exact side are recomputed here, D⁺ on the sampled side is read from the returned state.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ef21Sgdm, type EF21SgdmState } from '../../src/algorithms/ef21-sgdm.ts';
import { randK } from '../../src/compressors/rand-k.ts';
import type { Compressor } from '../../src/compressors/types.ts';
import { mean, type ReadonlyVector, type Vector } from '../../src/linalg/vector.ts';
import { exactOracle } from '../../src/oracles/exact.ts';
import { threePointOracle, threePointSupport, type SupportPoint } from '../../src/oracles/three-point.ts';
import type { Oracle } from '../../src/oracles/types.ts';
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

interface Case {
  readonly spec: { a: number[][]; b: number[][]; x0: number[] };
  readonly eta: number;
  /** The noise: none (exact oracle) or the three-point law with this σ, independent or shared across nodes. */
  readonly noise?: { readonly sigma: number; readonly shared: boolean };
}

/** u = (1 − η)v + η(∇ + ξ) − g, the vector node i compresses when its noise is ξ. */
function momentumDifference(
  v: ReadonlyVector,
  grad: ReadonlyVector,
  xi: ReadonlyVector | undefined,
  g: ReadonlyVector,
  eta: number,
): Vector {
  return Float64Array.from(v, (vj, j) => (1 - eta) * vj + eta * (grad[j] + (xi === undefined ? 0 : xi[j])) - g[j]);
}

/**
 * Sampled mean ± se of D⁺ over real ef21-sgdm steps, and E D⁺ computed with `expectation.eta` (default: the case's
 * η) and, unless `expectation.ignoreNoise`, the oracle's noise law.
 */
function compare(
  c: Case,
  compressor: Compressor,
  seed: number,
  expectation: { readonly eta?: number; readonly ignoreNoise?: boolean } = {},
): Comparison {
  const problem = diagonalQuadratic(c.spec.a, c.spec.b);
  const oracle: Oracle =
    c.noise === undefined ? exactOracle(problem) : threePointOracle(problem, c.noise.sigma, { shared: c.noise.shared });
  const alg = ef21Sgdm({ gamma: GAMMA, eta: c.eta, compressor, x0: c.spec.x0 });
  // A state built here: g_i and v_i at different offsets from ∇f_i(x⁰), so both momentum terms matter.
  const start = alg.init(oracle, key(seed));
  const grads = start.gi.map((_, i) => problem.gradI(i, start.x));
  const gi = nodeOffsets(grads, 0);
  const vi = nodeOffsets(grads, 1);
  const state: EF21SgdmState = { ...start, gi, vi, g: mean(gi) };
  const xNext = nextIterate(state.x, GAMMA, state.g);
  const eta = expectation.eta ?? c.eta;
  const support: readonly (SupportPoint | { p: number; value: undefined })[] =
    c.noise === undefined || expectation.ignoreNoise === true
      ? [{ p: 1, value: undefined }]
      : threePointSupport(c.noise.sigma);
  let exact = 0;
  for (let i = 0; i < problem.n; i++) {
    const grad = problem.gradI(i, xNext);
    for (const { p, value } of support)
      exact += p * errorSq(compressor, momentumDifference(vi[i], grad, value, gi[i], eta));
  }
  exact /= problem.n;
  const measure = (s: EF21SgdmState): number => distortion(s.gi, s.vi);
  return { stats: sampleNext(state, (s, k) => alg.step(s, oracle, k), measure, seed), exact };
}

const etaArb = fc.double({ min: 0.05, max: 1, noNaN: true });

describe('EF21-SGDM sampling path against the exact expected momentum distortion', () => {
  it('with the exact oracle, the mean of D⁺ over real ef21-sgdm steps equals (1/n)Σ E‖C(u_i) − u_i‖², u_i = (1 − η)v_i + η∇f_i(x⁺) − g_i (z = 6, two-sided) for rand-k and natural', () => {
    fc.assert(
      fc.property(samplingInstanceArb, etaArb, comparisonSeedArb, (spec, eta, seed) => {
        for (const compressor of randomCompressors(spec.d))
          expectAgrees(compare({ spec, eta }, compressor, seed), `${compressor.name}, η=${eta}`);
      }),
      { numRuns: samplingRuns() },
    );
  });

  it('with the three-point oracle, the mean of D⁺ equals the exact sum over each node’s noise support (z = 6, two-sided), independent or shared noise', () => {
    const noiseArb = fc.record({ sigma: fc.double({ min: 0.1, max: 2, noNaN: true }), shared: fc.boolean() });
    fc.assert(
      fc.property(
        samplingInstanceArb.filter((s) => s.d === 2),
        etaArb,
        noiseArb,
        comparisonSeedArb,
        (spec, eta, noise, seed) => {
          for (const compressor of randomCompressors(spec.d)) {
            expectAgrees(
              compare({ spec, eta, noise }, compressor, seed),
              `${compressor.name}, η=${eta}, σ=${noise.sigma}, shared=${noise.shared}`,
            );
          }
        },
      ),
      // Twice the usual runs: d = 2 makes each run cheap, and correlated noise/compressor keys hide in few cases.
      { numRuns: samplingRuns(10) },
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
  const spec2 = {
    a: [
      [1, 2],
      [0.3, 1],
    ],
    b: [
      [0.1, -0.2],
      [0, 0.5],
    ],
    x0: [1, -1],
  };

  it('teeth: the same comparison refutes the expectation computed with η replaced (η = 1 for a step with η = 0.5)', () => {
    expect(agrees(compare({ spec, eta: 0.5 }, randK(4, 2), 11, { eta: 1 }))).toBe(false);
  });

  it('teeth: with the three-point oracle, the comparison refutes the expectation that ignores the noise in the momentum line', () => {
    expect(
      agrees(
        compare({ spec: spec2, eta: 0.8, noise: { sigma: 2, shared: false } }, randK(2, 1), 11, { ignoreNoise: true }),
      ),
    ).toBe(false);
  });

  it('control: the same fixed comparisons accept the true expectations, so the teeth bite on the formula alone', () => {
    expect(agrees(compare({ spec, eta: 0.5 }, randK(4, 2), 11))).toBe(true);
    expect(agrees(compare({ spec: spec2, eta: 0.8, noise: { sigma: 2, shared: false } }, randK(2, 1), 11))).toBe(true);
  });
});
