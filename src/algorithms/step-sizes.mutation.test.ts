/**
 * Kills the surviving mutants of step-sizes.ts found by `npm run mutation` (reports/mutation-score.md): the
 * closed range p ∈ (0, 1] of EF21-PP, and the step-size flag grammar with the error that names what is wrong.
 */
import { describe, expect, it } from 'vitest';
import { diagonalQuadratic } from '../problems/diagonal-quadratic.ts';
import { ef21PpStepSize, ef21StepSize, parseStepSize } from './step-sizes.ts';

describe('step sizes (mutation kills)', () => {
  it('EF21-PP accepts p = 1 (full participation is EF21) and refuses p > 1', () => {
    const p = diagonalQuadratic([[1, 2], [3, 1]]);
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
    for (const spec of ['theory*0', 'theory/0', 'theory*-2', 'theory*1e999']) expect(() => parseStepSize(spec, 0.01)).toThrow(/bad multiplier/);
  });
});
