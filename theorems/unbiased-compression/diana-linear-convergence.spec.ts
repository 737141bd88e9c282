import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dianaUpdate } from '../../src/algorithms/diana.ts';
import { mean } from '../../src/linalg/vector.ts';
import { key } from '../../src/rng/key.ts';
import { normal } from '../../src/rng/sample.ts';
import { check, compressedGdFloor, instanceFor, OMEGA, parametersFor, SETTING } from './diana-linear-convergence.ts';
import { conditionedInstance } from './_lib/conditioned-instance.ts';
import { compressedGdExactCurve, dianaExactCurves } from './_lib/diana-exact-curves.ts';
import { expectOverRandK } from './_lib/rand-k-law.ts';
import { blockTrace, compressedGdSystem, dianaSystem, outer, propagate } from './_lib/second-moment.ts';

const close = (a: number, b: number, rtol = 1e-12) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rtol * (Math.abs(a) + Math.abs(b)) + 1e-300);

describe('DIANA converges linearly where compressed GD stalls (derived form, docs/theory.md §A2.3)', () => {
  it('the exact second-moment recursion equals the enumerated law of one DIANA round through dianaUpdate (independent and shared)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.constantFrom('independent' as const, 'shared' as const),
        (n, d, seed, randomness) => {
          const k = 1 + (seed % (d - 1));
          const inst = conditionedInstance(key(seed), { n, d, kappa: 5 });
          const gamma = 0.3;
          const alpha = 0.4;
          const e = normal(key(seed + 1), d);
          const hi = Array.from({ length: n }, (_, i) => Float64Array.from(normal(key(seed + 2 + i), d)));
          const x = Float64Array.from(e, (v, j) => v + inst.xStar[j]);
          // Enumerated: E‖x⁺ − x*‖² and E σ⁺² through the method's arithmetic.
          const us = hi.map((h, i) => Float64Array.from(inst.problem.gradI(i, x), (v, j) => v - h[j]));
          const run = (messages: Float64Array[]) => dianaUpdate({ gamma, alpha, x, h: mean(hi), hi, messages });
          const e2 = expectOverRandK(us, k, randomness, (m) => {
            const r = run(m);
            return r.x.reduce((s, v, j) => s + (v - inst.xStar[j]) ** 2, 0);
          });
          const s2 = expectOverRandK(
            us,
            k,
            randomness,
            (m) =>
              run(m).hi.reduce((s, h, i) => s + h.reduce((t, v, j) => t + (v - inst.gradStar[i][j]) ** 2, 0), 0) / n,
          );
          // Recursion from the point mass at z = (e, δ_1, …, δ_n).
          const sys = dianaSystem(inst.lambda, n, k, gamma, alpha, randomness);
          const z = new Float64Array(sys.D);
          for (let j = 0; j < d; j++) z[j] = e[j];
          for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) z[d * (i + 1) + j] = hi[i][j] - inst.gradStar[i][j];
          const S = propagate(sys, outer(z));
          close(blockTrace(S, sys.D, 0, d), e2, 1e-10);
          close(blockTrace(S, sys.D, d, n * d) / n, s2, 1e-10);
        },
      ),
    );
  });

  it('the compressed-GD recursion equals its enumerated law, and the floor γ²(ω/n)ζ² is its one-step variance from x*', () => {
    const inst = conditionedInstance(key(3), { n: 3, d: 4, kappa: 5 });
    const gamma = 0.2;
    const sys = compressedGdSystem(inst.lambda, inst.gradStar, 1, gamma, 'independent');
    const z = new Float64Array(sys.D);
    z[4] = 1; // x = x*
    const exact = blockTrace(propagate(sys, outer(z)), sys.D, 0, 4);
    const us = inst.gradStar;
    const enumerated = expectOverRandK(us, 1, 'independent', (m) => {
      let s = 0;
      for (let j = 0; j < 4; j++) s += (gamma * m.reduce((a, v) => a + v[j], 0)) ** 2 / 9;
      return s;
    });
    close(exact, enumerated, 1e-12);
    // From x*, E‖x⁺ − x*‖² = γ²(ω/n)ζ² exactly (ω = 3 for rand-1 of 4): the floor is attained after one step.
    close(exact, ((gamma * gamma * 3) / 3) * inst.zetaSq, 1e-12);
  });

  it('pins the setting’s constants: ω = 3, γ = 1/(1 + 6·3/4) = 2/11, α = 1/4, M = 12, ρ = 1 − γμ = 1 − 1/55', () => {
    expect(OMEGA).toBe(3);
    const inst = instanceFor(1, 0);
    expect(inst.problem.L).toBeCloseTo(1, 14);
    expect(inst.mu).toBeCloseTo(1 / SETTING.kappa, 14);
    const p = parametersFor(inst);
    close(p.gamma, 2 / 11);
    close(p.alpha, 0.25);
    close(p.M, 12);
    close(p.rho, 1 - 1 / 55);
  });

  it('teeth by hand: compressed GD sits above DIANA’s bound at T = 800 on every seeded instance, DIANA far below it', () => {
    for (let r = 0; r < 3; r++) {
      const inst = instanceFor(7, r);
      const p = parametersFor(inst);
      const { e2, sigma2 } = dianaExactCurves(inst, SETTING.k, p, 800);
      const cgd = compressedGdExactCurve(inst, SETTING.k, p.gamma, 800);
      const bound = p.rho ** 800 * (e2[0] + p.M * p.gamma ** 2 * sigma2[0]);
      expect(cgd[800]).toBeGreaterThan(1e3 * bound);
      expect(cgd[800]).toBeGreaterThanOrEqual(compressedGdFloor(inst, p.gamma));
      expect(e2[800] + p.M * p.gamma ** 2 * sigma2[800]).toBeLessThan(1e-3 * bound);
    }
  });

  it('check() at the quick budget: every holds-check passes, both teeth fire', async () => {
    const result = await check(1, 'quick');
    expect(result.verdicts.map((v) => [v.expectation, v.status])).toEqual([
      ...new Array(10).fill(['holds', 'pass']),
      ['may-fail', 'pass'],
      ['may-fail', 'pass'],
    ]);
    expect(result.verdicts.at(-1)?.violated).toBe(true);
  });
});
