import { describe, expect, it } from 'vitest';
import { ef21 } from '../../src/algorithms/ef21.ts';
import { topK } from '../../src/compressors/top-k.ts';
import { exactOracle } from '../../src/oracles/exact.ts';
import { lArith, lTilde } from '../../src/problems/types.ts';
import { key } from '../../src/rng/key.ts';
import { verdictOverTrials } from '../../src/report/verdict.ts';
import { ef21AmGamma, ef21Gamma } from '../ef21/_lib/constants.ts';
import { check, EXAMPLE, isotropicNodes, transcriptionTolerance } from './ef21w-step-gain.ts';
import { srcImplementation, stepTrials, weightTrials, type EF21WImplementation } from './_lib/implementation-trials.ts';

const ctx = { id: 'ef21w-step-gain', claim: 'spec', check: 'spec', seed: 1, budget: 'quick', provenance: 'D' } as const;

/** EF21-W degenerated into EF21: uniform weights, and EF21's own step (mean aggregate, targets ∇f_i). */
const degenerate: EF21WImplementation = {
  weights: (problem) => new Array<number>(problem.n).fill(1 / problem.n),
  step: (problem, gamma, k, state) => ef21({ gamma, compressor: topK(problem.dim, k) }).step({ ...state, g: state.gi[0].map((_, j) => state.gi.reduce((s, g) => s + g[j], 0) / state.gi.length) }, exactOracle(problem), key(0)),
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

  it('check(): the implementation, the transcribed numbers, EF21-W ≡ EF21 and the adversary hold; every companion fails as it should', async () => {
    const r = await check(1, 'quick');
    expect(r.verdicts.map((v) => [v.expectation, v.status, v.violated])).toEqual([
      ['holds', 'pass', false],
      ['holds', 'pass', false],
      ['holds', 'pass', false],
      ['holds', 'pass', false],
      ['holds', 'pass', false],
      ['holds', 'pass', false],
      ['may-fail', 'pass', true],
      ['may-fail', 'pass', true],
      ['may-fail', 'pass', true],
      ['holds', 'pass', false],
      ['may-fail', 'pass', true],
    ]);
    // EF21-W at γ_AM reaches the threshold in fewer rounds than EF21 at γ_QM.
    const rounds = r.tables?.[1].rows.map((row) => row[2] as number) ?? [];
    expect(rounds[1]).toBeLessThan(rounds[0]);
  });
});
