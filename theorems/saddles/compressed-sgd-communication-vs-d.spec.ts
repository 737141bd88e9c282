import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { key } from '../../src/rng/key.ts';
import { check, WRONG_EXPONENTS } from './compressed-sgd-communication-vs-d.ts';
import { MARGIN } from './compressed-sgd-iterations-vs-d.ts';
import {
  bitsPerRound,
  communicationRatios,
  designSlope,
  hittingRatios,
  numbersPerRound,
  ratioFit,
} from './_lib/hitting-fit.ts';
import { kOf, saddleSweep, type SweepRun } from './_lib/saddle-sweep.ts';

describe('compressed SGD reaches an ε-SOSP sending √d times fewer numbers than SGD (Avdiukhin & Yaroslavtsev 2021, abstract [P], K(d) [R])', () => {
  it('transcription pins: K(d) = ⌈√d⌉, numbers and bits per round, and the design exponent of d/K on the quick grid', () => {
    expect([10, 32, 100, 316, 1000, 3162, 10_000].map(kOf)).toEqual([4, 6, 10, 18, 32, 57, 100]);
    expect([numbersPerRound('sgd', 1000, 32), numbersPerRound('rand-k', 1000, 32)]).toEqual([1000, 64]);
    // 64-bit values; ⌈log₂ 1000⌉ = 10-bit indices.
    expect([bitsPerRound('sgd', 1000, 32), bitsPerRound('rand-k', 1000, 32)]).toEqual([64_000, 32 * 74]);
    // ln(d/⌈√d⌉) on ln d over {10, 32, 100, 316, 1000}: d/K = 2.5, 5.33, 10, 17.56, 31.25.
    expect(designSlope([10, 32, 100, 316, 1000], kOf)).toBeCloseTo(0.5429, 3);
    expect(designSlope([100, 10_000], (d) => Math.sqrt(d))).toBeCloseTo(0.5, 14);
    expect(WRONG_EXPONENTS).toEqual([0, 1]);
  });

  it('designSlope is exactly 1 − q for K = c·d^q, whatever the grid', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 2, max: 100_000 }), { minLength: 2, maxLength: 8 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (ds, q, c) => {
          expect(Math.abs(designSlope(ds, (d) => c * d ** q) - (1 - q))).toBeLessThanOrEqual(1e-9);
        },
      ),
    );
  });

  it('R = (d/2K)·(T_SGD/T_RandK) cell by cell, so the fitted exponent is the design exponent minus the iterations exponent, exactly', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom(10, 32, 100, 316, 1000),
            fc.integer({ min: 1, max: 500 }),
            fc.integer({ min: 1, max: 500 }),
          ),
          { minLength: 4, maxLength: 30 },
        ),
        (cells) => {
          const sweep: SweepRun[] = cells.map(([d, s, c], i) => ({
            d,
            seed: i,
            k: kOf(d),
            runs: {
              sgd: { iterations: s, rounds: s, reach: 1, diverged: false },
              'rand-k': { iterations: c, rounds: c, reach: 1, diverged: false },
            },
          }));
          const comm = communicationRatios(sweep, 'rand-k');
          comm.ratio.forEach((r, i) => {
            const [d, s, c] = cells[i];
            expect(Math.abs(r - (d / (2 * kOf(d))) * (s / c))).toBeLessThanOrEqual(1e-12 * r);
          });
          if (new Set(cells.map(([d]) => d)).size < 2 || cells.length < 3) return;
          const a = ratioFit(hittingRatios(sweep, 'rand-k', 'sgd')).slope;
          const b = ratioFit(comm).slope;
          expect(Math.abs(b - (designSlope(comm.d, kOf) - a))).toBeLessThanOrEqual(1e-9);
        },
      ),
    );
  });

  it('a cell where either method missed the budget is left out and counted', () => {
    const sweep: SweepRun[] = [
      {
        d: 10,
        seed: 0,
        k: 4,
        runs: {
          sgd: { iterations: null, rounds: 10, reach: 1, diverged: false },
          'rand-k': { iterations: 5, rounds: 5, reach: 1, diverged: false },
        },
      },
      {
        d: 10,
        seed: 1,
        k: 4,
        runs: {
          sgd: { iterations: 8, rounds: 8, reach: 1, diverged: false },
          'rand-k': { iterations: 4, rounds: 4, reach: 1, diverged: false },
        },
      },
    ];
    expect(communicationRatios(sweep, 'rand-k')).toEqual({ d: [10], ratio: [(10 * 8) / (8 * 4)], missing: 1 });
  });

  it('on real runs the exponent inherits the iterations fit: a small sweep gives ln R’s slope = design − iterations slope', () => {
    const sweep = saddleSweep(key(4), [10, 32, 100], 2, { methods: ['sgd', 'rand-k'] });
    const comm = communicationRatios(sweep, 'rand-k');
    const its = hittingRatios(sweep, 'rand-k', 'sgd');
    expect(comm.missing).toBe(0);
    expect(Math.abs(ratioFit(comm).slope - (designSlope(comm.d, kOf) - ratioFit(its).slope))).toBeLessThanOrEqual(1e-9);
  });

  it('check() at the quick budget: the design exponent is in the interval, 0 and 1 are rejected, bits observed', async () => {
    const result = await check(2, 'quick');
    expect(result.verdicts.map((v) => [v.expectation, v.status])).toEqual([
      ['holds', 'pass'],
      ['may-fail', 'pass'],
      ['may-fail', 'pass'],
      ['holds', 'observed'],
    ]);
    const [main] = result.verdicts;
    expect(main.rhs).toBeCloseTo(designSlope([10, 32, 100, 316, 1000], kOf), 12);
    expect(main.details.margin).toBe(MARGIN);
    expect(main.lhs).toBeGreaterThan(0.3);
    expect(result.figures?.map((f) => f.kind)).toEqual(['fit']);
  });
});
