import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCompressorSpec } from '../../src/compressors/registry.ts';
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
import { ef21LyapunovSides } from './ef21-lyapunov.ts';
import { contractiveAlpha } from './_lib/ef21-step.ts';
import { PARTICIPATION, ppSides, seededPpTrial } from './ef21-pp.ts';
import { realizedStepSides } from './_lib/realized-pp-step.ts';
import { seededTrials } from '../_lib/seeded-trials.ts';
import { descentAdversary } from './_lib/descent-adversary.ts';
import { ef21PpSetting } from './_lib/ef21-settings.ts';
import {
  deterministicSpecs,
  logisticInstance,
  quadraticInstance,
  randomSpecs,
  type Instance,
} from './_lib/instances.ts';
import { ef21PpGamma, theta } from './_lib/constants.ts';

const holds = (s: Sides): boolean => s.lhs <= s.rhs + DEFAULT_RTOL * s.scale + DEFAULT_FLOOR;

const caseArb = (family: 'quadratic' | 'logistic', pool: (d: number) => string[]) =>
  shapeArb(4, 6).chain((shape) =>
    fc.record({
      data:
        family === 'quadratic'
          ? quadraticDataArb(shape, 'indefinite').map((q) => ({ q }))
          : logisticDataArb(shape).map((l) => ({ l })),
      spec: fc.constantFrom(...pool(shape.d)),
      p: fc.constantFrom(...PARTICIPATION),
      recipe: stateRecipeArb(shape),
      fraction: stepFractionArb,
    }),
  );

type Case = {
  data: { q: Parameters<typeof quadraticInstance>[0] } | { l: Parameters<typeof logisticInstance>[0] };
  spec: string;
  p: number;
  recipe: Parameters<typeof stateOf>[0];
  fraction: number;
};

function setup(c: Case) {
  const instance: Instance = 'q' in c.data ? quadraticInstance(c.data.q) : logisticInstance(c.data.l);
  const C = parseCompressorSpec(c.spec, instance.problem.dim);
  const gamma = c.fraction * ef21PpGamma(instance.problem, contractiveAlpha(C), c.p);
  return { instance, C, gamma, state: stateOf(c.recipe, instance.problem) };
}

describe('EF21-PP (derived form, docs/theory.md §3.5)', () => {
  it('Φ_p decreases in exact expectation over participation, pathwise in C for top-k and scaled sign', () => {
    for (const family of ['quadratic', 'logistic'] as const) {
      fc.assert(
        fc.property(caseArb(family, deterministicSpecs), (c) => {
          const { instance, C, gamma, state } = setup(c);
          return !Number.isFinite(gamma) || holds(ppSides(instance, C, c.p, gamma, state));
        }),
      );
    }
  });

  it('and in exact expectation over participation and C for random compressors', () => {
    fc.assert(
      fc.property(caseArb('quadratic', randomSpecs), (c) => {
        const { instance, C, gamma, state } = setup(c);
        return !Number.isFinite(gamma) || holds(ppSides(instance, C, c.p, gamma, state));
      }),
    );
  });

  it('at p = 1 the derived form is EF21’s Theorem 1 inequality, to the last bit', () => {
    fc.assert(
      fc.property(caseArb('quadratic', deterministicSpecs), (c) => {
        const { instance, C, gamma, state } = setup({ ...c, p: 1 });
        if (!Number.isFinite(gamma)) return;
        const pp = ppSides(instance, C, 1, gamma, state);
        const plain = ef21LyapunovSides(instance, C, gamma, state);
        expect(Math.abs(pp.lhs - plain.lhs)).toBeLessThanOrEqual(DEFAULT_RTOL * pp.scale + DEFAULT_FLOOR);
        expect(pp.rhs).toBe(plain.rhs);
      }),
    );
  });

  it('the per-client formula matches realized steps of src/algorithms/ef21-pp.ts, whoever joins', () => {
    const joined = new Set<number>();
    for (let t = 0; t < 60; t++) {
      const tr = seededPpTrial(key(t), 'quadratic', 'deterministic', 'fraction');
      const s = realizedStepSides(tr.instance, tr.compressor, tr.p, tr.gamma, tr.state, key(10_000 + t));
      expect(Math.abs(s.lhs - s.rhs)).toBeLessThanOrEqual(DEFAULT_RTOL * s.scale + DEFAULT_FLOOR);
      joined.add(s.joined === 0 ? 0 : s.joined === tr.instance.problem.n ? 2 : 1);
    }
    expect(joined.size).toBe(3); // nobody, some, and everybody joined in some trial
  });

  it('pins θ_p: p = 1/2, α = 1/2 gives θ = 1 − sqrt(3/4)', () => {
    expect(theta(0.5 * 0.5)).toBeCloseTo(1 - Math.sqrt(0.75), 15);
  });

  it('teeth: EF21’s step, which ignores participation, breaks the inequality within 40 seeded trials', () => {
    let found = -1;
    for (let t = 0; t < 40 && found < 0; t++) {
      const tr = seededPpTrial(key(900 + t), 'quadratic', 'deterministic', 1, 'ef21');
      if (!holds(ppSides(tr.instance, tr.compressor, tr.p, tr.gamma, tr.state))) found = t;
    }
    expect(found).toBeGreaterThanOrEqual(0);
  });

  it('the derived rule is nearly tight: the quick adversary breaks it within 50% above γ_PP; at p = 1 ignoring p is harmless', () => {
    const ctx = { id: 'ef21-pp', check: 'spec', claim: 'spec', seed: 19, budget: 'quick', provenance: 'D' } as const;
    const { power } = descentAdversary(ctx, ef21PpSetting(PARTICIPATION), foldIn(key(19), 90), 'quick');
    expect(power.worstRatio).toBeLessThanOrEqual(1 + 1e-12);
    expect(power.criticalMultiplier ?? Infinity).toBeLessThan(1.5);
    // The EF21 step at p = 1 is the PP step: check()'s 'ignoring' states (stream 4) with p = 1 all hold.
    const atOne = seededTrials(key(19), 4, 200, (k) =>
      seededPpTrial(k, 'quadratic', 'deterministic', 1, 'ef21'),
    ).filter((tr) => tr.p === 1);
    expect(atOne.length).toBeGreaterThan(0);
    for (const tr of atOne) expect(holds(ppSides(tr.instance, tr.compressor, tr.p, tr.gamma, tr.state))).toBe(true);
  });
});
