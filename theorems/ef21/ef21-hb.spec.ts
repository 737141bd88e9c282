import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertSearchSpaceContract } from '../../properties/contracts/search-space.ts';
import { parseCompressorSpec } from '../../src/compressors/registry.ts';
import { key } from '../../src/rng/key.ts';
import type { Sides } from '../../src/report/verdict.ts';
import { stateOf, stateRecipeArb } from './_lib/arbitraries.ts';
import { compressingSpecs } from './_lib/compressing-trial.ts';
import { beta, ef21Gamma, theta, xi } from './_lib/constants.ts';
import { contractiveAlpha } from './_lib/ef21-step.ts';
import { ef21HbGamma, hbWeights } from './_lib/hb-constants.ts';
import { ef21HbSetting, hbSpace } from './_lib/hb-space.ts';
import { randomSpecs } from './_lib/instances.ts';
import { ETAS, seededHbTrial } from './_lib/hb-state.ts';
import {
  carriedOf,
  caseInstance,
  type CaseOf,
  holds,
  M_STAR_BOUND,
  offsetArb,
  oneStepCaseArb,
  quickAdversary,
} from './_lib/one-step-cases.ts';
import type { Family } from './_lib/seeded-trial.ts';
import { hbSides } from './ef21-hb.ts';

const caseArb = (family: Family, pool: (d: number) => string[], etas: readonly number[] = ETAS) =>
  oneStepCaseArb(family, (shape) =>
    fc.record({
      spec: fc.constantFrom(...pool(shape.d)),
      eta: fc.constantFrom(...etas),
      recipe: stateRecipeArb(shape),
      v: offsetArb(shape),
      vKind: fc.constantFrom('mean', 'near-mean', 'random'),
    }),
  );

type Case = CaseOf<typeof caseArb>;

/** The case at γ = fraction·rule; rule 'ignore-eta' is EF21's step. */
function sidesOf(c: Case, rule: 'hb' | 'ignore-eta' = 'hb'): Sides | null {
  const instance = caseInstance(c.data);
  const d = instance.problem.dim;
  const C = parseCompressorSpec(c.spec, d);
  const alpha = contractiveAlpha(C);
  const base = rule === 'hb' ? ef21HbGamma(instance.problem, alpha, c.eta) : ef21Gamma(instance.problem, alpha);
  if (!Number.isFinite(base)) return null; // all-zero curvature: no step to judge
  const { x, gi } = stateOf(c.recipe, instance.problem);
  const v = carriedOf(gi, c.vKind, c.v);
  return hbSides(instance, C, c.fraction * base, c.eta, { x, gi, v });
}

describe('EF21-HB (derived form, docs/theory.md §3.7)', () => {
  it('Ψ decreases pathwise for top-k / scaled sign, on quadratics and logistic problems', () => {
    for (const family of ['quadratic', 'logistic'] as const)
      fc.assert(fc.property(caseArb(family, compressingSpecs), (c) => holds(sidesOf(c))));
  });

  it('and in exact expectation over random compressors', () => {
    fc.assert(fc.property(caseArb('quadratic', randomSpecs), (c) => holds(sidesOf(c))));
  });

  it('pins the rule: L = L̃ = 1, α = 1/2, η = 1/2 gives γ = 1/(4 + 2ξ), ξ = 1 + √2; and the weights by hand', () => {
    const xiHalf = 1 + Math.SQRT2;
    expect(xi(0.5)).toBeCloseTo(xiHalf, 14);
    expect(ef21HbGamma({ L: 1, Li: [1] }, 0.5, 0.5)).toBeCloseTo(0.25 / (1 + 0.5 * xiHalf), 15);
    // γ' = 2γ; s = ηL/((1 − η)ξL̃) = 1/ξ; a = γ'(1 + s)/(2θ); c = [γ'³(1 + ξ)/2 + aβγ²/η]/(1 − η).
    const gamma = 0.1;
    const step = 0.2;
    const s = 1 / xiHalf;
    const a = (step * (1 + s)) / (2 * theta(0.5));
    const w = hbWeights({ L: 1, Li: [1] }, gamma, 0.5, 0.5);
    expect(w.effectiveStep).toBeCloseTo(step, 15);
    expect(w.worker).toBeCloseTo(a, 14);
    expect(w.momentum).toBeCloseTo(((step ** 3 * (1 + xiHalf)) / 2 + (a * beta(0.5) * gamma ** 2) / 0.5) / 0.5, 14);
  });

  it('teeth: EF21’s step, which ignores η, breaks the inequality at η = 0.9', () => {
    const r = fc.check(
      fc.property(caseArb('quadratic', compressingSpecs, [0.9]), (c) =>
        holds(sidesOf({ ...c, fraction: 1 }, 'ignore-eta')),
      ),
      { numRuns: 200 },
    );
    expect(r.failed).toBe(true);
    let found = -1;
    for (let t = 0; t < 40 && found < 0; t++) {
      const tr = seededHbTrial(key(700 + t), 'quadratic', 'deterministic', 1, 'ignore-eta');
      if (tr.eta >= 0.9 && !holds(hbSides(tr.instance, tr.compressor, tr.gamma, tr.eta, tr.state))) found = t;
    }
    expect(found).toBeGreaterThanOrEqual(0);
  });

  it('the search space keeps its contract', () => {
    assertSearchSpaceContract(hbSpace(ef21HbSetting));
  });

  it('the quick adversary finds no violation at γ_HB and breaks it within M_STAR_BOUND× γ_HB', () => {
    const power = quickAdversary('ef21-hb', hbSpace(ef21HbSetting));
    expect(power.worstRatio).toBeLessThanOrEqual(1 + 1e-12);
    expect(power.criticalMultiplier ?? Infinity).toBeLessThan(M_STAR_BOUND);
  });
});
