import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ef21AmStepSize, ef21StepSize } from '../../src/algorithms/step-sizes.ts';
import { lArith, lTilde } from '../../src/problems/types.ts';
import { check, EXAMPLE, gainClosedForm, isotropicNodes, transcriptionTolerance } from './ef21w-step-gain.ts';

describe('EF21-W step-size gain (THEORY.md §4.3, derived numbers)', () => {
  it('reproduces γ_QM = 0.0068269, γ_AM = 0.0113745 and the ratio 1.666 on L_i = (1, 1, 1, 100)', () => {
    const p = isotropicNodes(EXAMPLE.Li, EXAMPLE.d);
    expect(p.L).toBe(25.75);
    expect(lArith(p)).toBe(25.75);
    expect(lTilde(p)).toBeCloseTo(50.0075, 4);
    const gQm = ef21StepSize(p, 0.5);
    const gAm = ef21AmStepSize(p, 0.5);
    expect(Math.abs(gQm - EXAMPLE.gammaQm)).toBeLessThanOrEqual(transcriptionTolerance(EXAMPLE.gammaQm, 5));
    expect(Math.abs(gAm - EXAMPLE.gammaAm)).toBeLessThanOrEqual(transcriptionTolerance(EXAMPLE.gammaAm, 6));
    expect(Math.abs(gAm / gQm - EXAMPLE.ratio)).toBeLessThanOrEqual(transcriptionTolerance(EXAMPLE.ratio, 4));
    expect(transcriptionTolerance(1.666, 4)).toBeCloseTo(0.0005, 15);
  });

  it('the ratio of the two step-size rules is the closed form (L + L_QM ξ)/(L + L_AM ξ) ≥ 1 for any L_i and α', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1 / 16, max: 256, noNaN: true }), { minLength: 1, maxLength: 8 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (Li, alpha) => {
          const p = isotropicNodes(Li, 1);
          const ratio = ef21AmStepSize(p, alpha) / ef21StepSize(p, alpha);
          const closed = gainClosedForm(p.L, lTilde(p), lArith(p), alpha);
          expect(Math.abs(ratio - closed)).toBeLessThanOrEqual(1e-13 * (ratio + closed));
          expect(ratio).toBeGreaterThanOrEqual(1 - 1e-15);
        },
      ),
    );
  });

  it('check(): the identities hold, EF21-W reproduces EF21, both companions fail as they should', async () => {
    const r = await check(1, 'quick');
    expect(r.verdicts.map((v) => [v.expectation, v.status, v.violated])).toEqual([
      ['holds', 'pass', false],
      ['holds', 'pass', false],
      ['holds', 'pass', false],
      ['holds', 'pass', false],
      ['holds', 'pass', false],
      ['may-fail', 'pass', true],
      ['may-fail', 'pass', true],
    ]);
    // EF21-W at γ_AM reaches the threshold in fewer rounds than EF21 at γ_QM.
    const rounds = r.tables?.[1].rows.map((row) => row[2] as number) ?? [];
    expect(rounds[1]).toBeLessThan(rounds[0]);
  });
});
