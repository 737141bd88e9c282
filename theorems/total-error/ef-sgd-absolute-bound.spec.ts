import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { worstCase } from '../../src/adversary/worst-case.ts';
import { checkFamily } from '../../src/check/check-family.ts';
import { ef14VirtualIterate } from '../../src/algorithms/ef14-virtual-iterate.ts';
import { DEFAULT_FLOOR } from '../../src/report/verdict.ts';
import { gradient } from '../../src/problems/types.ts';
import { key } from '../../src/rng/key.ts';
import { check } from './ef-sgd-absolute-bound.ts';
import { absoluteFamilies } from './_lib/absolute-catalogue.ts';
import { methodSides, quadraticSides, rightSide, stepSize } from './_lib/absolute-one-step.ts';
import { averagedBound, type RunSetting } from './_lib/absolute-runs.ts';
import { absoluteSpace } from './_lib/absolute-space.ts';
import { EDGE, randomMethodStep, worstMethodStep } from './_lib/absolute-states.ts';

/** The claim's tolerance: the enumeration averages ≤ 8 values of f. */
const RTOL = 1e-11;
const seedArb = fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 }));
const WORST = { d: 3, n: 2, L: 2, lambda: 0.3, sigma: 0.7 };

describe('EF-SGD with an absolute compressor (derived form, docs/theory.md §8)', () => {
  it('property: E f(z⁺) − f(z) ≤ −(γ/4)‖∇f(x⁺)‖² + Lγ²σ²/(2n) + L²γ³Δ²/2 from random states, exact over the noise signs', () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        const s = methodSides(randomMethodStep(key(seed)));
        expect(s.lhs).toBeLessThanOrEqual(s.rhs + RTOL * s.scale + DEFAULT_FLOOR);
      }),
    );
  });

  it('the adversary’s closed form equals the enumeration through ef14.ts’s step (same instance)', () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        const m = randomMethodStep(key(seed));
        const s = methodSides(m);
        const { problem, state } = m;
        const d = problem.dim;
        const gamma = stepSize(problem.L);
        const zero = gradient(problem, new Float64Array(d));
        const A = new Float64Array(d * d);
        for (let c = 0; c < d; c++) {
          const col = gradient(
            problem,
            Float64Array.from({ length: d }, (_, j) => (j === c ? 1 : 0)),
          );
          for (let r = 0; r < d; r++) A[r * d + c] = col[r] - zero[r];
        }
        const q = quadraticSides(
          { A, gradZ: gradient(problem, ef14VirtualIterate(state, gamma)), e: state.ei, v: m.v },
          problem.L,
          gamma,
        );
        expect(Math.abs(s.lhs - s.closed)).toBeLessThanOrEqual(RTOL * s.scale + DEFAULT_FLOOR);
        expect(Math.abs(q.lhs - s.lhs)).toBeLessThanOrEqual(1e-9 * (s.scale + q.scale) + DEFAULT_FLOOR);
      }),
      { numRuns: 50 },
    );
  });

  it('pins the constants by hand: γ = 1/(2L); L = 2, γ = 1/4, n = 2, ‖∇f‖² = 4, σ² = 3, Δ² = 5 gives −1/4 + 3/32 + 5/32 = 0', () => {
    expect(stepSize(2)).toBe(0.25);
    expect(stepSize(2, 2)).toBe(0.5);
    const r = rightSide({ L: 2, gamma: 0.25, n: 2, gradSq: 4, sigmaSq: 3, deltaSq: 5 });
    expect(r.rhs).toBeCloseTo(0, 15);
    expect(r.scale).toBeCloseTo(0.5, 15);
    // Averaged: f(x⁰) − f_inf = 1, γ = 1/4, T = 8, L = 2, n = 4, σ = 2, Δ² = 3: 4/(2) + 2·2·(1/4)·4/4 + 2·4·(1/16)·3.
    const s = {
      oracle: { problem: { L: 2, n: 4 } },
      gamma: 0.25,
      sigma: 2,
      gap0: 1,
      grad0: 1,
    } as unknown as RunSetting;
    expect(averagedBound(s, 3, 8).terms).toEqual([2, 1, 1.5]);
  });

  it('the worst state: equality up to (1 − ε)² at γ = 1/(2L), by hand', () => {
    const s = methodSides(worstMethodStep(WORST));
    const { d, n, L, lambda, sigma } = WORST;
    const gamma = 1 / (2 * L);
    const eSq = d * (lambda * EDGE) ** 2;
    // ∇f(z) = 0, a = Lγē: E f(z⁺) − f(z) = (γ²L/2)(‖a‖² + σ²/n) and the right side −(γ/4)‖a‖² + Lγ²σ²/(2n) + L²γ³dλ²/2.
    expect(s.lhs).toBeCloseTo(((gamma ** 2 * L) / 2) * (L ** 2 * gamma ** 2 * eSq + sigma ** 2 / n), 12);
    expect(s.rhs).toBeCloseTo(
      -(gamma / 4) * L ** 2 * gamma ** 2 * eSq +
        (L * gamma ** 2 * sigma ** 2) / (2 * n) +
        (L ** 2 * gamma ** 3 * d * lambda ** 2) / 2,
      12,
    );
    expect(s.lhs).toBeLessThanOrEqual(s.rhs);
    expect((s.rhs - s.lhs) / s.scale).toBeLessThan(1e-7);
  });

  it('teeth: at the worst state the bound with Δ²/4, and the step 1/L, are violated', () => {
    const quarter = methodSides(worstMethodStep(WORST), 1, 1 / 4);
    expect(quarter.lhs).toBeGreaterThan(quarter.rhs + 0.1 * quarter.scale);
    const doubled = methodSides(worstMethodStep(WORST, 2), 2);
    expect(doubled.lhs).toBeGreaterThan(doubled.rhs + 0.1 * doubled.scale);
  });

  it('teeth: the adversary finds a violation at 1.25× the step', () => {
    const w = worstCase(absoluteSpace(), 1.25, key(4), {
      restarts: 4,
      evaluations: 600,
      stopAtViolation: true,
      shrink: false,
    });
    expect(w.violated).toBe(true);
  });

  it('the compressor checker passes the honest hard threshold and refutes the two broken declarations of Δ²', () => {
    const statuses = absoluteFamilies().map(
      ({ family }) =>
        checkFamily(family, {
          seed: 5,
          effort: 'quick',
          budget: {
            runs: 6,
            climbStarts: 1,
            climbSteps: 10,
            worstCaseDims: [1, 2, 4, 16],
            maxDim: 32,
            maxSamples: 512,
          },
        }).status,
    );
    expect(statuses).toEqual(['pass', 'fail', 'fail']);
  });

  it('check() at the quick budget: the adversary holds at γ = 1/(2L) and finds m* within 10% of it', async () => {
    const result = await check(3, 'quick');
    const power = result.power?.[0];
    expect(power?.worstRatio).toBeLessThanOrEqual(1 + 1e-12);
    expect(power?.criticalMultiplier).not.toBeNull();
    expect(power?.criticalMultiplier).toBeLessThan(1.1);
  });
});
