import { describe, expect, it } from 'vitest';
import { methods } from '../../src/algorithms/registry.ts';
import { paperRule, seededConstants } from './theory-step-sizes.ts';

describe('theory-step-sizes: the registry’s rules against the papers’', () => {
  it('pins the EF21 rule on hand values: L = L_i = 1, α = 1 (top-d) gives γ = 1/L', () => {
    expect(paperRule('ef21', { L: 1, Li: [1, 1], d: 4, k: 4, eta: 1, p: 1 })).toBeCloseTo(1, 15);
    // α = 1/2: θ = 1 − √½, β = ½/θ, ξ = √(β/θ) = √½/θ ≈ 2.414: γ = 1/(1 + 2.414…).
    const theta = 1 - Math.SQRT1_2;
    expect(paperRule('ef21', { L: 1, Li: [1], d: 2, k: 1, eta: 1, p: 1 })).toBeCloseTo(1 / (1 + Math.SQRT1_2 / theta), 14);
  });

  it('catches a registry rule off by 2× (the kind of slip the claim exists for)', () => {
    const c = seededConstants(1, 0);
    const entry = methods.find((m) => m.id === 'ef21-sgdm');
    if (entry === undefined) throw new Error('ef21-sgdm missing from the registry');
    const doubled = 2 * entry.theoryStepSize({ L: c.L, Li: c.Li }, { eta: c.eta, compressor: { contract: { kind: 'contractive', alpha: c.k / c.d } } as never }).gamma;
    expect(Math.abs(doubled - (paperRule('ef21-sgdm', c) ?? 0))).toBeGreaterThan(1e-6 * doubled);
  });

  it('covers every method whose registry entry has a theory step', () => {
    const c = seededConstants(2, 3);
    for (const m of methods) {
      let registryHasOne = true;
      try {
        m.theoryStepSize({ L: c.L, Li: c.Li }, { eta: c.eta, p: c.p, compressor: { contract: { kind: 'contractive', alpha: c.k / c.d } } as never });
      } catch {
        registryHasOne = false;
      }
      expect(paperRule(m.id, c) !== undefined, m.id).toBe(registryHasOne);
    }
  });
});
