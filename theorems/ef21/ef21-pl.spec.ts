import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCompressorSpec } from '../../src/compressors/registry.ts';
import { diagonalQuadratic } from '../../src/problems/diagonal-quadratic.ts';
import { foldIn, key } from '../../src/rng/key.ts';
import { DEFAULT_FLOOR, DEFAULT_RTOL, type Sides } from '../../src/report/verdict.ts';
import { quadraticDataArb, shapeArb, stateOf, stateRecipeArb, stepFractionArb } from './_lib/arbitraries.ts';
import { plSides } from './ef21-pl.ts';
import { plConstants, plStepSize, seededPlTrial } from './_lib/seeded-pl-trial.ts';
import { descentAdversary } from './_lib/descent-adversary.ts';
import { ef21PlSetting } from './_lib/ef21-settings.ts';
import { psiTrajectory } from './_lib/psi-trajectory.ts';
import { deterministicSpecs, quadraticInstance, randomSpecs } from './_lib/instances.ts';
import { ef21PlGamma, theta } from './_lib/constants.ts';

const holds = (s: Sides): boolean => s.lhs <= s.rhs + DEFAULT_RTOL * s.scale + DEFAULT_FLOOR;

const caseArb = (pool: (d: number) => string[]) =>
  shapeArb(4, 6).chain((shape) =>
    fc.record({
      data: quadraticDataArb(shape, 'positive-definite'),
      spec: fc.constantFrom(...pool(shape.d)),
      recipe: stateRecipeArb(shape),
      fraction: stepFractionArb,
    }),
  );

function sidesOf(
  c: {
    data: Parameters<typeof quadraticInstance>[0];
    spec: string;
    recipe: Parameters<typeof stateOf>[0];
    fraction: number;
  },
  multiplier = 1,
): Sides {
  const instance = quadraticInstance(c.data);
  const C = parseCompressorSpec(c.spec, instance.problem.dim);
  return plSides(instance, C, multiplier * c.fraction * plStepSize(instance, C), stateOf(c.recipe, instance.problem));
}

describe('EF21 under PL (derived form of Richtárik et al. 2021, Thm 2)', () => {
  it('Ψ contracts by (1 − γμ) pathwise for top-k and scaled sign from any state, for γ ≤ γ_theory', () => {
    fc.assert(fc.property(caseArb(deterministicSpecs), (c) => holds(sidesOf(c))));
  });

  it('Ψ contracts by (1 − γμ) in exact expectation for rand-k and the other random compressors', () => {
    fc.assert(fc.property(caseArb(randomSpecs), (c) => holds(sidesOf(c))));
  });

  it('pins the step size for f = ½‖x‖², α = 1/2: min{1/(3 + √2), θ/2} = θ/2 = 0.1464466', () => {
    const p = diagonalQuadratic([[1, 1]]);
    const gamma = ef21PlGamma({ L: p.L, Li: p.Li, mu: 1 }, 0.5);
    expect(gamma).toBeCloseTo(theta(0.5) / 2, 15);
    expect(gamma).toBeCloseTo(0.1464466, 7);
    expect(1 / (3 + Math.SQRT2)).toBeGreaterThan(gamma);
  });

  it('Ψ_t ≤ (1 − γμ)^t Ψ_0 along a top-1 trajectory from a random state', () => {
    const tr = seededPlTrial(key(3), 'deterministic', 1);
    const mu = tr.instance.problem.mu ?? NaN;
    const { psi, scale } = psiTrajectory(
      tr.instance,
      tr.compressor,
      tr.gamma,
      tr.state,
      100,
      key(4),
      plConstants(tr.instance).fStar,
    );
    psi.forEach((v, t) => {
      expect(v).toBeLessThanOrEqual((1 - tr.gamma * mu) ** t * psi[0] + DEFAULT_RTOL * (scale[t] + scale[0]));
    });
  });

  it('teeth: at 4× the theory step a seeded search finds a state that breaks the contraction within 20 trials', () => {
    let found = -1;
    for (let t = 0; t < 20 && found < 0; t++) {
      const tr = seededPlTrial(key(700 + t), 'deterministic', 4);
      if (!holds(plSides(tr.instance, tr.compressor, tr.gamma, tr.state))) found = t;
    }
    expect(found).toBeGreaterThanOrEqual(0);
  });

  it('Theorem 2’s rule is nearly tight: the quick adversary breaks it within 50% above the theory’s step (m* ≈ 1.1–1.2)', () => {
    const ctx = { id: 'ef21-pl', check: 'spec', claim: 'spec', seed: 5, budget: 'quick', provenance: 'D' } as const;
    const { power } = descentAdversary(ctx, ef21PlSetting, foldIn(key(5), 90), 'quick');
    expect(power.worstRatio).toBeLessThanOrEqual(1 + 1e-12);
    expect(power.criticalMultiplier ?? Infinity).toBeLessThan(1.5);
  });
});
