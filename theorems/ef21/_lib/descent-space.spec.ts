import { assertSearchSpaceContract } from '../../../properties/contracts/search-space.ts';
import { describe, expect, it } from 'vitest';
import { denseQuadratic } from '../../../src/problems/dense-quadratic.ts';
import { foldIn, key } from '../../../src/rng/key.ts';
import {
  ALPHA_MAX,
  ALPHA_MIN,
  alphaOf,
  descentSides,
  descentSpace,
  instanceOf,
  type DescentCandidate,
} from './descent-space.ts';
import { ef21PlSetting, ef21PpSetting, ef21Setting, ef21wSetting } from './ef21-settings.ts';

const settings = [ef21Setting, ef21PlSetting, ef21PpSetting([0.1, 0.5, 1]), ef21wSetting()];

describe('descentSpace: the EF21 family’s one-step inequalities as a search space', () => {
  it('keeps the search-space contract: decode(encode(c), c) = c, pure sides, one-smaller shrinks, no ±∞ ratio', () => {
    for (const setting of settings) assertSearchSpaceContract(descentSpace(setting));
  });

  it('L_i, L, μ and f − f* agree with src/problems/dense-quadratic.ts on the candidate’s matrices', () => {
    const space = descentSpace(ef21PlSetting);
    for (let r = 0; r < 20; r++) {
      const c = space.sample(foldIn(key(4), r));
      const inst = instanceOf(c, 'contraction');
      const d = inst.q.d;
      const rows = (A: Float64Array): number[][] =>
        Array.from({ length: d }, (_, i) => Array.from(A.subarray(i * d, (i + 1) * d)));
      const p = denseQuadratic(inst.q.A.map((A, i) => ({ A: rows(A), b: Array.from(inst.q.b[i]) })));
      inst.Li.forEach((l, i) => {
        expect(Math.abs(l - p.Li[i])).toBeLessThanOrEqual(1e-12 * (l + p.Li[i]));
      });
      expect(Math.abs(inst.L - p.L)).toBeLessThanOrEqual(1e-12 * (inst.L + p.L));
      expect(Math.abs((inst.mu ?? NaN) - (p.mu ?? NaN))).toBeLessThanOrEqual(1e-10 * p.L);
    }
  });

  it('top-k through the real step agrees with the same step written out (participation 1 − 2⁻⁴⁰)', () => {
    const space = descentSpace({ ...ef21Setting, compressors: ['top-k'] });
    const spaceW = descentSpace({ ...ef21wSetting(), compressors: ['top-k'] });
    for (const s of [space, spaceW]) {
      for (let r = 0; r < 30; r++) {
        const c = s.sample(foldIn(key(5), r));
        const real = s.sides(c, 1.3);
        const written: DescentCandidate = { ...c, p: 1 - 2 ** -40 };
        const direct = s.sides(written, 1.3);
        expect(Math.abs(real.lhs - direct.lhs)).toBeLessThanOrEqual(1e-9 * real.scale);
        expect(Math.abs(real.rhs - direct.rhs)).toBeLessThanOrEqual(1e-9 * real.scale);
      }
    }
  });

  it('the adversarial compressor uses its whole radius at b = 1, and α stays in [ALPHA_MIN, ALPHA_MAX]', () => {
    const space = descentSpace({ ...ef21Setting, compressors: ['adversarial'] });
    const c = space.sample(key(6));
    // β = π/2 (b = 1) on every node makes the next error exactly (1 − α)‖u_i‖²: with α → ALPHA_MIN the distortion
    // barely contracts, and the ratio must grow with the radius.
    const full = { ...c, beta: c.beta.map(() => Math.PI / 2) };
    const none = { ...c, beta: c.beta.map(() => -Math.PI / 2) };
    const ratio = (x: DescentCandidate): number => {
      const s = descentSides(ef21Setting, x, 1);
      return 1 + (s.lhs - s.rhs) / s.scale;
    };
    expect(ratio(full)).toBeGreaterThan(ratio(none));
    expect(alphaOf({ ...c, alphaAngle: Math.PI / 2 })).toBeCloseTo(ALPHA_MAX, 15);
    expect(alphaOf({ ...c, alphaAngle: -Math.PI / 2 })).toBeCloseTo(ALPHA_MIN, 15);
  });
});
