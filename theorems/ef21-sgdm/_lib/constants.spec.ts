/**
 * The theorem files compute their step rules from their own derivations (so that a wrong constant in
 * src/algorithms/step-sizes.ts is seen by the claims, not silently shared); this spec ties the two together.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ef21Sgd2mStepSize, ef21SgdmStepSize, ef21SgdStepSize } from '../../../src/algorithms/step-sizes.ts';
import { ef21SgdStepRule } from '../../ef21/ef21-sgd-neighbourhood.ts';
import { sgdmStepRule } from '../thm2-ef21-sgdm-lyapunov.ts';
import { sgd2mStepRule } from '../thm3-ef21-sgd2m-lyapunov.ts';

const positive = fc.double({ min: 1e-3, max: 1e3, noNaN: true });
const constants = fc.record({ L: positive, Li: fc.array(positive, { minLength: 1, maxLength: 6 }) });
const unit = fc.double({ min: 1e-3, max: 1, noNaN: true });
const same = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-14 * Math.abs(b);

describe('the theorem-side step rules agree with src/algorithms/step-sizes.ts', () => {
  it('EF21-SGDM: min{α/(10L̃), η/(3L)}', () => {
    fc.assert(
      fc.property(constants, unit, unit, (p, alpha, eta) =>
        same(sgdmStepRule(p, alpha, eta), ef21SgdmStepSize(p, alpha, eta)),
      ),
    );
  });

  it('EF21-SGD2M: min{α/(20L̃), η/(10L)}', () => {
    fc.assert(
      fc.property(constants, unit, unit, (p, alpha, eta) =>
        same(sgd2mStepRule(p, alpha, eta), ef21Sgd2mStepSize(p, alpha, eta)),
      ),
    );
  });

  it('EF21-SGD: 1/(L + √10·L̃/α)', () => {
    fc.assert(fc.property(constants, unit, (p, alpha) => same(ef21SgdStepRule(p, alpha), ef21SgdStepSize(p, alpha))));
  });

  it('can fail: a rule off by 2× on one branch disagrees on some instance', () => {
    const doubled = (p: { L: number; Li: readonly number[] }, alpha: number, eta: number): number =>
      Math.min(alpha / (10 * Math.sqrt(p.Li.reduce((s, l) => s + l * l, 0) / p.Li.length)), (2 * eta) / (3 * p.L));
    expect(() =>
      fc.assert(
        fc.property(constants, unit, unit, (p, alpha, eta) =>
          same(doubled(p, alpha, eta), ef21SgdmStepSize(p, alpha, eta)),
        ),
      ),
    ).toThrow();
  });
});
