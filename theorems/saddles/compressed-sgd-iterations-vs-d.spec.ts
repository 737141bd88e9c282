import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compressedGd } from '../../src/algorithms/compressed-gd.ts';
import { gd } from '../../src/algorithms/gd.ts';
import { randKSgd } from '../../src/algorithms/rand-k-sgd.ts';
import { trajectory } from '../../src/algorithms/run.ts';
import { randK } from '../../src/compressors/rand-k.ts';
import { gaussianOracle } from '../../src/oracles/gaussian.ts';
import { strictSaddle } from '../../src/problems/strict-saddle.ts';
import { rateVerdict } from '../../src/report/verdict.ts';
import { foldIn, key } from '../../src/rng/key.ts';
import { normal } from '../../src/rng/sample.ts';
import { logLogFit } from '../../src/stats/log-log-fit.ts';
import { check, MARGIN, SMALL_K_TEETH, WRONG_EXPONENT } from './compressed-sgd-iterations-vs-d.ts';
import { hittingRatios, ratioFit } from './_lib/hitting-fit.ts';
import { iterationsToSosp } from './_lib/iterations-to-sosp.ts';
import { kOf, SADDLE_SETTING, saddleInstance, type SweepRun } from './_lib/saddle-sweep.ts';
import { curvatureThreshold, sospMeasure } from './_lib/sosp-measure.ts';

const seedArb = fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 }));

