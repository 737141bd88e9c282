import { describe, expect, it } from 'vitest';
import { lArith, lTilde } from '../../src/problems/types.ts';
import { loadMnist } from '../../src/data/mnist.ts';
import { partition } from '../../src/data/partition.ts';
import { logisticRegression } from '../../src/problems/logistic-regression.ts';
import { foldIn, key } from '../../src/rng/key.ts';
import { DEFAULT_FLOOR, DEFAULT_RTOL } from '../../src/report/verdict.ts';
import { topK } from '../../src/compressors/top-k.ts';
import {
  buildProblem,
  check,
  fasterSides,
  FASTER_BY,
  LAMBDA,
  rateSides,
  scaleFirstNode,
  SIZES,
} from './ef21-vs-ef21w-steps.ts';
import { stepRuleArms, stepRules } from './_lib/step-rule-arms.ts';

describe('EF21 vs EF21-W step sizes with heterogeneous L_i', () => {
  it('a quick run is complete: three runs, finite curves against rounds and bits, constants reported; the rate bounds are observed, the AM step is faster by more than the 1% resolution, and the no-gain rule fails', async () => {
    const result = await check(1, 'quick');
    expect(result.verdicts.map((v) => [v.status, v.expectation])).toEqual([
      ['observed', 'holds'],
      ['observed', 'holds'],
      ['observed', 'holds'],
      ['pass', 'holds'],
      ['pass', 'holds'],
      ['pass', 'may-fail'],
    ]);
    for (const v of result.verdicts.slice(0, 3))
      expect(v.observedBecause).toMatch(/the bound is at least \d+(\.\d+)?× the measured average/);
    // The comparison is not vacuous: the AM average is well below 99% of the QM one (γ_AM/γ_QM ≈ 2.8 here).
    for (const v of result.verdicts.slice(3, 5)) expect(v.lhs).toBeLessThan(v.rhs);
    const figures = result.figures ?? [];
    expect(figures.map((f) => f.name)).toEqual(['rounds-steps', 'bits-steps']);
    for (const f of figures) {
      if (f.kind !== 'line') throw new Error('expected line figures');
      expect(f.series).toHaveLength(3);
      for (const s of f.series) {
        expect(s.points).toHaveLength(SIZES.quick.rounds + 1);
        expect(s.points.flat().every((x) => Number.isFinite(x))).toBe(true);
      }
    }
    const constants = JSON.stringify((result.tables ?? []).find((t) => t.title.startsWith('Smoothness'))?.rows ?? []);
    for (const q of ['L_AM', 'L_QM', 'L_var', 'γ_QM', 'γ_AM']) expect(constants).toContain(q);
  });

  it('the heterogeneous instance orders its constants L ≤ L_AM < L_QM, so γ_AM > γ_QM, with L_var = L_QM² − L_AM² > 0', () => {
    const p = buildProblem(2, { digits: 60, nodes: 6, scale: 10 });
    const r = stepRules(p, 8 / 784);
    expect(p.L).toBeLessThanOrEqual(r.lAM * (1 + 1e-9));
    expect(r.lAM).toBeLessThan(r.lQM);
    expect(r.gammaAM).toBeGreaterThan(r.gammaQM);
    expect(Math.abs(r.lVar - (lTilde(p) ** 2 - lArith(p) ** 2))).toBeLessThanOrEqual(1e-12 * lTilde(p) ** 2);
    expect(r.lVar).toBeGreaterThan(0);
  });

  it('scaling node 0 by s multiplies the loss part of L_0 by s² and leaves the other nodes alone', () => {
    const data = loadMnist({ count: 60, seed: 4, labels: 'even-odd' });
    const parts = partition(data, 3, { mode: 'shuffled', key: foldIn(key(4), 0) });
    const plain = logisticRegression(parts, { lambda: LAMBDA });
    const scaled = logisticRegression(scaleFirstNode(parts, 10), { lambda: LAMBDA });
    const loss = (l: number): number => l - 2 * LAMBDA;
    // The eigenvalue routine's Lanczos answers agree to ~1e-10 relatively; 1e-8 leaves room and still fails a wrong s.
    expect(Math.abs(loss(scaled.Li[0]) - 100 * loss(plain.Li[0]))).toBeLessThanOrEqual(1e-8 * 100 * loss(plain.Li[0]));
    expect(scaled.Li.slice(1)).toEqual(plain.Li.slice(1));
    expect(() => scaleFirstNode(parts, 0)).toThrow(RangeError);
  });

  it('EF21-W and EF21 at the same (AM) step follow the same trajectory up to rounding (top-k is positively homogeneous)', () => {
    const p = buildProblem(3, { digits: 60, nodes: 6, scale: 10 });
    const C = topK(p.dim, SIZES.quick.k);
    const [qm, am, w] = stepRuleArms(p, C, stepRules(p, SIZES.quick.k / p.dim), 24, key(3));
    expect(am.gamma).toBe(w.gamma);
    am.run.gradNormSq.forEach((g, t) => {
      const h = w.run.gradNormSq[t];
      expect(Math.abs(g - h)).toBeLessThanOrEqual(1e-9 * (g + h) + DEFAULT_FLOOR);
    });
    // And the two step rules are genuinely different runs.
    expect(qm.run.gradNormSq.at(-1)).not.toBe(am.run.gradNormSq.at(-1));
  });

  it('the rate sides: (1/T)Σ_{t<T}‖∇f(x^t)‖² against 2(f(x⁰) − f_inf)/(γT), and a curve that stalls violates them', () => {
    // T = 4, curve 4, 3, 2, 1 (the value at t = T is not summed): lhs = 2.5; rhs = 2·(1 − 0)/(0.1·4) = 5.
    const s = rateSides([4, 3, 2, 1, 0.5], 4, 1, 0, 0.1);
    expect(s.lhs).toBe(2.5);
    expect(s.rhs).toBe(5);
    // A run that does not decrease at all cannot meet the bound for a long horizon: the check can fail.
    const flat = new Array<number>(1001).fill(1);
    const stall = rateSides(flat, 1000, 1, 0, 0.1);
    expect(stall.lhs > stall.rhs + DEFAULT_RTOL * stall.scale + DEFAULT_FLOOR).toBe(true);
    expect(() => rateSides([1, 2], 4, 1, 0, 0.1)).toThrow(RangeError);
  });

  it('"faster" is resolved to 1%: equal averages (a rule with no gain) fail, a gain of 2% passes', () => {
    const holds = (x: { lhs: number; rhs: number; scale: number }) =>
      x.lhs <= x.rhs + DEFAULT_RTOL * x.scale + DEFAULT_FLOOR;
    expect(FASTER_BY).toBe(0.01);
    expect(holds(fasterSides(1, 1))).toBe(false);
    expect(holds(fasterSides(0.98, 1))).toBe(true);
  });
});
