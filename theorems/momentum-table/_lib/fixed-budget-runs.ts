/**
 * Runs at a fixed sample budget: every method of the complexity table draws one minibatch of B samples per node per
 * round, so a budget of S samples per node is T = S/B rounds. A run is scored by the error it has reached at the end
 * of the budget, the mean of ‖∇f(x^t)‖² over the last quarter (recorded every T/16 rounds), which damps the
 * round-to-round jitter of a constant step. Each method's learning rate is tuned on a stated grid on tuning streams,
 * then run on evaluation streams shared by every method (common random numbers, docs/design.md §2.4): stream s
 * draws its start x⁰ and its run key from foldIn(evaluation, s), and the methods draw their minibatch rows in round
 * t from the same key (each takes its noise key as split(round key)[0]), so the per-stream differences between
 * methods are paired and i.i.d. across streams.
 */
import { trajectory } from '../../../src/algorithms/run.ts';
import type { Compressor } from '../../../src/compressors/types.ts';
import type { Oracle } from '../../../src/oracles/types.ts';
import { foldIn, type Key } from '../../../src/rng/key.ts';
import { normal } from '../../../src/rng/sample.ts';
import type { TableMethod } from './table-methods.ts';

/** Points of the last quarter the score averages (t = 12T/16 … T). */
export const RECORDS_PER_RUN = 16;

/**
 * The score of one run: mean of ‖∇f(x^t)‖² over recorded t ≥ 3T/4; +∞ when the run diverged.
 * @example
 * tailScore([0, 4, 8, 12, 16], [9, 9, 9, 2, 4], 16, false);
 * // returns 3
 */
export function tailScore(
  rounds: readonly number[],
  gradNormSq: readonly number[],
  T: number,
  diverged: boolean,
): number {
  if (diverged) return Infinity;
  let s = 0;
  let c = 0;
  for (let i = 0; i < rounds.length; i++) {
    if (4 * rounds[i] >= 3 * T) {
      s += gradNormSq[i];
      c++;
    }
  }
  if (c === 0) throw new RangeError(`tail score: no recorded round in the last quarter of T=${T}`);
  return s / c;
}

/** One arm of the comparison: an oracle (its batch) and the rounds the budget buys. */
export interface Arm {
  readonly oracle: Oracle;
  /** T = S/B, a multiple of RECORDS_PER_RUN. */
  readonly rounds: number;
}

export interface ArmSizes {
  /** Learning rates tried, increasing. */
  readonly grid: readonly number[];
  readonly tuningStreams: number;
  readonly evaluationStreams: number;
  /** x⁰ ~ N(0, startScale² I), drawn per stream. */
  readonly startScale: number;
}

/** A method's tuning on one arm: the mean tuning score of each grid rate and the one kept. */
export interface Tuning {
  readonly scores: readonly number[];
  readonly best: number;
  readonly rate: number;
}

export interface MethodOnArm {
  readonly tuning: Tuning;
  /** The evaluation streams' scores at the tuned rate, stream by stream. */
  readonly scores: readonly number[];
  /** Uplink bits per node the first evaluation run spent over the whole budget, its initial message included. */
  readonly bitsPerNode: number;
}

/** One scored run. */
export interface StreamRun {
  readonly score: number;
  /** Uplink bits per node over the run, the initial message included. */
  readonly bits: number;
}

/** Score of `method` at `rate` on the stream with key k: x⁰ from foldIn(k, 0), the run from foldIn(k, 1). */
export function streamScore(
  method: TableMethod,
  rate: number,
  compressor: Compressor,
  arm: Arm,
  k: Key,
  startScale: number,
): StreamRun {
  const T = arm.rounds;
  if (!(Number.isInteger(T) && T >= RECORDS_PER_RUN && T % RECORDS_PER_RUN === 0)) {
    throw new RangeError(`fixed-budget run: need T a positive multiple of ${RECORDS_PER_RUN}, got T=${T}`);
  }
  const x0 = normal(foldIn(k, 0), arm.oracle.problem.dim).map((v) => startScale * v);
  const run = trajectory(method.build(rate, compressor, x0), arm.oracle, T, foldIn(k, 1), {
    record: T / RECORDS_PER_RUN,
  });
  return {
    score: tailScore(run.rounds, run.gradNormSq, T, run.diverged !== undefined),
    bits: run.final.bitsPerNode + run.initBitsPerNode,
  };
}

/** Index of the smallest finite mean (the smaller rate on ties); 0 when none is finite. */
export function argminFinite(xs: readonly number[]): number {
  let best = 0;
  let value = Infinity;
  xs.forEach((x, j) => {
    if (Number.isFinite(x) && x < value) {
      value = x;
      best = j;
    }
  });
  return best;
}

/**
 * Tunes each method's rate on the streams foldIn(foldIn(armKey, 1), r), then scores it at that rate on the
 * evaluation streams foldIn(foldIn(armKey, 2), s), the same for every method.
 */
export function runArm(
  methods: readonly TableMethod[],
  compressor: Compressor,
  arm: Arm,
  sizes: ArmSizes,
  armKey: Key,
): MethodOnArm[] {
  const tuningKey = foldIn(armKey, 1);
  const evaluationKey = foldIn(armKey, 2);
  return methods.map((method) => {
    const scores = sizes.grid.map((rate) => {
      let s = 0;
      for (let r = 0; r < sizes.tuningStreams; r++)
        s += streamScore(method, rate, compressor, arm, foldIn(tuningKey, r), sizes.startScale).score;
      return s / sizes.tuningStreams;
    });
    const best = argminFinite(scores);
    const rate = sizes.grid[best];
    const runs = Array.from({ length: sizes.evaluationStreams }, (_, s) =>
      streamScore(method, rate, compressor, arm, foldIn(evaluationKey, s), sizes.startScale),
    );
    return { tuning: { scores, best, rate }, scores: runs.map((r) => r.score), bitsPerNode: runs[0].bits };
  });
}