describe('compressed SGD reaches an ε-SOSP in as many iterations as SGD, at every d (Avdiukhin & Yaroslavtsev 2021, abstract [R])', () => {
  it('the ε-SOSP measure: max(‖∇f‖/ε, −λ_min/√(ρε)) is 1/√(ρε) at the saddle, 0 at the minimisers, and its λ_min is the closed form', () => {
    const { epsilon } = SADDLE_SETTING;
    expect(curvatureThreshold(12, 0.03)).toBeCloseTo(0.6, 15);
    expect(curvatureThreshold(12, epsilon)).toBeCloseTo(Math.sqrt(0.6), 15);
    fc.assert(
      fc.property(
        seedArb,
        fc.integer({ min: 3, max: 300 }),
        fc.double({ min: -1.5, max: 1.5, noNaN: true }),
        fc.double({ min: -1.5, max: 1.5, noNaN: true }),
        (seed, d, a, b) => {
          const p = strictSaddle({ d, key: key(seed) });
          const at = sospMeasure(p, p.saddle, epsilon, key(1));
          expect(at.gradNorm).toBe(0);
          expect(Math.abs(at.ratio - 1 / Math.sqrt(12 * epsilon))).toBeLessThanOrEqual(1e-12);
          for (const x of p.minimisers) expect(sospMeasure(p, x, epsilon, key(2)).ratio).toBeLessThanOrEqual(1e-12);
          // A point a·u₁ + b·u₂ + noise: Lanczos' λ_min matches min(1, 3b² − 1, 0) to rounding.
          const z = normal(foldIn(key(seed), 3), d);
          const x = Float64Array.from(z, (v, j) => 0.1 * v + a * p.frame[0][j] + b * p.frame[1][j]);
          const m = sospMeasure(p, x, epsilon, key(4));
          expect(Math.abs(m.lambdaMin - p.lambdaMin(x))).toBeLessThanOrEqual(1e-10);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('iterationsToSosp follows trajectory()’s iterates and returns the first ε-SOSP round (checked by brute force with the closed-form λ_min)', () => {
    const d = 50;
    const cell = foldIn(key(3), 1);
    const { problem, x0 } = saddleInstance(cell, d, 'strict-saddle', SADDLE_SETTING.r0);
    const oracle = gaussianOracle(problem, SADDLE_SETTING.sigma);
    const alg = randKSgd({ eta: SADDLE_SETTING.eta, k: kOf(d), x0 });
    const run = iterationsToSosp(alg, oracle, problem, SADDLE_SETTING.epsilon, 3000, key(4));
    expect(run.iterations).not.toBeNull();
    const T = run.iterations ?? 0;
    // trajectory() splits the key in two, iterationsToSosp in three: the first two parts agree (split is prefix-stable).
    const states = trajectory(alg, oracle, T, key(4), { keepStates: true }).states ?? [];
    const threshold = Math.sqrt(problem.rho * SADDLE_SETTING.epsilon);
    const isSosp = (x: Float64Array): boolean => {
      const g = problem.gradI(0, x);
      return Math.hypot(...g) <= SADDLE_SETTING.epsilon && problem.lambdaMin(x) >= -threshold;
    };
    expect(states.length).toBe(T + 1);
    expect(states.findIndex((s) => isSosp(s.x))).toBe(T);
    expect(run.reach).toBeLessThan(problem.radius);
  });

  it('power at the quick size: a true exponent of +½ (a (1 + ω) slowdown) fails the claim, a true 0 passes, with ln-ratio scatter 0.2', () => {
    const dims = [10, 32, 100, 316, 1000];
    const seeds = 6;
    // Deterministic scatter of sd ≈ 0.2 in ln T, as measured at the quick budget (ln-ratio se ≈ 0.06 per d with 6 seeds).
    const jitter = (i: number): number => 0.2 * Math.sqrt(3) * (((i * 0.618034) % 1) * 2 - 1);
    for (const [truth, shouldHold] of [
      [0, true],
      [0.5, false],
      [-0.5, false],
    ] as const) {
      const d: number[] = [];
      const y: number[] = [];
      dims.forEach((v, a) => {
        for (let r = 0; r < seeds; r++) {
          d.push(v);
          y.push(v ** truth * Math.exp(jitter(a * seeds + r)));
        }
      });
      const verdict = rateVerdict(
        { id: 'x', check: 'x', claim: 'x', seed: 0, budget: 'quick', provenance: 'R' },
        logLogFit(d, y),
        0,
        { margin: MARGIN },
      );
      expect(verdict.violated).toBe(!shouldHold);
    }
    expect(WRONG_EXPONENT).toBe(0.5);
  });

  it('teeth with a real method: RandK without the d/K factor and without error feedback steps (K/d)η∇f on average, and its iterations grow like d/K', () => {
    const dims = [10, 32, 100];
    const sweep: SweepRun[] = [];
    for (const d of dims) {
      for (let r = 0; r < 2; r++) {
        const cell = foldIn(foldIn(key(11), d), r);
        const { problem, x0 } = saddleInstance(cell, d, 'strict-saddle', SADDLE_SETTING.r0);
        const oracle = gaussianOracle(problem, SADDLE_SETTING.sigma);
        const runKey = foldIn(cell, 2);
        const { epsilon, eta } = SADDLE_SETTING;
        const sgd = iterationsToSosp(gd({ gamma: eta, x0 }), oracle, problem, epsilon, 5000, runKey);
        const unscaled = iterationsToSosp(
          compressedGd({ gamma: eta, compressor: randK(d, kOf(d)), x0 }),
          oracle,
          problem,
          epsilon,
          5000,
          runKey,
        );
        sweep.push({ d, seed: r, k: kOf(d), runs: { sgd, 'rand-k': unscaled } });
      }
    }
    const fit = ratioFit(hittingRatios(sweep, 'rand-k', 'sgd'));
    // d/K runs 2.5 → 10 here: an exponent near that of d/⌈√d⌉, far from 0. Six cells leave 4 dof, too few for the
    // z = 6 verdict (t ≈ 235), so the spec asks the 95% interval to clear the margin instead.
    expect(fit.slope).toBeGreaterThan(0.3);
    expect(fit.slopeLo).toBeGreaterThan(MARGIN);
  });

  it('check() at the quick budget: 0 in the interval, ±½ rejected, every run reaches an ε-SOSP in the slab, the teeth bite, EF observed', async () => {
    const result = await check(2, 'quick');
    expect(result.verdicts.map((v) => [v.expectation, v.status])).toEqual([
      ['holds', 'pass'],
      ['may-fail', 'pass'],
      ['may-fail', 'pass'],
      ['holds', 'pass'],
      ['holds', 'pass'],
      ['holds', 'pass'],
      ['may-fail', 'pass'],
      ['may-fail', 'pass'],
      ['holds', 'pass'],
      ['holds', 'pass'],
      ['holds', 'pass'],
      ['may-fail', 'pass'],
      ['holds', 'observed'],
    ]);
    const [main, , , doubleWells, , , exact] = result.verdicts;
    expect(Math.abs(doubleWells.lhs)).toBeLessThan(0.3);
    expect(main.rule).toBe('rate');
    expect(main.details.margin).toBe(MARGIN);
    expect(Math.abs(main.lhs)).toBeLessThan(0.2);
    // Exactly at the saddle with no noise, nothing moves: the run ends at the budget with reach 0.
    expect(exact.lhs).toBe(201);
    expect(exact.counterexample).toMatchObject({ reach: 0 });
    expect(SMALL_K_TEETH.k).toBe(1);
    expect(main.replay).toBe('npm run report -- --only compressed-sgd-iterations-vs-d --seed 2 --budget quick');
    expect(result.figures?.map((f) => f.kind)).toEqual(['fit', 'line']);
  });
});
