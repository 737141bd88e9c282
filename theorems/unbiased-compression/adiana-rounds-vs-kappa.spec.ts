import { describe, expect, it } from 'vitest';
import { logLogFit } from '../../src/stats/log-log-fit.ts';
import { adianaRounds, dianaRounds, publishedParameters } from './_lib/law-rounds.ts';
import { crossover, window, type KappaSweep } from './_lib/kappa-sweep.ts';
import { KAPPAS, MARGIN, OMEGA, SETTING, check, instanceFor } from './adiana-rounds-vs-kappa.ts';

/** A sweep with given rounds (one instance) for the crossover and window helpers. */
function synthetic(diana: number[], published: number[]): KappaSweep {
  const kappas = [10, 100, 1000];
  return { kappas, tuned: [published], eta: [[1, 1, 1]], published: [published], diana: [diana], agd: [[1, 1, 1]] };
}

describe('ADIANA’s rounds grow like √κ and DIANA’s like κ (derived form; docs/theory.md §A1.5)', () => {
  it('pins the setting: §A1.5’s n = 10, d = 20, rand-2 (ω = 9); κ from 10^0.5 to 10⁴ in quarter decades; margin 0.05', () => {
    expect(OMEGA).toBe(9);
    expect(SETTING.n).toBe(10);
    expect(KAPPAS).toHaveLength(15);
    expect(KAPPAS[0]).toBeCloseTo(Math.sqrt(10), 12);
    expect(KAPPAS.at(-1)).toBeCloseTo(1e4, 8);
    expect(MARGIN).toBe(0.05);
    const inst = instanceFor(1, 0, 1e3);
    expect(inst.L).toBeCloseTo(1, 14);
    expect(inst.mu).toBeCloseTo(1e-3, 15);
    expect(new Set(inst.lambda).size).toBe(SETTING.levels);
  });

  it('crossover: linear interpolation of ln(T_DIANA/T_ADIANA) in ln κ at the first sign change, null without one', () => {
    // ln ratio −ln 2 at κ = 100 and +ln 2 at κ = 1000: the crossing is the geometric midpoint 10^2.5.
    expect(crossover(synthetic([5, 50, 2000], [10, 100, 1000]), [[10, 100, 1000]])).toBeCloseTo(10 ** 2.5, 8);
    expect(crossover(synthetic([1, 1, 1], [10, 100, 1000]), [[10, 100, 1000]])).toBeNull();
    expect(window(synthetic([1, 2, 3], [4, 5, 6]), 100).diana).toEqual([[2, 3]]);
  });

  it('teeth material: the same fit tells DIANA (κ¹) from ADIANA (√κ) on one instance, three decades', () => {
    const kappas = [1e2, 1e3, 1e4];
    const s = { omega: OMEGA, epsilon: 1e-6 };
    const diana = kappas.map((k) => dianaRounds(instanceFor(2, 0, k), s) as number);
    const adiana = kappas.map((k) => {
      const inst = instanceFor(2, 0, k);
      return adianaRounds(inst, s, publishedParameters(inst, OMEGA)) as number;
    });
    expect(logLogFit(kappas, diana).slope).toBeGreaterThan(0.95);
    expect(logLogFit(kappas, adiana).slope).toBeLessThan(0.55);
  });

  it('check() at quick: the exponents pass, the teeth fire, the crossover is observed near §A1.5’s 500', async () => {
    const r = await check(1, 'quick');
    expect(r.verdicts.map((v) => [v.expectation, v.status])).toEqual([
      ['holds', 'pass'],
      ['may-fail', 'pass'],
      ['may-fail', 'pass'],
      ['holds', 'pass'],
      ['holds', 'pass'],
      ['may-fail', 'pass'],
      ['holds', 'observed'],
    ]);
    const cross = r.verdicts.at(-1)?.lhs ?? 0;
    expect(cross).toBeGreaterThan(300);
    expect(cross).toBeLessThan(800);
  });
});
