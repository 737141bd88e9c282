/**
 * The simulators against the exact law (claim (iii) of diana-linear-convergence): the exact expectations of
 * diana-exact-curves.ts are only worth checking against if they are the laws of src/algorithms/diana.ts and
 * compressed-gd.ts, so both are run from the same start and compared at one round t, two-sided at z = 6. The
 * teeth asks the same comparison to resolve a transcription error (the shift step halved, α/2); the shared-randomness
 * law is shown beside them (docs/theory.md §A2.3; docs/unbiased-compression.md).
 */
import { compressedGd } from '../../../src/algorithms/compressed-gd.ts';
import type { DianaParameters } from '../../../src/algorithms/diana-parameters.ts';
import { diana } from '../../../src/algorithms/diana.ts';
import { trajectory } from '../../../src/algorithms/run.ts';
import { randK } from '../../../src/compressors/rand-k.ts';
import { dist2sq, mean } from '../../../src/linalg/vector.ts';
import { exactOracle } from '../../../src/oracles/exact.ts';
import { foldIn, type Key } from '../../../src/rng/key.ts';
import { meanSe, type MeanSe } from '../../../src/stats/mean-se.ts';
import {
  lowerInExpectationVerdict,
  upperInExpectationVerdict,
  verdictOverTrials,
  type Verdict,
} from '../../../src/report/verdict.ts';
import type { TableSpec, Trial } from '../../types.ts';
import type { ClaimContext } from '../../_lib/claim-context.ts';
import type { ConditionedInstance } from './conditioned-instance.ts';
import { compressedGdExactCurve, dianaExactCurves } from './diana-exact-curves.ts';

/** DIANA's E‖x^t − x*‖², E σ_t² and compressed GD's E‖x^t − x*‖² at the checked round. */
export interface LawAt {
  readonly e2: number;
  readonly sigma2: number;
  readonly cgd: number;
}

export interface SimulatorLaw {
  readonly runs: number;
  readonly rounds: number;
  readonly exact: LawAt;
  /** One subset for every node: shown, not checked. */
  readonly shared: LawAt;
  /** DIANA with the shift step α/2 (the teeth); compressed GD has no shift step, so its entry repeats `exact`. */
  readonly halfShift: LawAt;
  readonly simulated: { readonly e2: MeanSe; readonly sigma2: MeanSe; readonly cgd: MeanSe };
  /** ‖h − (1/n)Σ_i h_i‖² per DIANA run: the master's h must stay the mean of the shifts. */
  readonly bookkeeping: Trial[];
}

export interface SimulatorRuns {
  readonly runs: number;
  readonly rounds: number;
  /** Run s of diana.ts draws from foldIn(dianaKey, s), of compressed-gd.ts from foldIn(cgdKey, s). */
  readonly dianaKey: Key;
  readonly cgdKey: Key;
}

/** Exact laws and `runs` simulated runs of both methods at the derived rule, scaled rand-k with this k. */
export function simulatorLaw(
  inst: ConditionedInstance,
  k: number,
  par: DianaParameters,
  o: SimulatorRuns,
): SimulatorLaw {
  const { runs, rounds } = o;
  const n = inst.problem.n;
  const C = randK(inst.problem.dim, k, { scaled: true });
  const oracle = exactOracle(inst.problem);
  const at = (law: { e2: number[]; sigma2: number[] }, cgd: number[]): LawAt => ({
    e2: law.e2[rounds],
    sigma2: law.sigma2[rounds],
    cgd: cgd[rounds],
  });
  const exactCgd = compressedGdExactCurve(inst, k, par.gamma, rounds);
  const simE2: number[] = [];
  const simSigma2: number[] = [];
  const simCgd: number[] = [];
  const bookkeeping: Trial[] = [];
  const dianaAlg = diana({ gamma: par.gamma, alpha: par.alpha, compressor: C, x0: inst.x0 });
  const cgdAlg = compressedGd({ gamma: par.gamma, compressor: C, x0: inst.x0 });
  for (let s = 0; s < runs; s++) {
    const fin = trajectory(dianaAlg, oracle, rounds, foldIn(o.dianaKey, s), { record: rounds }).final;
    simE2.push(dist2sq(fin.x, inst.xStar));
    let sg = 0;
    for (let i = 0; i < n; i++) sg += dist2sq(fin.hi[i], inst.gradStar[i]) / n;
    simSigma2.push(sg);
    const hScale = fin.hi.reduce((m, v) => m + dist2sq(v, new Float64Array(v.length)), 0) / n;
    bookkeeping.push({ lhs: dist2sq(fin.h, mean(fin.hi)), rhs: 0, scale: hScale, instance: { run: s } });
    const cgdFinal = trajectory(cgdAlg, oracle, rounds, foldIn(o.cgdKey, s), { record: rounds }).final;
    simCgd.push(dist2sq(cgdFinal.x, inst.xStar));
  }
  return {
    runs,
    rounds,
    exact: at(dianaExactCurves(inst, k, par, rounds), exactCgd),
    shared: at(
      dianaExactCurves(inst, k, par, rounds, 'shared'),
      compressedGdExactCurve(inst, k, par.gamma, rounds, 'shared'),
    ),
    halfShift: at(dianaExactCurves(inst, k, { ...par, alpha: par.alpha / 2 }, rounds), exactCgd),
    simulated: { e2: meanSe(simE2), sigma2: meanSe(simSigma2), cgd: meanSe(simCgd) },
    bookkeeping,
  };
}

