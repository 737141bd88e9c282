import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCompressorSpec } from '../../src/compressors/registry.ts';
import { key } from '../../src/rng/key.ts';
import { DEFAULT_FLOOR, DEFAULT_RTOL, type Sides } from '../../src/report/verdict.ts';
import {
  logisticDataArb,
  quadraticDataArb,
  shapeArb,
  stateOf,
  stateRecipeArb,
  stepFractionArb,
} from '../ef21/_lib/arbitraries.ts';
import { contractiveAlpha } from '../ef21/_lib/ef21-step.ts';
import {
  deterministicSpecs,
  logisticInstance,
  quadraticInstance,
  randomSpecs,
  type Instance,
} from '../ef21/_lib/instances.ts';
import { ef21AmGamma, ef21wWeights, uniformNodeWeights } from '../ef21/_lib/constants.ts';
import { ef21wCheck, ef21wSides } from './ef21w-lyapunov.ts';
import { seededWTrial } from './_lib/seeded-w-trial.ts';
import { weightedTarget } from './_lib/weighted-target.ts';

const holds = (s: Sides): boolean => s.lhs <= s.rhs + DEFAULT_RTOL * s.scale + DEFAULT_FLOOR;

const caseArb = (family: 'quadratic' | 'logistic', pool: (d: number) => string[]) =>
  shapeArb(4, 6).chain((shape) =>
    fc.record({
      data:
        family === 'quadratic'
          ? quadraticDataArb(shape, 'indefinite').map((q) => ({ q }))
          : logisticDataArb(shape).map((l) => ({ l })),
      spec: fc.constantFrom(...pool(shape.d)),
      recipe: stateRecipeArb(shape),
      fraction: stepFractionArb,
    }),
  );

function sidesOf(
  c: {
    data: { q: Parameters<typeof quadraticInstance>[0] } | { l: Parameters<typeof logisticInstance>[0] };
    spec: string;
    recipe: Parameters<typeof stateOf>[0];
    fraction: number;
  },
  multiplier = 1,
): Sides {
  const instance: Instance = 'q' in c.data ? quadraticInstance(c.data.q) : logisticInstance(c.data.l);
  // EF21-W needs every L_i > 0 (w_i = L_i/ΣL_j appears in a denominator).
  if (!instance.problem.Li.every((l) => l > 0)) return { lhs: 0, rhs: 0, scale: 0 };
  const C = parseCompressorSpec(c.spec, instance.problem.dim);
  const gamma = multiplier * c.fraction * ef21AmGamma(instance.problem, contractiveAlpha(C));
  const target = weightedTarget(instance.problem, ef21wWeights(instance.problem.Li));
  return ef21wSides(instance, C, gamma, stateOf(c.recipe, instance.problem, target));
}

describe('EF21-W Lyapunov descent (derived form of Richtárik, Gasanov, Burlachenko 2024, Thm 2)', () => {
  it('Φ^W decreases by (γ/2)‖∇f‖² pathwise for top-k and scaled sign, from any state, for γ ≤ γ_AM', () => {
    fc.assert(fc.property(caseArb('quadratic', deterministicSpecs), (c) => holds(sidesOf(c))));
    fc.assert(fc.property(caseArb('logistic', deterministicSpecs), (c) => holds(sidesOf(c))));
  });

  it('and in exact expectation for random compressors', () => {
    fc.assert(fc.property(caseArb('quadratic', randomSpecs), (c) => holds(sidesOf(c))));
  });

  it('the targets ∇f_i/(n w_i) average back to ∇f with the weights: Σ_i w_i h_i(x) = ∇f(x)', () => {
    const tr = seededWTrial(key(1), 'quadratic', 'deterministic', 1);
    const { problem } = tr.instance;
    const wi = ef21wWeights(problem.Li);
    const h = weightedTarget(problem, wi);
    const x = tr.state.x;
    for (let j = 0; j < problem.dim; j++) {
      let lhs = 0;
      let rhs = 0;
      let scale = 0;
      for (let i = 0; i < problem.n; i++) {
        lhs += wi[i] * h(i, x)[j];
        rhs += problem.gradI(i, x)[j] / problem.n;
        scale += Math.abs(problem.gradI(i, x)[j]) / problem.n;
      }
      expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-14 * scale + DEFAULT_FLOOR);
    }
  });

  it('teeth: fast-check finds a violating state at 8× the step size', () => {
    expect(
      fc.check(
        fc.property(caseArb('quadratic', deterministicSpecs), (c) => holds(sidesOf(c, 8))),
        { numRuns: 300 },
      ).failed,
    ).toBe(true);
  });

  it('EF21-W degenerated into EF21 (uniform weights) fails the check: random states miss it, the adversary at m = 1 does not', async () => {
    const r = await ef21wCheck(uniformNodeWeights)(17, 'quick');
    const statuses = r.verdicts.map((v) => [v.expectation, v.status]);
    expect(statuses.slice(0, 3)).toEqual([
      ['holds', 'pass'],
      ['holds', 'pass'],
      ['holds', 'pass'],
    ]);
    const adversary = r.verdicts[5];
    expect([adversary.expectation, adversary.status]).toEqual(['holds', 'fail']);
    expect(r.power?.[0].worstRatio).toBeGreaterThan(1.01);
  });
});
