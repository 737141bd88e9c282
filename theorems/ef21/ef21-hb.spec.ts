import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertSearchSpaceContract } from '../../properties/contracts/search-space.ts';
import { parseCompressorSpec } from '../../src/compressors/registry.ts';
import { foldIn, key } from '../../src/rng/key.ts';
import { DEFAULT_FLOOR, DEFAULT_RTOL, type Sides } from '../../src/report/verdict.ts';
import { adversaryCheck } from '../_lib/power.ts';
import {
  logisticDataArb,
  quadraticDataArb,
  shapeArb,
  stateOf,
  stateRecipeArb,
  stepFractionArb,
} from './_lib/arbitraries.ts';
import { compressingSpecs } from './_lib/compressing-trial.ts';
import { beta, ef21Gamma, theta, xi } from './_lib/constants.ts';
import { descentSizes } from './_lib/descent-adversary.ts';
import { contractiveAlpha } from './_lib/ef21-step.ts';
import { ef21HbGamma, hbWeights } from './_lib/hb-constants.ts';
import { ef21HbSetting, hbSpace } from './_lib/hb-space.ts';
import { logisticInstance, quadraticInstance, randomSpecs, type Instance } from './_lib/instances.ts';
import { ETAS, seededHbTrial } from './_lib/hb-state.ts';
import { hbSides } from './ef21-hb.ts';

/** The quick adversary's m* must stay below this (measured: see the reply / docs/theory.md). */
const M_STAR_BOUND = 1.5;

const holds = (s: Sides | null): boolean => s === null || s.lhs <= s.rhs + DEFAULT_RTOL * s.scale + DEFAULT_FLOOR;

const unit = fc.integer({ min: -(2 ** 20), max: 2 ** 20 }).map((v) => v / 2 ** 20);

/** d ≥ 2: the compressor compresses. */
const caseArb = (family: 'quadratic' | 'logistic', pool: (d: number) => string[], etas: readonly number[] = ETAS) =>
  shapeArb(4, 5)
    .map((s) => ({ n: s.n, d: s.d + 1 }))
    .chain((shape) =>
      fc.record({
        data:
          family === 'quadratic'
            ? quadraticDataArb(shape, 'indefinite').map((q) => ({ q }))
            : logisticDataArb(shape).map((l) => ({ l })),
        spec: fc.constantFrom(...pool(shape.d)),
        eta: fc.constantFrom(...etas),
        recipe: stateRecipeArb(shape),
        v: fc.array(unit, { minLength: shape.d, maxLength: shape.d }),
        vKind: fc.constantFrom('g', 'near-g', 'random'),
        fraction: stepFractionArb,
      }),
    );

type Case = {
  data: { q: Parameters<typeof quadraticInstance>[0] } | { l: Parameters<typeof logisticInstance>[0] };
  spec: string;
  eta: number;
  recipe: Parameters<typeof stateOf>[0];
  v: number[];
  vKind: string;
  fraction: number;
};

/** The case at γ = fraction·rule; rule 'ignore-eta' is EF21's step. */
function sidesOf(c: Case, rule: 'hb' | 'ignore-eta' = 'hb'): Sides | null {
  const instance: Instance = 'q' in c.data ? quadraticInstance(c.data.q) : logisticInstance(c.data.l);
  const d = instance.problem.dim;
  const C = parseCompressorSpec(c.spec, d);
  const alpha = contractiveAlpha(C);
  const base = rule === 'hb' ? ef21HbGamma(instance.problem, alpha, c.eta) : ef21Gamma(instance.problem, alpha);
  if (!Number.isFinite(base)) return null; // all-zero curvature: no step to judge
  const { x, gi } = stateOf(c.recipe, instance.problem);
  const g = gi.reduce((acc, u) => acc.map((a, j) => a + u[j] / gi.length), new Float64Array(d));
  const v = c.vKind === 'g' ? g : c.vKind === 'near-g' ? g.map((a, j) => a + c.v[j] / 100) : Float64Array.from(c.v);
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
    const ctx = { id: 'ef21-hb', check: 'spec', claim: 'spec', seed: 19, budget: 'quick', provenance: 'D' } as const;
    const { power } = adversaryCheck(ctx, hbSpace(ef21HbSetting), foldIn(key(19), 90), 'quick', descentSizes('quick'));
    expect(power.worstRatio).toBeLessThanOrEqual(1 + 1e-12);
    expect(power.criticalMultiplier ?? Infinity).toBeLessThan(M_STAR_BOUND);
  });
});