/** Each simulated mean against its exact value, both ways, then the bookkeeping identity; and the α/2 teeth. */
export function simulatorVerdicts(ctx: ClaimContext, law: SimulatorLaw): { verdicts: Verdict[]; teeth: Verdict } {
  const { runs, rounds, exact, simulated } = law;
  const where = `(${runs} runs, t = ${rounds})`;
  const twoSided = (what: string, stats: MeanSe, value: number, claim: string): Verdict[] => [
    upperInExpectationVerdict(
      { ...ctx, check: `simulator against the exact law, ${what}: mean ≤ exact ${where}`, claim: `${claim} ≤ exact` },
      { stats, bound: value },
    ),
    lowerInExpectationVerdict(
      { ...ctx, check: `simulator against the exact law, ${what}: mean ≥ exact ${where}`, claim: `${claim} ≥ exact` },
      { stats, bound: value },
    ),
  ];
  const dianaRuns = 'over diana.ts runs';
  return {
    verdicts: [
      ...twoSided('DIANA E‖x^t − x*‖²', simulated.e2, exact.e2, `mean of ‖x^t − x*‖² ${dianaRuns}`),
      ...twoSided('DIANA E σ_t²', simulated.sigma2, exact.sigma2, `mean of σ_t² ${dianaRuns}`),
      ...twoSided(
        'compressed GD E‖x^t − x*‖²',
        simulated.cgd,
        exact.cgd,
        'mean of ‖x^t − x*‖² over compressed-gd.ts runs',
      ),
      verdictOverTrials(
        {
          ...ctx,
          check: `bookkeeping: the master's h equals (1/n)Σ h_i after ${rounds} rounds, every run`,
          claim: '‖h − (1/n)Σ_i h_i‖² = 0 (to rounding)',
        },
        'identity',
        law.bookkeeping,
        { rtol: 1e-24 },
      ),
    ],
    teeth: lowerInExpectationVerdict(
      {
        ...ctx,
        check: `teeth: the simulator's shifts against the exact law with the shift step halved, α/2 ${where}`,
        claim: 'mean σ_t² over diana.ts runs ≥ exact E σ_t² at α/2',
        expectation: 'may-fail',
      },
      { stats: simulated.sigma2, bound: law.halfShift.sigma2 },
    ),
  };
}

export function simulatorTable(law: SimulatorLaw): TableSpec {
  const { exact, shared, halfShift, simulated } = law;
  const pm = (s: MeanSe): string => `${s.mean.toPrecision(6)} ± ${s.se.toPrecision(2)}`;
  return {
    title: `Simulators against the exact law at t = ${law.rounds} (instance 0, ${law.runs} runs each)`,
    columns: [
      'quantity',
      'exact (independent)',
      'simulated mean ± se',
      'exact with α/2 (teeth)',
      'exact under shared randomness',
    ],
    rows: [
      ['DIANA E‖x^t − x*‖²', exact.e2, pm(simulated.e2), halfShift.e2, shared.e2],
      ['DIANA E σ_t²', exact.sigma2, pm(simulated.sigma2), halfShift.sigma2, shared.sigma2],
      ['compressed GD E‖x^t − x*‖²', exact.cgd, pm(simulated.cgd), '—', shared.cgd],
    ],
    caption:
      'Shared randomness applies one linear map to every node, so the aggregate is the one-node law on f: naive compressed GD then converges (its compressed ∇f(x) vanishes at x*), and DIANA at the independent-compressor step γ slows down.',
  };
}
