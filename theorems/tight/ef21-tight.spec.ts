import { describe, expect, it } from 'vitest';
import { ef21, type EF21State } from '../../src/algorithms/ef21.ts';
import { worstCase } from '../../src/adversary/worst-case.ts';
import { topK } from '../../src/compressors/top-k.ts';
import { exactOracle } from '../../src/oracles/exact.ts';
import { diagonalQuadratic } from '../../src/problems/diagonal-quadratic.ts';
import { key } from '../../src/rng/key.ts';
import { grad } from './_lib/strongly-convex-instance.ts';
import { ef21Method } from './_lib/tight-methods.ts';
import { tightRate } from './_lib/tight-rate.ts';
import { tightSpace } from './_lib/tight-space.ts';

describe('EF21 tight rate [Berg Thomsen, Taylor, Dieuleveut 2025]', () => {
  it('steps exactly as src/algorithms/ef21.ts does (top-k on a quadratic): the same V⁺ from the same state', () => {
    const h = [0.1, 0.7, 1];
    const f = {
      kind: 'quadratic' as const,
      L: 1,
      mu: 0.1,
      t: Float64Array.from(h, (c) => Math.asin((2 * (c - 0.1)) / 0.9 - 1)),
      c: new Float64Array(3),
    };
    const x = Float64Array.of(0.3, -1.2, 0.8);
    const d = Float64Array.of(-0.5, 0.25, 2);
    const { s, eta } = tightRate(1, 0.1, 1 / 3);
    const C = topK(3, 1);
    const problem = diagonalQuadratic([h]);
    const state: EF21State = { t: 0, x, g: d, gi: [d], bitsPerNode: 0, initBitsPerNode: 0 };
    const next = ef21({ gamma: eta, compressor: C }).step(state, exactOracle(problem), key(0));
    const gNext = grad(f, next.x);
    let expected = 0;
    for (let j = 0; j < 3; j++) expected += (next.gi[0][j] - gNext[j]) ** 2 + s * gNext[j] ** 2;
    const vNext = ef21Method.nextLyapunov(f, s, eta, { x, e: [d] }, (v) => [{ p: 1, out: C.compress(v, key(0)) }]);
    expect(vNext).toBeCloseTo(expected, 13);
    // And V itself is ‖d − ∇f(x)‖² + s‖∇f(x)‖².
    const g = grad(f, x);
    let v = 0;
    for (let j = 0; j < 3; j++) v += (d[j] - g[j]) ** 2 + s * g[j] ** 2;
    expect(ef21Method.lyapunov(f, s, { x, e: [d] })).toBeCloseTo(v, 13);
  });

  it('the adversary reaches ρ at κ = 100 (the ill-conditioned case) and never exceeds it', () => {
    const space = tightSpace({
      method: ef21Method,
      kappa: 100,
      delta: 0.25,
      workers: [1, 1],
      compressors: ['adversarial'],
    });
    const w = worstCase(space, 1, key(11), { restarts: 6, evaluations: 2000, shrink: false });
    expect(w.ratio).toBeLessThanOrEqual(1 + 1e-12);
    expect(w.ratio).toBeGreaterThan(1 - 1e-6);
  });

  it('top-k at k/d = δ leaves slack: its worst V⁺/V stays below ρ (the worst compressor expands)', () => {
    const space = tightSpace({ method: ef21Method, kappa: 10, delta: 0.5, workers: [1, 1], compressors: ['top-k'] });
    const w = worstCase(space, 1, key(2), { restarts: 4, evaluations: 1500, shrink: false });
    expect(w.ratio).toBeLessThan(1 - 1e-6);
  });

  it('a step 2% above η* is refuted on a one-dimensional instance', () => {
    const space = tightSpace({
      method: ef21Method,
      kappa: 10,
      delta: 0.5,
      workers: [1, 1],
      compressors: ['adversarial'],
    });
    const w = worstCase(space, 1.02, key(4), { restarts: 4, evaluations: 1500 });
    expect(w.violated).toBe(true);
    expect(space.size(w.candidate)).toEqual({ n: 1, d: 1 });
  });
});
