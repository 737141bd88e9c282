import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCompressorSpec } from '../../src/compressors/registry.ts';
import { ef21Gamma } from './_lib/constants.ts';
import { diagonalQuadratic } from '../../src/problems/diagonal-quadratic.ts';
import { foldIn, key } from '../../src/rng/key.ts';
import { DEFAULT_FLOOR, DEFAULT_RTOL, type Sides } from '../../src/report/verdict.ts';
import {
  logisticDataArb,
  quadraticDataArb,
  shapeArb,
  stateOf,
  stateRecipeArb,
  stepFractionArb,
} from './_lib/arbitraries.ts';
import { contractiveAlpha } from './_lib/ef21-step.ts';
import { rateSpace } from './_lib/rate-space.ts';
import { rateTrial, worstPrefix } from './ef21-rate.ts';
import { adversaryCheck } from '../_lib/power.ts';
import { descentSizes } from './_lib/descent-adversary.ts';
import { ownStartRun, rateRun } from './_lib/rate-run.ts';
import { deterministicSpecs, logisticInstance, quadraticInstance, type Instance } from './_lib/instances.ts';

const holds = (s: Sides): boolean => s.lhs <= s.rhs + DEFAULT_RTOL * s.scale + DEFAULT_FLOOR;
const T = 40;

const caseArb = shapeArb(3, 5).chain((shape) =>
  fc.record({
    data: fc.oneof(
      quadraticDataArb(shape, 'positive-definite').map((q) => ({ q })),
      logisticDataArb(shape).map((l) => ({ l })),
    ),
    spec: fc.constantFrom(...deterministicSpecs(shape.d)),
    recipe: stateRecipeArb(shape),
    fraction: stepFractionArb,
    seed: fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
  }),
);

describe('EF21 rate corollary (derived form of Richtárik et al. 2021, Thm 1)', () => {
  it('every prefix of a trajectory from any start satisfies (1/T)Σ‖∇f(x^t)‖² ≤ 2Φ_0/(γT), for γ ≤ γ_max', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const instance: Instance = 'q' in c.data ? quadraticInstance(c.data.q) : logisticInstance(c.data.l);
        const C = parseCompressorSpec(c.spec, instance.problem.dim);
        const gamma = c.fraction * ef21Gamma(instance.problem, contractiveAlpha(C));
        if (!Number.isFinite(gamma)) return true; // L = 0: no step size to check
        const run = rateRun(instance, C, gamma, stateOf(c.recipe, instance.problem), T, key(c.seed));
        return holds(worstPrefix(run, gamma));
      }),
    );
  });

  it('is tight at T = 1 in one dimension with α = 1: ‖∇f(x⁰)‖² = 2(f(x⁰) − f*)/γ at γ = 1/L', () => {
    const instance = quadraticInstance({ A: [[[2]]], b: [[1]] });
    const C = parseCompressorSpec('top-k:k=1', 1);
    const gamma = ef21Gamma(instance.problem, 1);
    expect(gamma).toBeCloseTo(0.5, 14);
    const run = ownStartRun(instance, C, gamma, Float64Array.of(3), 5, key(0));
    // f = x² − x, x⁰ = 3: ∇f = 5, f − f* = 6 − (−1/4) = 25/4, 2Φ_0/γ = 25; γ = 1/L jumps to x* at once.
    expect(run.gradNormSq[0]).toBeCloseTo(25, 12);
    expect(run.phi0.value).toBeCloseTo(25 / 4, 12);
    expect(run.gradNormSq[1]).toBeLessThan(1e-20);
    const w = worstPrefix(run, gamma);
    expect(w.T).toBe(1);
    expect(Math.abs(w.lhs - w.rhs)).toBeLessThanOrEqual(DEFAULT_RTOL * w.scale);
  });

  it('teeth: at 8× the step size a seeded search finds a trajectory above the bound within 20 runs', () => {
    let found = -1;
    for (let t = 0; t < 20 && found < 0; t++) if (!holds(rateTrial(key(500 + t), 100, 8))) found = t;
    expect(found).toBeGreaterThanOrEqual(0);
  });

  it('teeth: a diagonal quadratic, top-1, γ = 8γ_max oscillates and breaks the bound', () => {
    // n = 2, d = 2, L_i heterogeneous; 8γ_max = 8/(L + L̃ξ(1/2)) > 2/L, so GD-like steps overshoot.
    const problem = diagonalQuadratic([
      [1, 4],
      [3, 4],
    ]);
    const instance: Instance = { problem, family: 'quadratic', fScale: (x) => 3 * (x[0] ** 2 + x[1] ** 2), json: null };
    const C = parseCompressorSpec('top-k:k=1', 2);
    const gamma = 8 * ef21Gamma(problem, 0.5);
    expect(gamma).toBeGreaterThan(2 / problem.L);
    const run = ownStartRun(instance, C, gamma, Float64Array.of(1, 1), 200, key(0));
    expect(holds(worstPrefix(run, gamma))).toBe(false);
  });

  it('a step 2× too large is caught: the quick adversary’s first violation lies below 2·γ_max (measured 1.28)', () => {
    const ctx = { id: 'ef21-rate', check: 'spec', claim: 'spec', seed: 11, budget: 'quick', provenance: 'D' } as const;
    const { power } = adversaryCheck(ctx, rateSpace(), foldIn(key(11), 90), 'quick', descentSizes('quick'));
    expect(power.criticalMultiplier ?? Infinity).toBeLessThan(2);
  });

  it('the rate space is the corollary: Σ(γ/2)‖∇f‖² ≤ Φ_0 from the start the search chose, checked by hand on one round', () => {
    // T = 1 holds from every start: f(x⁰) − f* ≥ ‖∇f(x⁰)‖²/(2L) ≥ (γ/2)‖∇f(x⁰)‖² since γ ≤ 1/L, and Φ_0 adds a
    // non-negative distortion term.
    const space = rateSpace(1);
    const c = space.sample(key(3));
    const s = space.sides(c, 1);
    expect(s.lhs).toBeGreaterThanOrEqual(0);
    expect(s.rhs).toBeGreaterThan(0);
    expect(s.lhs).toBeLessThanOrEqual(s.rhs * (1 + 1e-12));
  });
});
