import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logLogFit } from '../../src/stats/log-log-fit.ts';
import { check, inverseTheoryStep, predictedExponent, SETTING } from './ef21-iterations-vs-alpha.ts';

const grid = SETTING.alphaInverse.map((m) => 1 / m);

describe('EF21’s iterations to reach ε grow like 1/α through its theory step (derived form of Richtárik et al. 2021, Thm 1)', () => {
  it('the inverse theory step is L + L̃ξ(α): 1 + (1 + √2) at α = 1/2 for L = L_i = 1', () => {
    expect(inverseTheoryStep({ L: 1, Li: [1] }, 0.5)).toBeCloseTo(2 + Math.SQRT2, 14);
    expect(inverseTheoryStep({ L: 2, Li: [3, 4] }, 1)).toBe(2); // ξ(1) = 0: no compression, the GD step 1/L
  });

  it('pins the grid exponent of L + L̃ξ(α) over α ∈ [1/64, 1/2] for L = L̃: −1.0401, not −1', () => {
    // Hand check: L + L̃ξ(α) = (1 + √(1−α))/α when L = L̃ = 1; least squares of its log on ln α over the grid.
    const direct = logLogFit(grid, grid.map((a) => (1 + Math.sqrt(1 - a)) / a)).slope;
    expect(predictedExponent([{ L: 1, Li: [1, 1] }], grid)).toBeCloseTo(direct, 12);
    expect(direct).toBeCloseTo(-1.0401152840794983, 12);
  });

  it('the predicted exponent lies in [−1.2, −1) for any L ≤ L̃ and tends to −1 on grids of smaller α', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1, noNaN: true }), fc.array(fc.double({ min: 1, max: 10, noNaN: true }), { minLength: 1, maxLength: 4 }), (ratio, li) => {
        const lTilde = Math.sqrt(li.reduce((s, l) => s + l * l, 0) / li.length);
        const p = predictedExponent([{ L: ratio * lTilde, Li: li }], grid);
        expect(p).toBeLessThan(-1);
        expect(p).toBeGreaterThan(-1.2);
        const small = predictedExponent([{ L: ratio * lTilde, Li: li }], grid.map((a) => a / 64));
        expect(small).toBeGreaterThan(p);
      }),
    );
  });

  it('check() at the quick budget: both criteria hold the theory-step exponent, and the teeth reject −2', async () => {
    const result = await check(1, 'quick');
    expect(result.verdicts.map((v) => [v.expectation, v.status, v.violated])).toEqual([
      ['holds', 'pass', false],
      ['holds', 'pass', false],
      ['may-fail', 'pass', true],
    ]);
    const [average] = result.verdicts;
    // The data resolve the difference from the asymptotic −1: it lies outside the 95% interval (not the z = 6 one,
    // which the verdict uses and which is wider than the 0.04 difference at two instances).
    expect(average.details['slopeHi95']).toBeLessThan(-1);
    expect(average.details['dof']).toBe(2 * 6 - 2 - 1);
    expect(average.rhs).toBeLessThan(-1.03);
  });
});
