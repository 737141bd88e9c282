import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCompressorSpec } from '../../src/compressors/registry.ts';
import { topK } from '../../src/compressors/top-k.ts';
import { ef21, type EF21State } from '../../src/algorithms/ef21.ts';
import { ef21StepSize, thetaBeta, xi } from '../../src/algorithms/step-sizes.ts';
import { exactOracle } from '../../src/oracles/exact.ts';
import { diagonalQuadratic } from '../../src/problems/diagonal-quadratic.ts';
import { objective } from '../../src/problems/types.ts';
import { key } from '../../src/rng/key.ts';
import { DEFAULT_FLOOR, DEFAULT_RTOL, type Sides } from '../../src/report/verdict.ts';
import { logisticDataArb, quadraticDataArb, shapeArb, stateOf, stateRecipeArb, stepFractionArb } from './arbitraries.ts';
import { check, contractiveAlpha, ef21LyapunovSides, seededTrial } from './ef21-lyapunov.ts';
import { deterministicSpecs, logisticInstance, quadraticInstance, randomSpecs, type Instance } from './instances.ts';

const holds = (s: Sides): boolean => s.lhs <= s.rhs + DEFAULT_RTOL * s.scale + DEFAULT_FLOOR;

/** Instance, compressor spec index, state recipe and γ/γ_max for either problem family. */
const caseArb = (family: 'quadratic' | 'logistic', pool: (d: number) => string[]) =>
  shapeArb(4, 6).chain((shape) =>
    fc.record({
      data: family === 'quadratic' ? quadraticDataArb(shape, 'indefinite').map((q) => ({ q })) : logisticDataArb(shape).map((l) => ({ l })),
      spec: fc.constantFrom(...pool(shape.d)),
      recipe: stateRecipeArb(shape),
      fraction: stepFractionArb,
    }),
  );

function sidesOf(c: { data: { q: Parameters<typeof quadraticInstance>[0] } | { l: Parameters<typeof logisticInstance>[0] }; spec: string; recipe: Parameters<typeof stateOf>[0]; fraction: number }, multiplier = 1): Sides {
  const instance: Instance = 'q' in c.data ? quadraticInstance(c.data.q) : logisticInstance(c.data.l);
  const C = parseCompressorSpec(c.spec, instance.problem.dim);
  const gamma = multiplier * c.fraction * ef21StepSize(instance.problem, contractiveAlpha(C));
  // L = L̃ = 0 (every A_i shrunk to 0) makes γ_max infinite: no step size to check, the claim is vacuous.
  if (!Number.isFinite(gamma)) return { lhs: 0, rhs: 0, scale: 0 };
  return ef21LyapunovSides(instance, C, gamma, stateOf(c.recipe, instance.problem));
}

describe('EF21 one-step Lyapunov descent (derived form of Richtárik et al. 2021, Thm 1)', () => {
  it('holds pathwise for top-k and scaled sign from any state of an indefinite quadratic, for any γ ≤ γ_max', () => {
    fc.assert(fc.property(caseArb('quadratic', deterministicSpecs), (c) => holds(sidesOf(c))));
  });

  it('holds pathwise on logistic problems with the nonconvex regulariser', () => {
    fc.assert(fc.property(caseArb('logistic', deterministicSpecs), (c) => holds(sidesOf(c))));
  });

  it('holds in exact expectation for rand-k, Bernoulli, scaled unbiased compressors and natural∘top-k', () => {
    fc.assert(fc.property(caseArb('quadratic', randomSpecs), (c) => holds(sidesOf(c))));
    fc.assert(fc.property(caseArb('logistic', randomSpecs), (c) => holds(sidesOf(c))));
  });

  it('pins θ, β, ξ at α = 1/2 and α = 1 against THEORY.md §0.2', () => {
    const { theta, beta } = thetaBeta(0.5);
    expect(theta).toBeCloseTo(0.292893, 6);
    expect(beta).toBeCloseTo(1.707107, 6);
    expect(xi(0.5)).toBeCloseTo(1 + Math.SQRT2, 12);
    expect(xi(1 / 16)).toBeCloseTo(30.49193, 5);
    expect(thetaBeta(1)).toEqual({ theta: 1, beta: 0 });
  });

  it('reproduces the worked example of THEORY.md §3.2: Φ_t = 5, 3, 1.6715729, 0.6360390', () => {
    const problem = diagonalQuadratic([[1, 1]]);
    const gamma = ef21StepSize(problem, 0.5);
    expect(gamma).toBeCloseTo(1 / (2 + Math.SQRT2), 15);
    const { theta } = thetaBeta(0.5);
    const alg = ef21({ gamma, compressor: topK(2, 1) });
    let s: EF21State = { t: 0, x: Float64Array.of(1, 2), gi: [Float64Array.of(0, 0)], g: Float64Array.of(0, 0), bitsPerNode: 0, initBitsPerNode: 0 };
    const phi: number[] = [];
    for (let t = 0; t < 4; t++) {
      const G = (s.gi[0][0] - s.x[0]) ** 2 + (s.gi[0][1] - s.x[1]) ** 2;
      phi.push(objective(problem, s.x) + (gamma / (2 * theta)) * G);
      s = alg.step(s, exactOracle(problem), key(t));
    }
    const expected = [5, 3, 1.6715729, 0.636039];
    // Transcribed to 8 significant digits: compare to half a unit in the last one.
    phi.forEach((v, t) => expect(Math.abs(v - expected[t])).toBeLessThanOrEqual(5e-8 * expected[t]));
  });

  it('teeth: at 4× the step size a seeded search finds a violating state within 200 trials, at 8× within 50', () => {
    for (const [m, budget] of [
      [4, 200],
      [8, 50],
    ] as const) {
      let found = -1;
      for (let t = 0; t < budget && found < 0; t++) {
        const trial = seededTrial(key(1000 + t), 'quadratic', 'deterministic', m);
        if (!holds(ef21LyapunovSides(trial.instance, trial.compressor, trial.gamma, trial.state))) found = t;
      }
      expect(found, `no violation at ${m}×`).toBeGreaterThanOrEqual(0);
    }
  });

  it('teeth: fast-check finds a violating state at 8× the step size', () => {
    const out = fc.check(fc.property(caseArb('quadratic', deterministicSpecs), (c) => holds(sidesOf(c, 8))), { numRuns: 300 });
    expect(out.failed).toBe(true);
  });

  it('check() at the quick budget: the claim holds on every family, and the 4×/8× companions find violations', async () => {
    const r = await check(7, 'quick');
    expect(r.verdicts.map((v) => [v.expectation, v.status, v.violated])).toEqual([
      ['holds', 'pass', false],
      ['holds', 'pass', false],
      ['holds', 'pass', false],
      ['holds', 'pass', false],
      ['may-fail', 'pass', true],
      ['may-fail', 'pass', true],
    ]);
    const rates = r.tables?.[0].rows.map((row) => row[3] as number) ?? [];
    expect(rates[0]).toBe(0);
    expect(rates[4]).toBeGreaterThan(rates[0]);
  });
});
