/**
 * The runs behind batch-free-at-batch-one (docs/theory.md §5.5; docs/momentum-table.md): every row of the complexity
 * table at every batch B of the same sample budget S (batch B buys S/B rounds), each method's learning rate tuned on
 * one grid of powers of 2 (fixed-budget-runs.ts); and, for the σ = 0 teeth, EF21-SGD and EF21-SGDM with exact
 * gradients for the rounds of the largest batch. Plus the per-stream log errors the claim compares.
 */
import { topK } from '../../../src/compressors/top-k.ts';
import { exactOracle } from '../../../src/oracles/exact.ts';
import { minibatchOracle } from '../../../src/oracles/minibatch.ts';
import type { LogisticProblem } from '../../../src/problems/logistic-regression.ts';
import { foldIn, type Key } from '../../../src/rng/key.ts';
import { runArm, type ArmSizes, type MethodOnArm } from './fixed-budget-runs.ts';
import { TABLE_METHODS, tableMethod, type TableMethodId } from './table-methods.ts';

export interface TableSizes {
  /** S, samples per node; S/B must be a multiple of 16 for every batch. */
  readonly samples: number;
  /** Batches B, increasing; the first is 1 and the last is B_max. */
  readonly batches: readonly number[];
  /** Learning rates tried: 2^e for e in [lo, hi]. */
  readonly gridExponents: readonly [number, number];
  readonly tuningStreams: number;
  readonly evaluationStreams: number;
}

/** The fewest exact-gradient rounds of the σ = 0 teeth (the default budget's S/B_max is 128). */
const EXACT_ROUNDS_MIN = 64;
/**
 * 2^lo, …, 2^hi.
 * @example
 * powerGrid([-2, 1]);
 * // returns [0.25, 0.5, 1, 2]
 */
export function powerGrid([lo, hi]: readonly [number, number]): number[] {
  return Array.from({ length: hi - lo + 1 }, (_, i) => 2 ** (lo + i));
}

/** Top-k's d and k, and the scale of x⁰ ~ N(0, startScale² I). */
export interface TableCompression {
  readonly dim: number;
  readonly k: number;
  readonly startScale: number;
}

export interface TableRuns {
  readonly sizes: TableSizes;
  readonly grid: number[];
  /** arms[b][j]: TABLE_METHODS[j] at batches[b]. */
  readonly arms: MethodOnArm[][];
  /** Batch 1 and B_max. */
  readonly first: MethodOnArm[];
  readonly last: MethodOnArm[];
  readonly bMax: number;
  /** [EF21-SGD, EF21-SGDM] with exact gradients for exactRounds = S/B_max rounds. */
  readonly exact: MethodOnArm[];
  readonly exactRounds: number;
}

/** Every row at every batch on keys foldIn(foldIn(root, 1), B); the σ = 0 arm on foldIn(root, 2). */
export function runTable(problem: LogisticProblem, sizes: TableSizes, c: TableCompression, root: Key): TableRuns {
  const compressor = topK(c.dim, c.k);
  const grid = powerGrid(sizes.gridExponents);
  const armSizes: ArmSizes = {
    grid,
    tuningStreams: sizes.tuningStreams,
    evaluationStreams: sizes.evaluationStreams,
    startScale: c.startScale,
  };
  // Every row of the table at every batch, at the same budget S: batch B buys S/B rounds.
  const arms = sizes.batches.map((B) =>
    runArm(
      TABLE_METHODS,
      compressor,
      { oracle: minibatchOracle(problem, B), rounds: sizes.samples / B },
      armSizes,
      foldIn(foldIn(root, 1), B),
    ),
  );
  const bMax = sizes.batches[sizes.batches.length - 1];
  // σ = 0, the limit of a growing batch: exact gradients for the rounds of the largest batch, only the two rows of
  // the teeth. Those rounds are few enough that neither method reaches round-off (at S rounds of the default budget
  // EF21 reached 1e-32 and the comparison would be between two rounding floors), but at least EXACT_ROUNDS_MIN:
  // the quick budget's 16 left the momentum rows so close to their start that the ordering was unresolved on some
  // seeds (mean/se 3.7 at seed 133599061 against t = 9.5).
  const exactRounds = Math.max(sizes.samples / bMax, EXACT_ROUNDS_MIN);
  const exact = runArm(
    [tableMethod('ef21-sgd'), tableMethod('ef21-sgdm')],
    compressor,
    { oracle: exactOracle(problem), rounds: exactRounds },
    armSizes,
    foldIn(root, 2),
  );
  return { sizes, grid, arms, first: arms[0], last: arms[arms.length - 1], bMax, exact, exactRounds };
}

/** ln S per evaluation stream. */
export function lnScores(r: MethodOnArm): number[] {
  return r.scores.map((s) => Math.log(s));
}

/** The row of `id` on an arm run over TABLE_METHODS. */
export function rowOf(arm: readonly MethodOnArm[], id: TableMethodId): MethodOnArm {
  return arm[TABLE_METHODS.findIndex((m) => m.id === id)];
}

/** ρ_B = ln S(EF21-SGD) − ln S(EF21-SGDM) per stream on an arm: EF21-SGD's disadvantage at that batch. */
export function lnGap(arm: readonly MethodOnArm[]): number[] {
  const ref = lnScores(rowOf(arm, 'ef21-sgdm'));
  return lnScores(rowOf(arm, 'ef21-sgd')).map((v, s) => v - ref[s]);
}
