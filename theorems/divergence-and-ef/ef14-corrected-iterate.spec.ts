import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compressedGd } from '../../src/algorithms/compressed-gd.ts';
import { trajectory } from '../../src/algorithms/run.ts';
import { topK } from '../../src/compressors/top-k.ts';
import { key } from '../../src/rng/key.ts';
import { DEFAULT_FLOOR, DEFAULT_RTOL, type Sides } from '../../src/report/verdict.ts';
import { ef14VirtualIterate as correctedIterate, replayGradients } from '../../src/algorithms/ef14-virtual-iterate.ts';
import { sgdIdentitySides } from './ef14-corrected-iterate.ts';
import { ef14States, type Ef14Instance } from './_lib/ef14-run.ts';
import { everyCompressor } from './_lib/every-compressor.ts';

const T = 10;
const unit = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** Separable quadratics at unit scale (PEPit's normalisation), n ≤ 4, d ≤ 6, and an index into the catalogue. */
const instanceArb: fc.Arbitrary<{ inst: Ef14Instance; c: number; seed: number }> = fc
  .record({ n: fc.integer({ min: 1, max: 4 }), d: fc.integer({ min: 1, max: 6 }) })
  .chain(({ n, d }) =>
    fc.record({
      inst: fc.record({
        n: fc.constant(n),
        d: fc.constant(d),
        a: fc.array(fc.array(unit(0.1, 2), { minLength: d, maxLength: d }), { minLength: n, maxLength: n }),
        b: fc.array(fc.array(unit(-1, 1), { minLength: d, maxLength: d }), { minLength: n, maxLength: n }),
        x0: fc.array(unit(-1, 1), { minLength: d, maxLength: d }),
        sigma: fc.constantFrom(0, 0.5),
        stepFraction: unit(0.05, 1),
      }),
      c: fc.nat(),
      seed: fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
    }),
  );

const identityHolds = (s: Sides): boolean => Math.abs(s.lhs - s.rhs) <= DEFAULT_RTOL * s.scale + DEFAULT_FLOOR;

describe('EF14’s corrected iterate follows SGD (derived form, docs/theory.md §2.1)', () => {
  it('x^t − γg^t − γ·mean(e_i^t) equals x⁰ − γΣ_{s≤t} mean_i ĝ_i(x^s) at every round, for every compressor of the catalogue', () => {
    fc.assert(
      fc.property(instanceArb, ({ inst, c, seed }) => {
        const catalogue = everyCompressor(inst.d);
        const C = catalogue[c % catalogue.length];
        const runKey = key(seed);
        const { states, oracle, gamma } = ef14States(inst, C, T, runKey);
        expect(states.length).toBe(T + 1);
        const sides = sgdIdentitySides(states, replayGradients(states, oracle, runKey), gamma, (s) =>
          correctedIterate(s, gamma),
        );
        return sides.every((row) => row.every(identityHolds));
      }),
    );
  });

  it('the catalogue holds every registry example and combinator (the claim is for any compressor)', () => {
    const names = everyCompressor(8).map((C) => C.name);
    for (const id of [
      'identity',
      'top-k',
      'rand-k',
      'bernoulli',
      'natural',
      'qsgd',
      'natural-dithering',
      'terngrad',
      'scaled-sign',
      'hard-threshold',
      'contractive(',
    ]) {
      expect(
        names.some((n) => n.startsWith(id)),
        id,
      ).toBe(true);
    }
    expect(names.length).toBeGreaterThanOrEqual(25);
  });

  it('on a hand-made run with Top1 the memory holds exactly the dropped gradient mass', () => {
    // One node, f = ½‖x‖² (a = 1, b = 0), x⁰ = (1, 2), σ = 0, γ = ½: ĝ(x⁰) = (1, 2), c = (0, 2), e = (1, 0), g⁰ = (0, 2).
    const inst: Ef14Instance = { n: 1, d: 2, a: [[1, 1]], b: [[0, 0]], x0: [1, 2], sigma: 0, stepFraction: 0.5 };
    const { states, gamma } = ef14States(inst, topK(2, 1), 1, key(0));
    expect(gamma).toBe(0.5);
    expect(Array.from(states[0].ei[0])).toEqual([1, 0]);
    // x̃⁰ = x⁰ − γ(g⁰ + e⁰) = x⁰ − γĝ(x⁰) = (0.5, 1); x¹ = (1, 1), ĝ(x¹) = (1, 1), p = (2, 1): x̃¹ = (0, 0.5).
    expect(Array.from(correctedIterate(states[0], gamma))).toEqual([0.5, 1]);
    expect(Array.from(correctedIterate(states[1], gamma))).toEqual([0, 0.5]);
  });

  it('teeth: the uncorrected iterate, and naive compressed GD, leave SGD’s path (fast-check finds one at once)', () => {
    const uncorrected = fc.check(
      fc.property(instanceArb, ({ inst, seed }) => {
        const runKey = key(seed);
        const { states, oracle, gamma } = ef14States(inst, topK(inst.d, 1), T, runKey);
        const sides = sgdIdentitySides(states, replayGradients(states, oracle, runKey), gamma, (s) =>
          s.x.map((v, j) => v - gamma * s.g[j]),
        );
        return sides.every((row) => row.every(identityHolds));
      }),
      { numRuns: 100, endOnFailure: true }, // a teeth search must not depend on FC_RUNS; no shrinking needed
    );
    expect(uncorrected.failed).toBe(true);
    const naive = fc.check(
      fc.property(instanceArb, ({ inst, seed }) => {
        const runKey = key(seed);
        const { oracle, gamma } = ef14States(inst, topK(inst.d, 1), 0, runKey);
        const states =
          trajectory(compressedGd({ gamma, compressor: topK(inst.d, 1), x0: inst.x0 }), oracle, T, runKey, {
            keepStates: true,
          }).states ?? [];
        const sides = sgdIdentitySides(states, replayGradients(states, oracle, runKey), gamma, (s) =>
          s.x.map((v, j) => v - gamma * s.g[j]),
        );
        return sides.every((row) => row.every(identityHolds));
      }),
      { numRuns: 100, endOnFailure: true },
    );
    expect(naive.failed).toBe(true);
  });
});
