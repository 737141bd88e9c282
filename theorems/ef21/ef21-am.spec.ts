import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCompressorSpec } from '../../src/compressors/registry.ts';
import { key } from '../../src/rng/key.ts';
import { DEFAULT_FLOOR, DEFAULT_RTOL, type Sides } from '../../src/report/verdict.ts';
import { logisticDataArb, quadraticDataArb, shapeArb, stateOf, stateRecipeArb, stepFractionArb } from './arbitraries.ts';
import { amWeights, check } from './ef21-am.ts';
import { contractiveAlpha, ef21LyapunovSides, seededTrial } from './ef21-lyapunov.ts';
import { deterministicSpecs, logisticInstance, quadraticInstance, randomSpecs, type Instance } from './instances.ts';
import { ef21AmGamma, lArithmeticMean } from './_lib/constants.ts';

const holds = (s: Sides): boolean => s.lhs <= s.rhs + DEFAULT_RTOL * s.scale + DEFAULT_FLOOR;

const caseArb = (family: 'quadratic' | 'logistic', pool: (d: number) => string[]) =>
  shapeArb(4, 6).chain((shape) =>
    fc.record({
      data: family === 'quadratic' ? quadraticDataArb(shape, 'indefinite').map((q) => ({ q })) : logisticDataArb(shape).map((l) => ({ l })),
      spec: fc.constantFrom(...pool(shape.d)),
      recipe: stateRecipeArb(shape),
      fraction: stepFractionArb,
    }),
  );

function sidesOf(c: { data: { q: Parameters<typeof quadraticInstance>[0] } | { l: Parameters<typeof logisticInstance>[0] }; spec: string; recipe: Parameters<typeof stateOf>[0]; fraction: number }): Sides {
  const instance: Instance = 'q' in c.data ? quadraticInstance(c.data.q) : logisticInstance(c.data.l);
  // The claim needs every L_i > 0 (a node with A_i = 0 has no weight L_AM/L_i).
  if (!instance.problem.Li.every((l) => l > 0)) return { lhs: 0, rhs: 0, scale: 0 };
  const C = parseCompressorSpec(c.spec, instance.problem.dim);
  const gamma = c.fraction * ef21AmGamma(instance.problem, contractiveAlpha(C));
  return ef21LyapunovSides(instance, C, gamma, stateOf(c.recipe, instance.problem), amWeights(instance.problem));
}

describe('EF21 with L_AM (derived form of Richtárik, Gasanov, Burlachenko 2024, Thm 3)', () => {
  it('the weighted Lyapunov function decreases pathwise for top-k and scaled sign, for any γ ≤ γ_AM', () => {
    fc.assert(fc.property(caseArb('quadratic', deterministicSpecs), (c) => holds(sidesOf(c))));
    fc.assert(fc.property(caseArb('logistic', deterministicSpecs), (c) => holds(sidesOf(c))));
  });

  it('and in exact expectation for random compressors', () => {
    fc.assert(fc.property(caseArb('quadratic', randomSpecs), (c) => holds(sidesOf(c))));
  });

  it('the weights satisfy the key identity of the proof, Σ_i c_i L_i² = L_AM² (docs/theory.md §4.2)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1 / 64, max: 64, noNaN: true }), { minLength: 1, maxLength: 8 }), (Li) => {
        const c = amWeights({ Li });
        const lhs = c.reduce((s, ci, i) => s + ci * Li[i] ** 2, 0);
        const lAm = lArithmeticMean(Li);
        expect(Math.abs(lhs - lAm ** 2)).toBeLessThanOrEqual(1e-13 * (lhs + lAm ** 2));
      }),
    );
  });

  it('pins the weights for L_i = (1, 1, 1, 100): c_i = L_AM/(4 L_i) with L_AM = 25.75', () => {
    expect(amWeights({ Li: [1, 1, 1, 100] })).toEqual([6.4375, 6.4375, 6.4375, 0.064375]);
    expect(() => amWeights({ Li: [1, 0] })).toThrow(RangeError);
  });

  it('teeth: at 4× γ_AM a seeded search finds a violating state within 200 trials', () => {
    let found = -1;
    for (let t = 0; t < 200 && found < 0; t++) {
      const tr = seededTrial(key(300 + t), 'quadratic', 'deterministic', 4, 'am');
      if (!holds(ef21LyapunovSides(tr.instance, tr.compressor, tr.gamma, tr.state, amWeights(tr.instance.problem)))) found = t;
    }
    expect(found).toBeGreaterThanOrEqual(0);
  });

  it('check() at the quick budget: holds on every family and under the adversary; the 4×/8×, m* and unweighted-Φ companions find violations', async () => {
    const r = await check(13, 'quick');
    expect(r.verdicts.map((v) => [v.expectation, v.status, v.violated])).toEqual([
      ['holds', 'pass', false],
      ['holds', 'pass', false],
      ['holds', 'pass', false],
      ['may-fail', 'pass', true],
      ['may-fail', 'pass', true],
      ['holds', 'pass', false],
      ['may-fail', 'pass', true],
      ['may-fail', 'pass', true],
    ]);
    const [weighted, unweighted] = r.tables?.[0].rows ?? [];
    expect(weighted[2]).toBe(0);
    // The header's account: random states miss the unweighted violation, the adversary finds one on ≤ 2 nodes in 1-D.
    expect(unweighted[2]).toBe(0);
    expect(unweighted[4]).toBe('n = 2, d = 1 (shrunk)');
    const ratio = r.verdicts[7].details['ratio'];
    expect(ratio - 1).toBeGreaterThan(0.02);
    expect(r.power?.[0].worstRatio).toBeLessThanOrEqual(1 + 1e-12);
  });
});
