import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ef21SgdIdeal } from '../../src/algorithms/ef21-sgd-ideal.ts';
import { topK } from '../../src/compressors/top-k.ts';
import { threePointSupport } from '../../src/oracles/three-point.ts';
import { theorem1Instance } from '../../src/problems/theorem1-instance.ts';
import { key } from '../../src/rng/key.ts';
import { DEFAULT_FLOOR, DEFAULT_RTOL, type Sides } from '../../src/report/verdict.ts';
import { finiteNoiseOracle, noiseOutcomes } from './_lib/finite-noise.ts';
import { compressedNoiseMean, expectedGradient } from './_lib/theorem1-closed-form.ts';
import { exactSides, floorValue, PAPER_CONSTANT, RECONSTRUCTION_CONSTANT } from './thm1-ef21-sgd-ideal-lower-bound.ts';

const holds = (s: Sides): boolean => s.lhs <= s.rhs + DEFAULT_RTOL * s.scale + DEFAULT_FLOOR;
const positive = (min: number, max: number): fc.Arbitrary<number> => fc.double({ min, max, noNaN: true });

describe('EF21-SGD-ideal lower bound (Fatkhullin et al. 2023, Theorem 1; reconstructed instance, docs/theory.md §5.2)', () => {
  it('transcribes the constants and the compressed-noise bias b = E Top1(ξ) = (0, 2c/3), ‖b‖² = (2/21)σ²', () => {
    expect(PAPER_CONSTANT).toBe(1 / 60);
    const c = Math.sqrt(3 / 14);
    const b = compressedNoiseMean(1);
    expect(b[0]).toBe(0);
    expect(b[1]).toBeCloseTo((2 * c) / 3, 15);
    expect(b[0] ** 2 + b[1] ** 2).toBeCloseTo(RECONSTRUCTION_CONSTANT, 15);
    expect(floorValue(PAPER_CONSTANT, 1, 4)).toBeCloseTo(1 / 60, 15);
    expect(floorValue(PAPER_CONSTANT, 3, 0.25)).toBeCloseTo(0.25 / 60, 15);
  });

  it('the closed form satisfies E x^{t+1} = (1 − γL) E x^t − γb and starts at ∇f(x⁰)', () => {
    fc.assert(
      fc.property(
        positive(0.25, 4),
        positive(0.01, 1),
        positive(0.01, 4),
        positive(-4, 4),
        fc.integer({ min: 0, max: 500 }),
        (L, gammaL, sigma, x2, t) => {
          const gamma = gammaL / L;
          const b = compressedNoiseMean(sigma);
          const now = expectedGradient(L, gamma, [0, x2], b, t);
          const next = expectedGradient(L, gamma, [0, x2], b, t + 1);
          for (let j = 0; j < 2; j++) {
            // ∇f = L x, so the recursion for E∇f is E∇f⁺ = (1 − γL) E∇f − γL b.
            const predicted = (1 - gammaL) * now[j] - gammaL * b[j];
            expect(Math.abs(next[j] - predicted)).toBeLessThanOrEqual(
              1e-12 * (Math.abs(next[j]) + Math.abs(now[j]) + Math.abs(b[j])) + 1e-300,
            );
          }
          expect(Array.from(expectedGradient(L, gamma, [0, x2], b, 0))).toEqual([0, L * x2]);
        },
      ),
    );
  });

  it("the simulator's one-step mean is exactly ∇f(x) + b: enumerating the noise through EF21-SGD-ideal's own step", () => {
    fc.assert(
      fc.property(
        positive(0.01, 1),
        positive(0.1, 4),
        positive(-2, 2),
        positive(-2, 2),
        fc.integer({ min: 1, max: 3 }),
        (gamma, sigma, x1, x2, n) => {
          const problem = theorem1Instance({ n });
          const law = Array.from({ length: n }, () => ({
            p: threePointSupport(sigma).map((s) => s.p),
            points: threePointSupport(sigma).map((s) => s.value),
          }));
          const alg = ef21SgdIdeal({ gamma, compressor: topK(2, 1) });
          const state = {
            t: 0,
            x: Float64Array.of(x1, x2),
            g: Float64Array.of(x1, x2),
            gi: [],
            bitsPerNode: 0,
            initBitsPerNode: 0,
          };
          const mean = new Float64Array(2);
          for (const o of noiseOutcomes(law)) {
            const after = alg.step(state, finiteNoiseOracle(problem, law, o, sigma), key(0));
            mean[0] += o.p * after.g[0];
            mean[1] += o.p * after.g[1];
          }
          const b = compressedNoiseMean(sigma);
          const xNext = [x1 - gamma * x1, x2 - gamma * x2];
          for (let j = 0; j < 2; j++)
            expect(Math.abs(mean[j] - (xNext[j] + b[j]))).toBeLessThanOrEqual(
              1e-12 * (Math.abs(xNext[j]) + Math.abs(b[j]) + sigma) + 1e-300,
            );
        },
      ),
    );
  });

  it('‖E∇f(x^t)‖² ≥ (1/60)·min{σ², ‖∇f(x⁰)‖²} for every L, σ, x₂ < 0, γ ≤ 1/L and t (exact)', () => {
    fc.assert(
      fc.property(
        positive(0.25, 4),
        positive(1e-3, 1),
        positive(0.01, 10),
        positive(-10, -1e-3),
        fc.integer({ min: 0, max: 10_000 }),
        (L, gammaL, sigma, x2, t) => {
          expect(holds(exactSides(PAPER_CONSTANT, L, sigma, gammaL / L, x2, t))).toBe(true);
          expect(holds(exactSides(RECONSTRUCTION_CONSTANT, L, sigma, gammaL / L, x2, t))).toBe(true);
        },
      ),
    );
  });

  it('teeth: from x⁰ = (0, +b₂), outside the claim (x₂ must be negative), ‖E∇f(x¹)‖² hits 0 at γ = 1/(2L)', () => {
    const b2 = compressedNoiseMean(1)[1];
    // E∇f(x¹) = ½·b₂ − ½·b₂ = 0 < 1/60·min{1, b₂²}.
    expect(holds(exactSides(PAPER_CONSTANT, 1, 1, 0.5, b2, 1))).toBe(false);
    // … and fast-check finds such a start on its own.
    const found = fc.check(
      fc.property(positive(0.01, 1), positive(1e-3, 2), fc.integer({ min: 0, max: 200 }), (gamma, x2, t) =>
        holds(exactSides(PAPER_CONSTANT, 1, 1, gamma, x2, t)),
      ),
      { numRuns: 500 }, // a teeth search must not depend on FC_RUNS being large
    );
    expect(found.failed).toBe(true);
  });
});
