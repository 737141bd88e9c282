import { describe, expect, it } from 'vitest';
import { ef21 } from '../../src/algorithms/ef21.ts';
import { topK } from '../../src/compressors/top-k.ts';
import { exactOracle } from '../../src/oracles/exact.ts';
import { lArith, lTilde } from '../../src/problems/types.ts';
import { key } from '../../src/rng/key.ts';
import { verdictOverTrials } from '../../src/report/verdict.ts';
import { ef21AmGamma, ef21Gamma } from '../ef21/_lib/constants.ts';
import { EXAMPLE, isotropicNodes } from './ef21w-step-gain.ts';
import { transcriptionTolerance } from '../_lib/transcribed.ts';
import { convergenceComparison } from './_lib/step-gain-figures.ts';
import { ef21W } from '../../src/algorithms/ef21-w.ts';
import { trajectory } from '../../src/algorithms/run.ts';
import { srcImplementation, stepTrials, weightTrials, type EF21WImplementation } from './_lib/implementation-trials.ts';

const ctx = { id: 'ef21w-step-gain', claim: 'spec', check: 'spec', seed: 1, budget: 'quick', provenance: 'D' } as const;

/** EF21-W degenerated into EF21: uniform weights, and EF21's own step (mean aggregate, targets ∇f_i). */
const degenerate: EF21WImplementation = {
  weights: (problem) => new Array<number>(problem.n).fill(1 / problem.n),
  step: (problem, gamma, k, state) =>
    ef21({ gamma, compressor: topK(problem.dim, k) }).step(
      { ...state, g: state.gi[0].map((_, j) => state.gi.reduce((s, g) => s + g[j], 0) / state.gi.length) },
      exactOracle(problem),
      key(0),
    ),
};

describe('EF21-W implementation and step-size gain (Richtárik et al. 2024, Alg. 2; docs/theory.md §4.3 derived numbers)', () => {
  it('reproduces γ_QM = 0.0068269, γ_AM = 0.0113745 and the ratio 1.666 on L_i = (1, 1, 1, 100)', () => {
    const p = isotropicNodes(EXAMPLE.Li, EXAMPLE.d);
    expect(p.L).toBe(25.75);
    expect(lArith(p)).toBe(25.75);
    expect(lTilde(p)).toBeCloseTo(50.0075, 4);
    const gQm = ef21Gamma(p, 0.5);
    const gAm = ef21AmGamma(p, 0.5);
    expect(Math.abs(gQm - EXAMPLE.gammaQm)).toBeLessThanOrEqual(transcriptionTolerance(EXAMPLE.gammaQm, 5));
    expect(Math.abs(gAm - EXAMPLE.gammaAm)).toBeLessThanOrEqual(transcriptionTolerance(EXAMPLE.gammaAm, 6));
    expect(Math.abs(gAm / gQm - EXAMPLE.ratio)).toBeLessThanOrEqual(transcriptionTolerance(EXAMPLE.ratio, 4));
    expect(transcriptionTolerance(1.666, 4)).toBeCloseTo(0.0005, 15);
  });

  it('src/algorithms/ef21-w.ts passes the weight and step checks; EF21-W degenerated into EF21 fails both', () => {
    const judge = (trials: ReturnType<typeof weightTrials>) => verdictOverTrials(ctx, 'identity', trials).status;
    expect(judge(weightTrials(key(1), 20, srcImplementation))).toBe('pass');
    expect(judge(stepTrials(key(2), 20, srcImplementation))).toBe('pass');
    expect(judge(weightTrials(key(1), 20, degenerate))).toBe('fail');
    expect(judge(stepTrials(key(2), 20, degenerate))).toBe('fail');
  });

  it('the larger step pays: EF21-W at γ_AM reaches ‖∇f‖² ≤ 1e-10·‖∇f(x⁰)‖² in fewer rounds than EF21 at γ_QM', () => {
    const p = isotropicNodes(EXAMPLE.Li, EXAMPLE.d);
    const run = (alg: Parameters<typeof trajectory>[0]) => trajectory(alg, exactOracle(p), 120, key(1));
    const C = topK(EXAMPLE.d, 1);
    const x0 = Float64Array.of(1, -2);
    const qm = run(ef21({ gamma: ef21Gamma(p, EXAMPLE.alpha), compressor: C, x0 }));
    const w = run(ef21W({ gamma: ef21AmGamma(p, EXAMPLE.alpha), compressor: C, x0 }));
    const rows = convergenceComparison(qm, w, 0, 0, 120).table.rows.map((row) => row[2]);
    expect(typeof rows[1]).toBe('number');
    expect(rows[1] as number).toBeLessThan(rows[0] as number);
  });
});
