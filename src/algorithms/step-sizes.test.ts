import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diagonalQuadratic } from '../problems/diagonal-quadratic.ts';
import {
  ef21AmStepSize,
  ef21PlStepSize,
  ef21PpStepSize,
  ef21Sgd2mStepSize,
  ef21SgdmStepSize,
  ef21SgdStepSize,
  ef21StepSize,
  parseStepSize,
  thetaBeta,
  xi,
} from './step-sizes.ts';

/** |a − b| ≤ half a unit in the last printed digit of the docs/theory.md table entry. */
const digits = (a: number, b: number, places: number) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(0.5 * 10 ** -places);

describe('theoretical step sizes', () => {
  it('θ, β and ξ(α) reproduce the docs/theory.md §0.2 table', () => {
    const table: [number, number, number, number][] = [
      // α, θ, β, ξ(α) as printed, with the digits printed
      [1 / 2, 0.292893, 1.707107, 2.414214],
      [1 / 4, 0.133975, 5.598076, 6.464102],
    ];
    for (const [alpha, theta, beta, x] of table) {
      const tb = thetaBeta(alpha);
      digits(tb.theta, theta, 6);
      digits(tb.beta, beta, 6);
      digits(xi(alpha), x, 6);
    }
    digits(thetaBeta(1 / 16).theta, 0.031754, 6);
    digits(thetaBeta(1 / 16).beta, 29.52369, 5);
    digits(xi(1 / 16), 30.49193, 5);
    digits(thetaBeta(0.01).theta, 0.0050126, 7);
    digits(thetaBeta(0.01).beta, 197.5038, 4);
    digits(xi(0.01), 198.4987, 4);
    expect(thetaBeta(1)).toEqual({ theta: 1, beta: 0 });
    expect(xi(1)).toBe(0);
    expect(xi(0.5)).toBeCloseTo(1 + Math.SQRT2, 14);
  });

  it('ξ(α) = sqrt(β/θ) ≤ 2/α − 1 for every α ∈ (0, 1] (docs/theory.md §0.2, D)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-9, max: 1, noNaN: true }), (alpha) => {
        const { theta, beta } = thetaBeta(alpha);
        const x = xi(alpha);
        // 1 − α is rounded at the scale of its summands (≈ 1), hence rtol·(x + 1).
        expect(Math.abs(x - Math.sqrt(beta / theta))).toBeLessThanOrEqual(1e-12 * (x + 1));
        expect(x).toBeLessThanOrEqual((2 / alpha - 1) * (1 + 1e-15));
        expect(Math.abs(theta - (1 - Math.sqrt(1 - alpha)))).toBeLessThanOrEqual(1e-15 * 2); // summands 1 and sqrt(1 − α)
      }),
    );
  });

  it('reproduces docs/theory.md §4.3: γ_QM = 0.0068269, γ_AM = 0.0113745, ratio 1.666 for L_i = (1, 1, 1, 100), Top1 in d = 2', () => {
    const p = diagonalQuadratic([
      [1, 1],
      [1, 1],
      [1, 1],
      [100, 100],
    ]);
    expect(p.L).toBe(25.75);
    const qm = ef21StepSize(p, 1 / 2);
    const am = ef21AmStepSize(p, 1 / 2);
    digits(qm, 0.0068269, 7);
    digits(am, 0.0113745, 7);
    digits(am / qm, 1.666, 3);
  });

  it('transcribes the PL, PP, SGD, SGDM and SGD2M rules (docs/theory.md §3.3–§3.5, §5.3, §5.4)', () => {
    const p = diagonalQuadratic([
      [1, 2],
      [3, 1],
    ]); // L_i = (2, 3), L = 2, L̃ = sqrt(6.5)
    const lt = Math.sqrt(6.5);
    const { theta, beta } = thetaBeta(0.5);
    expect(ef21StepSize(p, 0.5)).toBeCloseTo(1 / (2 + lt * xi(0.5)), 15);
    expect(ef21PlStepSize(p, 0.5, 1.5)).toBeCloseTo(
      Math.min(1 / (2 + lt * Math.sqrt((2 * beta) / theta)), theta / 3),
      15,
    );
    expect(ef21PlStepSize(p, 0.5, 0.01)).toBeCloseTo(1 / (2 + lt * Math.sqrt((2 * beta) / theta)), 15);
    expect(ef21PpStepSize(p, 0.5, 0.5)).toBe(ef21StepSize(p, 0.25));
    expect(ef21SgdStepSize(p, 0.25)).toBeCloseTo(1 / (2 + (Math.sqrt(10) * lt) / 0.25), 15);
    // Each min picks a different branch at η = 1 and η = 0.01.
    expect(ef21SgdmStepSize(p, 0.5, 1)).toBeCloseTo(0.5 / (10 * lt), 15);
    expect(ef21SgdmStepSize(p, 0.5, 0.01)).toBeCloseTo(0.01 / 6, 15);
    expect(ef21Sgd2mStepSize(p, 0.5, 1)).toBeCloseTo(0.5 / (20 * lt), 15);
    expect(ef21Sgd2mStepSize(p, 0.5, 0.01)).toBeCloseTo(0.01 / 20, 15);
  });

  it('the Beznosikov contrast run uses γ = 1/(L + L̃ξ(1/3)) = 0.005859 (docs/theory.md §2.3)', () => {
    digits(ef21StepSize({ L: 103 / 6, Li: [34.5, 34.5, 34.5] }, 1 / 3), 0.005859, 6);
  });

  it('rejects α, η, p, μ out of range with one-line RangeErrors', () => {
    const p = diagonalQuadratic([[1]]);
    for (const bad of [0, -0.5, 1.5, NaN]) expect(() => xi(bad)).toThrow(RangeError);
    expect(() => ef21SgdmStepSize(p, 0.5, 0)).toThrow(/η ∈ \(0, 1\]/);
    expect(() => ef21Sgd2mStepSize(p, 0.5, 2)).toThrow(RangeError);
    expect(() => ef21PpStepSize(p, 0.5, 0)).toThrow(/p ∈ \(0, 1\]/);
    expect(() => ef21PlStepSize(p, 0.5, 0)).toThrow(/μ > 0/);
  });

  it("parses 'theory', 'theory*m', 'theory/m' and plain numbers, and rejects everything else", () => {
    expect(parseStepSize('theory', 0.01)).toBe(0.01);
    expect(parseStepSize('theory*16', 0.01)).toBe(0.16);
    expect(parseStepSize('theory/4', 0.01)).toBe(0.0025);
    expect(parseStepSize(' 0.05 ')).toBe(0.05);
    expect(parseStepSize('1e-3', 0.5)).toBe(0.001);
    for (const bad of ['', '0', '-1', 'abc', 'theory*0', 'theory*-2', 'theory+1', 'Infinity']) {
      expect(() => parseStepSize(bad, 0.01)).toThrow(RangeError);
    }
    expect(() => parseStepSize('theory')).toThrow(/has none; pass a number/);
  });
});

