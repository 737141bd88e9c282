/**
 * The runs behind ef14-without-bounded-gradients, at every spread s of the instance (spread-instance.ts) on the
 * same keys: R runs of EF14-SGD and of EF21-SGDM at EF21-SGDM's theory step (spread-runs.ts), run r drawing x⁰ from
 * foldIn(foldIn(root, 1), r) at every s; and the fixed-budget comparison of the two at tuned steps
 * (fixed-budget-runs.ts, arm key foldIn(root, 2) at every s), plus the report's table.
 */
import type { Compressor } from '../../../src/compressors/types.ts';
import { gaussianOracle } from '../../../src/oracles/gaussian.ts';
import { foldIn, type Key } from '../../../src/rng/key.ts';
import { normal } from '../../../src/rng/sample.ts';
import { lowerInExpectationVerdict, type Verdict, type VerdictContext } from '../../../src/report/verdict.ts';
import { meanSe, type MeanSe } from '../../../src/stats/mean-se.ts';
import type { TableSpec } from '../../types.ts';
import { fmt } from '../../_lib/fmt.ts';
import { runArm, type MethodOnArm } from './fixed-budget-runs.ts';
import { SPREAD_SETTING, spreadProblem } from './spread-instance.ts';
import { spreadRun, type SpreadRun } from './spread-runs.ts';
import { tableMethod } from './table-methods.ts';
import { powerGrid } from './table-runs.ts';

export interface SpreadSizes {
  readonly spreads: readonly number[];
  /** Runs per method and spread of the derived checks, and their rounds T. */
  readonly runs: number;
  readonly rounds: number;
  /** The measured comparison: samples per node at batch 1 (= rounds), the grid 2^lo…2^hi, streams. */
  readonly samples: number;
  readonly gridExponents: readonly [number, number];
  readonly tuningStreams: number;
  readonly evaluationStreams: number;
}

export interface SpreadArm {
  readonly s: number;
  readonly ef14: readonly SpreadRun[];
  readonly sgdm: readonly SpreadRun[];
  /** [EF14-SGD, EF21-SGDM] tuned on the grid and scored on the evaluation streams. */
  readonly tuned: readonly MethodOnArm[];
}

const TUNED = [tableMethod('ef14-sgd'), tableMethod('ef21-sgdm')] as const;

/** Every spread's runs; `gamma` is EF21-SGDM's theory step, used by both methods in the derived checks. */
export function runSpreads(sizes: SpreadSizes, compressor: Compressor, gamma: number, root: Key): SpreadArm[] {
  const { dim, sigma, startScale } = SPREAD_SETTING;
  const grid = powerGrid(sizes.gridExponents);
  return sizes.spreads.map((s) => {
    const oracle = gaussianOracle(spreadProblem(s), sigma);
    const runsOf = (m: (typeof TUNED)[number]): SpreadRun[] =>
      Array.from({ length: sizes.runs }, (_, r) => {
        const k = foldIn(foldIn(root, 1), r);
        const x0 = normal(foldIn(k, 0), dim).map((v) => startScale * v);
        return spreadRun(m.build(gamma, compressor, x0), oracle, sizes.rounds, foldIn(k, 1));
      });
    const tuned = runArm(
      TUNED,
      compressor,
      { oracle, rounds: sizes.samples },
      { grid, tuningStreams: sizes.tuningStreams, evaluationStreams: sizes.evaluationStreams, startScale },
      foldIn(root, 2),
    );
    return { s, ef14: runsOf(TUNED[0]), sgdm: runsOf(TUNED[1]), tuned };
  });
}

/** Mean ± se of one number per run. */
export function over(runs: readonly SpreadRun[], pick: (r: SpreadRun) => number): MeanSe {
  return meanSe(runs.map(pick));
}

/** Lower bounds E[X_s] ≥ b_s, one per spread: the verdict of the spread with the smallest (mean − b)/se. */
export function worstLowerByZ(ctx: VerdictContext, items: readonly { stats: MeanSe; bound: number }[]): Verdict {
  const z = (it: { stats: MeanSe; bound: number }): number => (it.stats.mean - it.bound) / it.stats.se;
  const worst = items.reduce((w, it) => (z(it) < z(w) ? it : w));
  return lowerInExpectationVerdict({ ...ctx, details: { ...(ctx.details ?? {}), spreads: items.length } }, worst);
}

/** One row per spread: what (a)–(c) see, and the tuned comparison's steps and errors. */
export function spreadTable(arms: readonly SpreadArm[], bgLower: (s: number) => number, bound: number): TableSpec {
  const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    title: 'Per spread s: the BG constant along EF14-SGD’s trajectory, its memory, and both methods’ errors',
    columns: [
      's',
      'ζ² + σ²',
      'EF14: mean (1/n)Σ‖ĝ_i‖²',
      'EF14: max ‖ĝ_i‖²',
      'EF14: max ‖e_i‖/max‖ĝ_i‖',
      'EF14 at γ: mean ‖∇f‖²',
      'EF21-SGDM at γ: mean ‖∇f‖²',
      'EF21-SGDM bound',
      'tuned γ (EF14, EF21-SGDM)',
      'tuned error, mean over streams (EF14, EF21-SGDM)',
    ],
    rows: arms.map((a) => [
      a.s,
      bgLower(a.s),
      over(a.ef14, (r) => r.meanDrawnSq).mean,
      Math.max(...a.ef14.map((r) => r.maxDrawnSq)),
      Math.max(...a.ef14.map((r) => (r.memory === undefined ? 0 : r.memory.norm / r.memory.drawn))),
      over(a.ef14, (r) => r.meanGradNormSq).mean,
      over(a.sgdm, (r) => r.meanGradNormSq).mean,
      bound,
      `${fmt(a.tuned[0].tuning.rate)}, ${fmt(a.tuned[1].tuning.rate)}`,
      `${fmt(mean(a.tuned[0].scores))}, ${fmt(mean(a.tuned[1].scores))}`,
    ]),
  };
}
