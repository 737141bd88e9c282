import { describe, expect, it } from 'vitest';
import { methods } from '../../src/algorithms/registry.ts';
import { check, paperRule, registryHasRule, seededConstants } from './theory-step-sizes.ts';

const hand = { L: 1, Li: [1, 1], d: 4, k: 4, kMaster: 4, eta: 1, p: 1, mu: 1 };

describe('theory-step-sizes: the registry’s rules against the papers’', () => {
  it('pins the EF21 rule on hand values: L = L_i = 1, α = 1 (top-d) gives γ = 1/L', () => {
    expect(paperRule('ef21', hand)).toBeCloseTo(1, 15);
    // α = 1/2: θ = 1 − √½, β = ½/θ, ξ = √(β/θ) = √½/θ ≈ 2.414: γ = 1/(1 + 2.414…).
    const theta = 1 - Math.SQRT1_2;
    expect(paperRule('ef21', { ...hand, Li: [1], d: 2, k: 1 })).toBeCloseTo(1 / (1 + Math.SQRT1_2 / theta), 14);
  });

  it('pins EF21-BC and EF21-HB on hand values (docs/theory.md §3.6–§3.7, derived forms)', () => {
    const theta = 1 - Math.SQRT1_2;
    // BC, α_w = 1 (top-4 of 4), α_M = ½: S = 0 + (1 + 0)·ξ(½)·(1 + 0) = ξ(½), EF21's step at α = ½.
    expect(paperRule('ef21-bc', { ...hand, kMaster: 2 })).toBeCloseTo(1 / (1 + Math.SQRT1_2 / theta), 14);
    // BC, both links exact: S = 0, γ = 1/L. HB, α = 1, η = ½: γ = (1 − η)²/L = ¼.
    expect(paperRule('ef21-bc', hand)).toBe(1);
    expect(paperRule('ef21-hb', { ...hand, eta: 0.5 })).toBe(0.25);
  });

  it('pins DIANA, ADIANA and AGD on hand values (docs/theory.md §A2.3, §A1.3; Nesterov (2.2.22))', () => {
    // DIANA, ω = 4/1 − 1 = 3, L = 1, L_max = 2, n = 4: γ = 1/(1 + 6·3·2/4) = 1/10.
    expect(paperRule('diana', { ...hand, Li: [2, 2, 2, 2], d: 4, k: 1 })).toBeCloseTo(0.1, 15);
    // ω = 0 (k = d): DIANA is GD's 1/L, ADIANA's η is 1/(2 max_i L_i).
    expect(paperRule('diana', { ...hand, L: 2, Li: [2, 3] })).toBe(0.5);
    expect(paperRule('adiana', { ...hand, L: 2, Li: [2, 3] })).toBe(1 / 6);
    // ADIANA, ω = 9 (rand-1 of d = 10), n = 10, L_i = 1: α = 0.1, p = max{0.05, 0.05(√(10/288) − 1)} = 0.05,
    // η = min{1/2, 10/(64·9·(2·0.05·10 + 1)²)} = 10/2304.
    expect(paperRule('adiana', { ...hand, Li: Array.from({ length: 10 }, () => 1), d: 10, k: 1 })).toBeCloseTo(
      10 / 2304,
      17,
    );
    expect(paperRule('agd', { ...hand, L: 4 })).toBe(0.25);
  });

  it('catches a registry rule off by 2× (the kind of slip the claim exists for)', () => {
    const c = seededConstants(1, 0);
    const entry = methods.find((m) => m.id === 'ef21-sgdm');
    if (entry === undefined) throw new Error('ef21-sgdm missing from the registry');
    const doubled =
      2 *
      entry.theoryStepSize(
        { L: c.L, Li: c.Li },
        { eta: c.eta, compressor: { contract: { kind: 'contractive', alpha: c.k / c.d } } as never },
      ).gamma;
    expect(Math.abs(doubled - (paperRule('ef21-sgdm', c) ?? 0))).toBeGreaterThan(1e-6 * doubled);
  });

  it('covers every method whose registry entry has a theory step, for some compressor, and no other', () => {
    for (const t of [3, 4, 5]) {
      const c = seededConstants(2, t);
      for (const m of methods) expect(paperRule(m.id, c) !== undefined, m.id).toBe(registryHasRule(m, c));
    }
    // The methods the claim adds for unbiased compressors and μ are among them.
    for (const id of ['diana', 'adiana', 'agd']) expect(paperRule(id, seededConstants(2, 3)), id).toBeDefined();
  });

  it('passes at the quick budget, with a verdict per covered method, the coverage count and teeth that bite', async () => {
    const result = await check(7, 'quick');
    const holds = result.verdicts.filter((v) => v.expectation === 'holds');
    const teeth = result.verdicts.filter((v) => v.expectation === 'may-fail');
    expect(
      holds.every((v) => v.status === 'pass'),
      holds
        .filter((v) => v.status !== 'pass')
        .map((v) => v.check)
        .join('; '),
    ).toBe(true);
    expect(holds.map((v) => v.check)).toEqual(
      expect.arrayContaining([
        "diana: registry γ = paper's rule",
        "adiana: registry γ = paper's rule",
        "agd: registry γ = paper's rule",
        'coverage: every registry theory step has a paper rule here',
      ]),
    );
    expect(teeth.length).toBe(holds.length - 1);
    expect(teeth.every((v) => v.violated)).toBe(true);
  });
});