/**
 * Kills the surviving mutants of step-sizes.ts found by `npm run mutation` (reports/mutation-score.md): the
 * closed range p ∈ (0, 1] of EF21-PP, and the step-size flag grammar with the error that names what is wrong.
 */
describe('step sizes (mutation kills)', () => {
  it('EF21-PP accepts p = 1 (full participation is EF21) and refuses p > 1', () => {
    const p = diagonalQuadratic([
      [1, 2],
      [3, 1],
    ]);
    expect(ef21PpStepSize(p, 0.5, 1)).toBe(ef21StepSize(p, 0.5));
    expect(() => ef21PpStepSize(p, 0.5, 1.5)).toThrow(/p ∈ \(0, 1\]/);
  });

  it("reads 'theory' flags with surrounding and inner spaces, anchored at both ends", () => {
    expect(parseStepSize(' theory*2 ', 0.01)).toBe(0.02);
    expect(parseStepSize('theory * 4', 0.01)).toBe(0.01 * 4);
    expect(parseStepSize('theory /  2', 0.01)).toBe(0.005);
    expect(() => parseStepSize('mytheory', 0.01)).toThrow(RangeError);
    expect(() => parseStepSize('theory*2x', 0.01)).toThrow(RangeError);
  });

  it('says which part is wrong: a missing theory value, or a multiplier that is 0, negative or infinite', () => {
    for (const bad of [0, -1, NaN]) expect(() => parseStepSize('theory*2', bad)).toThrow(/has none/);
    for (const spec of ['theory*0', 'theory/0', 'theory*-2', 'theory*1e999'])
      expect(() => parseStepSize(spec, 0.01)).toThrow(/bad multiplier/);
  });
});
