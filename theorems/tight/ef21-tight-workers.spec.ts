import { describe, expect, it } from 'vitest';
import { ratioOf } from '../../src/adversary/types.ts';
import { worstCase } from '../../src/adversary/worst-case.ts';
import { key } from '../../src/rng/key.ts';
import { assertSearchSpaceContract } from '../../properties/contracts/search-space.ts';
import { ef21Method, efMethod } from './_lib/tight-methods.ts';
import { tightSpace, type TightCandidate } from './_lib/tight-space.ts';

describe('EF21 with n homogeneous workers: the same tight rate', () => {
  it('the tight spaces keep the search-space contract (EF, EF21, EF21 with workers; catalogue compressors included)', () => {
    assertSearchSpaceContract(tightSpace({ method: efMethod, kappa: 10, delta: 0.5, workers: [1, 1] }));
    assertSearchSpaceContract(tightSpace({ method: ef21Method, kappa: 4, delta: 0.25, workers: [1, 1] }));
    assertSearchSpaceContract(tightSpace({ method: ef21Method, kappa: 100, delta: 0.9, workers: [2, 4] }));
  });

  it('n workers with equal estimators and equal compressor outputs act as one: the same V⁺/V as n = 1', () => {
    const one = tightSpace({
      method: ef21Method,
      kappa: 4,
      delta: 0.75,
      workers: [1, 1],
      compressors: ['adversarial'],
    });
    const many = tightSpace({
      method: ef21Method,
      kappa: 4,
      delta: 0.75,
      workers: [3, 3],
      compressors: ['adversarial'],
    });
    const c = one.sample(key(9));
    const copies = (v: Float64Array): Float64Array[] => [v, v, v];
    const three: TightCandidate = {
      ...c,
      e: copies(Float64Array.from(c.e[0])),
      w: copies(Float64Array.from(c.w[0])),
      beta: Float64Array.of(c.beta[0], c.beta[0], c.beta[0]),
    };
    for (const m of [1, 1.3]) {
      expect(ratioOf(many.sides(three, m))).toBeCloseTo(ratioOf(one.sides(c, m)), 13);
      expect(many.sides(three, m).lhs).toBeCloseTo(3 * one.sides(c, m).lhs, 12);
    }
  });

  it('the adversary reaches ρ with per-worker compressors and stays below it', () => {
    const space = tightSpace({
      method: ef21Method,
      kappa: 10,
      delta: 0.1,
      workers: [2, 4],
      compressors: ['adversarial'],
    });
    const w = worstCase(space, 1, key(21), { restarts: 6, evaluations: 2000, shrink: false });
    expect(w.ratio).toBeLessThanOrEqual(1 + 1e-12);
    expect(w.ratio).toBeGreaterThan(1 - 1e-6);
  });

  it('shrinks a violation above η* to two workers and one coordinate', () => {
    const space = tightSpace({
      method: ef21Method,
      kappa: 10,
      delta: 0.5,
      workers: [2, 4],
      compressors: ['adversarial'],
    });
    const w = worstCase(space, 1.1, key(6), { restarts: 4, evaluations: 1500 });
    expect(w.violated).toBe(true);
    expect(space.size(w.candidate)).toEqual({ n: 2, d: 1 });
  });
});
