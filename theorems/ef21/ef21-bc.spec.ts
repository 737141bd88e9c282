import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertSearchSpaceContract } from '../../properties/contracts/search-space.ts';
import { parseCompressorSpec } from '../../src/compressors/registry.ts';
import { key } from '../../src/rng/key.ts';
import type { Sides } from '../../src/report/verdict.ts';
import { stateOf, stateRecipeArb } from './_lib/arbitraries.ts';
import { bcFactor, bcWeights, ef21BcGamma, workerGrowth } from './_lib/bc-constants.ts';
import { broadcastReplay } from './_lib/bc-replay.ts';
import { bcSpace, ef21BcSetting } from './_lib/bc-space.ts';
import { compressingSpecs } from './_lib/compressing-trial.ts';
import { ef21Gamma, theta, xi } from './_lib/constants.ts';
import { contractiveAlpha } from './_lib/ef21-step.ts';
import { randomSpecs } from './_lib/instances.ts';
import { seededBcTrial } from './_lib/bc-state.ts';
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
import { bcSides } from './ef21-bc.ts';

const caseArb = (family: Family, masterPool: (d: number) => string[]) =>
  oneStepCaseArb(family, (shape) =>
    fc.record({
      worker: fc.constantFrom(...compressingSpecs(shape.d)),
      master: fc.constantFrom(...masterPool(shape.d)),
      recipe: stateRecipeArb(shape),
      g: offsetArb(shape),
      nearMean: fc.boolean(),
    }),
  );

type Case = CaseOf<typeof caseArb>;

/** The case at γ = fraction·rule; rule 'ignore-master' is EF21's step at α_w. */
function sidesOf(c: Case, rule: 'bc' | 'ignore-master' = 'bc'): Sides | null {
  const instance = caseInstance(c.data);
  const d = instance.problem.dim;
  const Cw = parseCompressorSpec(c.worker, d);
  const CM = parseCompressorSpec(c.master, d);
  const [aW, aM] = [contractiveAlpha(Cw), contractiveAlpha(CM)];
  const base = rule === 'bc' ? ef21BcGamma(instance.problem, aW, aM) : ef21Gamma(instance.problem, aW);
  if (!Number.isFinite(base)) return null; // all-zero curvature: no step to judge
  const { x, gi } = stateOf(c.recipe, instance.problem);
  // The broadcast: the workers' mean plus a 1% nudge, or anywhere.
  const g = carriedOf(gi, c.nearMean ? 'near-mean' : 'random', c.g);
  return bcSides(instance, Cw, CM, c.fraction * base, { x, gi, g });
}

describe('EF21-BC (derived form, docs/theory.md §3.6)', () => {
  it('Φ decreases pathwise for top-k / scaled sign on both links, on quadratics and logistic problems', () => {
    for (const family of ['quadratic', 'logistic'] as const)
      fc.assert(fc.property(caseArb(family, compressingSpecs), (c) => holds(sidesOf(c))));
  });

  it('and in exact expectation over a random master compressor', () => {
    fc.assert(fc.property(caseArb('quadratic', randomSpecs), (c) => holds(sidesOf(c))));
  });

  it('pins the rule: α_w = α_M = 1/2 gives κ = 1 + 1/√2, S = 8 + 6√2, and the weights by hand', () => {
    expect(workerGrowth(0.5)).toBeCloseTo(1 + Math.SQRT1_2, 15);
    expect(bcFactor(0.5, 0.5)).toBeCloseTo(8 + 6 * Math.SQRT2, 13);
    expect(ef21BcGamma({ L: 1, Li: [1, 1] }, 0.5, 0.5)).toBeCloseTo(1 / (9 + 6 * Math.SQRT2), 15);
    // θ(1/2) = 1 − 1/√2, ξ(1/2) = 1 + √2, κξ = 2 + 3/√2: a = S(3 + 3/√2)/(2θξ), b = S/(2θ(2 + 3/√2)(2 + √2)) at γ = 1.
    const S = 8 + 6 * Math.SQRT2;
    const th = 1 - Math.SQRT1_2;
    const w = bcWeights(1, 0.5, 0.5);
    expect(w.worker).toBeCloseTo((S * (3 + 3 * Math.SQRT1_2)) / (2 * th * (1 + Math.SQRT2)), 12);
    expect(w.master).toBeCloseTo(S / (2 * th * (2 + 3 * Math.SQRT1_2) * (2 + Math.SQRT2)), 12);
    expect(theta(0.5)).toBeCloseTo(th, 15);
    // At α_M = 1 (an exact downlink) the rule is EF21's: S = ξ(α_w), since ξ(1) = 0.
    expect(bcFactor(0.3, 1)).toBe(xi(0.3));
  });

  it('teeth: EF21’s step, which ignores the master’s compression, breaks the inequality', () => {
    const r = fc.check(
      fc.property(caseArb('quadratic', compressingSpecs), (c) =>
        holds(sidesOf({ ...c, fraction: 1 }, 'ignore-master')),
      ),
      { numRuns: 300 },
    );
    expect(r.failed).toBe(true);
    let found = -1;
    for (let t = 0; t < 40 && found < 0; t++) {
      const tr = seededBcTrial(key(700 + t), 'quadratic', 'deterministic', 1, 'ignore-master');
      if (!holds(bcSides(tr.instance, tr.Cw, tr.CM, tr.gamma, tr.state))) found = t;
    }
    expect(found).toBeGreaterThanOrEqual(0);
  });

  it('the search space keeps its contract', () => {
    assertSearchSpaceContract(bcSpace(ef21BcSetting));
  });

  it('the quick adversary finds no violation at γ_BC and breaks it within M_STAR_BOUND× γ_BC', () => {
    const power = quickAdversary('ef21-bc', bcSpace(ef21BcSetting));
    expect(power.worstRatio).toBeLessThanOrEqual(1 + 1e-12);
    expect(power.criticalMultiplier ?? Infinity).toBeLessThan(M_STAR_BOUND);
  });

  it('workers that add only the broadcast hold the master’s g bit for bit', () => {
    const { trials } = broadcastReplay(key(5), 6, 15);
    for (const t of trials) expect(t.lhs).toBe(0);
  });
});
