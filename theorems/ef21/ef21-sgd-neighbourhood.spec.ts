import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCompressorSpec } from '../../src/compressors/registry.ts';
import { diagonalQuadratic } from '../../src/problems/diagonal-quadratic.ts';
import { foldIn, key } from '../../src/rng/key.ts';
import { meanSe, refutesUpperBound } from '../../src/stats/mean-se.ts';
import { ef21 } from '../../src/algorithms/ef21.ts';
import { objective } from '../../src/problems/types.ts';
import { quadraticDataArb, shapeArb, stateOf, stateRecipeArb } from './_lib/arbitraries.ts';
import { contractiveAlpha, ef21StateOf } from './_lib/ef21-step.ts';
import { ef21SgdMethod, ef21SgdStepRule, seededSgdCase, sgdOneStep } from './ef21-sgd-neighbourhood.ts';
import { adversaryCheck } from '../_lib/power.ts';
import { momentumSpace } from '../ef21-sgdm/_lib/momentum-space.ts';
import { minibatchGaussian } from './_lib/minibatch-gaussian.ts';
import { deterministicSpecs, quadraticInstance } from './_lib/instances.ts';

const DRAWS = 200; // Monte Carlo draws per state; the verdict rule is z = 6 on their standard error

describe('EF21-SGD (derived form, docs/theory.md §3.4)', () => {
  it('E Φ(x⁺, g⁺) ≤ Φ(x, g) − (γ/2)‖∇f‖² + 6γσ²/(α²τ) is never refuted at z = 6, from any state', () => {
    fc.assert(
      fc.property(
        shapeArb(3, 5).chain((shape) =>
          fc.record({
            data: quadraticDataArb(shape, 'indefinite'),
            spec: fc.constantFrom(...deterministicSpecs(shape.d)),
            recipe: stateRecipeArb(shape),
            sigma: fc.constantFrom(0.1, 1, 10),
            tau: fc.constantFrom(1, 4),
            seed: fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
          }),
        ),
        (c) => {
          const instance = quadraticInstance(c.data);
          const C = parseCompressorSpec(c.spec, instance.problem.dim);
          const gamma = ef21SgdStepRule(instance.problem, contractiveAlpha(C));
          if (!Number.isFinite(gamma)) return true; // L = 0: no step size to check
          const r = sgdOneStep(
            { instance, compressor: C, gamma, sigma: c.sigma, tau: c.tau, state: stateOf(c.recipe, instance.problem) },
            DRAWS,
            key(c.seed),
          );
          return !refutesUpperBound(r.stats, r.bound);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('the random-C branch (exact over C given the noise) agrees with real rand-k steps of src/algorithms/ef21.ts (z = 6)', () => {
    const c = seededSgdCase(key(5), 'quadratic', 'deterministic');
    const d = c.instance.problem.dim;
    const C = parseCompressorSpec(`rand-k:k=${Math.ceil(d / 3)}`, d);
    const exact = sgdOneStep({ ...c, compressor: C }, 2000, key(6));
    // The same quantity from realized steps: f(x⁺) + (γ/α)(1/n)Σ‖g_i⁺ − ∇f_i(x⁺)‖² with C drawn too.
    const { problem } = c.instance;
    const alg = ef21({ gamma: c.gamma, compressor: C });
    const oracle = minibatchGaussian(problem, c.sigma, c.tau);
    const coef = c.gamma / contractiveAlpha(C);
    const xs = Array.from({ length: 2000 }, (_, s) => {
      const next = alg.step(ef21StateOf(c.state), oracle, key(100_000 + s));
      let G = 0;
      for (let i = 0; i < problem.n; i++)
        G += problem.gradI(i, next.x).reduce((acc, v, j) => acc + (next.gi[i][j] - v) ** 2, 0) / problem.n;
      return objective(problem, next.x) + coef * G;
    });
    const real = meanSe(xs);
    expect(Math.abs(exact.stats.mean - real.mean)).toBeLessThanOrEqual(6 * Math.hypot(exact.stats.se, real.se));
    // …and the comparison can fail: the exact branch with σ doubled is far off.
    const off = sgdOneStep({ ...c, compressor: C, sigma: 2 * c.sigma }, 2000, key(6));
    expect(Math.abs(off.stats.mean - real.mean)).toBeGreaterThan(6 * Math.hypot(off.stats.se, real.se));
  });

  it('the minibatch oracle has E‖ĝ_i − ∇f_i‖² = σ²/τ (declared and measured, z = 6)', () => {
    const problem = diagonalQuadratic([[1, 2, 3]]);
    const o = minibatchGaussian(problem, 2, 4);
    expect(o.sigma).toBe(1);
    const x = Float64Array.of(1, -1, 0.5);
    const g = problem.gradI(0, x);
    const n = 4000;
    let s = 0;
    let s2 = 0;
    for (let t = 0; t < n; t++) {
      const e = o.gradI(0, x, key(t)).reduce((acc, v, j) => acc + (v - g[j]) ** 2, 0);
      s += e;
      s2 += e * e;
    }
    const m = s / n;
    const se = Math.sqrt((s2 / n - m * m) / (n - 1));
    expect(Math.abs(m - 1)).toBeLessThanOrEqual(6 * se);
  });

  it('pins the derived step size: f = ½‖x‖², α = 1/2 gives 1/(1 + 2√10)', () => {
    expect(ef21SgdStepRule(diagonalQuadratic([[1, 1]]), 0.5)).toBeCloseTo(1 / (1 + 2 * Math.sqrt(10)), 15);
  });

  it('teeth: without the noise term, a state with g_i = ∇f_i(x) and large σ refutes the inequality', () => {
    let found = -1;
    for (let t = 0; t < 10 && found < 0; t++) {
      const c = seededSgdCase(key(50 + t), 'quadratic', 'deterministic', 'gradient', 10);
      const r = sgdOneStep(c, DRAWS, key(60 + t), false);
      if (refutesUpperBound(r.stats, r.bound)) found = t;
    }
    expect(found).toBeGreaterThanOrEqual(0);
  });

  it('the quick adversary refutes the derived step well inside 16× (m* 2–4 at quick, 1.6 at default), on check()’s stream', () => {
    const ctx = {
      id: 'ef21-sgd-neighbourhood',
      check: 'spec',
      claim: 'spec',
      seed: 3,
      budget: 'quick',
      provenance: 'D',
    } as const;
    const { power } = adversaryCheck(ctx, momentumSpace(ef21SgdMethod), foldIn(key(3), 900), 'quick');
    expect(power.criticalMultiplier ?? Infinity).toBeGreaterThan(1.25);
    expect(power.criticalMultiplier ?? Infinity).toBeLessThan(16);
  });
});
