import { assertSearchSpaceContract } from '../../../properties/contracts/search-space.ts';
import { describe, expect, it } from 'vitest';
import { ratioOf } from '../../../src/adversary/types.ts';
import { foldIn, key } from '../../../src/rng/key.ts';
import { ef21SgdMethod } from '../../ef21/ef21-sgd-neighbourhood.ts';
import { ef21SgdmMethod } from '../thm2-ef21-sgdm-lyapunov.ts';
import { ef21Sgd2mMethod } from '../thm3-ef21-sgd2m-lyapunov.ts';
import { adversarialContractive } from '../../../src/adversary/adversarial-contractive.ts';
import { noiseVariance } from './finite-noise.ts';
import { exactSides } from './momentum-lyapunov.ts';
import {
  candidateAlpha,
  candidateEta,
  candidateNodes,
  candidateNoise,
  candidateSides,
  momentumSpace,
  type MomentumCandidate,
} from './momentum-space.ts';

const methods = [ef21SgdmMethod, ef21Sgd2mMethod, ef21SgdMethod] as const;

describe("momentumSpace: the adversary's search space for the momentum one-step inequalities", () => {
  it('keeps the search-space contract: decode(encode(c), c) = c, pure sides, one-smaller shrinks, no ±∞ ratio', () => {
    for (const method of methods) assertSearchSpaceContract(momentumSpace(method));
  });

  it("keeps η, α in (0, 1] and each node's noise centred with E‖ξ_i‖² ≤ σ²", () => {
    const space = momentumSpace(ef21SgdmMethod);
    for (let r = 0; r < 30; r++) {
      const c = space.sample(foldIn(key(4), r));
      expect(candidateEta(c)).toBeGreaterThan(0);
      expect(candidateEta(c)).toBeLessThanOrEqual(1);
      expect(candidateAlpha(c)).toBeGreaterThan(0);
      expect(candidateAlpha(c)).toBeLessThanOrEqual(1);
      for (const z of candidateNoise(c)) {
        expect(noiseVariance(z)).toBeLessThanOrEqual(c.sigma[0] ** 2 * (1 + 1e-12) + 1e-300);
        const centre = Array.from(z.points[0], (_, j) => z.points.reduce((s, p, q) => s + z.p[q] * p[j], 0));
        for (const v of centre) expect(Math.abs(v)).toBeLessThan(1e-12 * (1 + Math.abs(c.sigma[0])));
      }
    }
  });

  it("on a top-k candidate its sides are exactSides of the same instance (the random checks' computation)", () => {
    for (const method of [ef21SgdmMethod, ef21Sgd2mMethod]) {
      const space = momentumSpace(method, { compressors: ['top-k'] });
      for (let r = 0; r < 10; r++) {
        const c: MomentumCandidate = space.sample(foldIn(key(5), r));
        const law = candidateNoise(c);
        const s = candidateSides(method, c, 1);
        const e = exactSides(method, {
          nodes: candidateNodes(c),
          x: Array.from(c.x),
          vi: c.vi.map((v) => Array.from(v)),
          ui: (method.secondMomentum ? c.ui : c.vi).map((v) => Array.from(v)),
          gi: c.gi.map((v) => Array.from(v)),
          k: c.k,
          eta: candidateEta(c),
          sigma: Math.abs(c.sigma[0]),
          // Already centred and scaled: centring again and rescaling to σ_i² gives the same law.
          noise: law.map((z) => ({
            raw: z.points.map((p) => Array.from(p)),
            weights: [...z.p],
            fraction: Math.sqrt(noiseVariance(z)) / Math.max(Math.abs(c.sigma[0]), 1e-300),
          })),
          stepFraction: 1,
        });
        expect(Math.abs(s.lhs - e.lhs)).toBeLessThanOrEqual(1e-9 * e.scale);
        expect(Math.abs(s.rhs - e.rhs)).toBeLessThanOrEqual(1e-9 * e.scale);
      }
    }
  });

  it("the adversarial compressor keeps its contract ‖C(v) − v‖² ≤ (1 − α)‖v‖², with equality at the ball's edge", () => {
    const C = adversarialContractive(Float64Array.of(1, -2, 0.5), Math.PI / 2, 0.3);
    const v = Float64Array.of(0.3, 1, -2);
    const out = C.compress(v, key(0));
    const err = out.reduce((s, o, j) => s + (o - v[j]) ** 2, 0);
    const vv = v.reduce((s, x) => s + x * x, 0);
    expect(err).toBeCloseTo(0.7 * vv, 12);
    expect(C.contract).toEqual({ kind: 'contractive', alpha: 0.3 });
  });

  it('the sides scale with m: γ = m·γ_max, and a large multiple violates on an isotropic equilibrium start', () => {
    const space = momentumSpace(ef21SgdmMethod);
    let violated = 0;
    for (let r = 0; r < 30; r++) {
      const c = space.sample(foldIn(key(6), r));
      const one = candidateSides(ef21SgdmMethod, c, 1);
      const two = candidateSides(ef21SgdmMethod, c, 2);
      if (Number.isFinite(one.gamma)) expect(two.gamma / one.gamma).toBeCloseTo(2, 12);
      if (ratioOf(candidateSides(ef21SgdmMethod, c, 16)) > 1) violated++;
    }
    expect(violated).toBeGreaterThan(0);
  });
});
