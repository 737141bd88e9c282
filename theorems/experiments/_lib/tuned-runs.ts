/**
 * The machinery the paper-experiment files share: run a method from the registry on a real-data oracle, score a
 * run by the tail of its ‖∇f(x^t)‖² curve, tune the step size over a stated grid on a tuning stream, repeat the
 * chosen setting over evaluation streams, and turn the repeats into curves (the paired comparisons between them:
 * theorems/_lib/paired-comparison.ts).
 *
 * Streams (docs/design.md §2.4): every method of one experiment uses the SAME tuning key and the SAME evaluation keys
 * (common random numbers). Methods that draw the oracle in the same pattern (EF14, EF21-SGD, EF21-SGDM, EF21-SGD2M
 * all take one minibatch per node per round from split(roundKey)[0]) then see the same minibatch rows, which makes
 * the paired differences between methods far less noisy without biasing them: pairs are i.i.d. across evaluation
 * streams, so mean ± se of the differences is a valid estimate of the difference of expectations.
 * Tuning and evaluation use disjoint streams, so the chosen γ is not selected on the runs that are then compared.
 */
import type { Compressor } from '../../../src/compressors/types.ts';
import { buildMethod, type MethodParams } from '../../../src/algorithms/registry.ts';
import { trajectory } from '../../../src/algorithms/run.ts';
import type { Oracle } from '../../../src/oracles/types.ts';
import { foldIn, type Key } from '../../../src/rng/key.ts';
import { meanSe } from '../../../src/stats/mean-se.ts';
import { fmt } from '../../_lib/fmt.ts';
import type { LineFigure } from '../../../src/report/figure.ts';
import type { TableSpec } from '../../../src/report/claim.ts';

export interface MethodSpec {
  /** Registry id (src/algorithms/registry.ts). */
  readonly id: string;
  /** What tables and legends print, e.g. 'EF21-SGDM (η=0.1)'. */
  readonly label: string;
  /** Hyperparameters other than γ and the compressor (η, bInit, …). */
  readonly params: Omit<MethodParams, 'gamma' | 'compressor'>;
}

/** One recorded run: the metric at the recorded rounds, and where it stopped if it diverged. */
export interface Run {
  readonly rounds: readonly number[];
  readonly gradNormSq: readonly number[];
  readonly bitsPerNode: readonly number[];
  readonly initBitsPerNode: number;
  /** The first non-finite round, or null. */
  readonly divergedAt: number | null;
  /** tailScore of this run. */
  readonly score: number;
}

/** The rounds the score averages over: 6T/8, 7T/8 and T (the last quarter, at the tuning stride). */
export function tailRounds(T: number): number[] {
  if (!(Number.isInteger(T) && T >= 8 && T % 8 === 0))
    throw new RangeError(`tail rounds: need T a positive multiple of 8, got T=${T}`);
  return [(6 * T) / 8, (7 * T) / 8, T];
}

/**
 * The score of a run: the mean of ‖∇f(x^t)‖² over t ∈ tailRounds(T), +∞ when the run diverged. Averaging three
 * points of the last quarter rather than taking x^T alone damps the round-to-round jitter of constant-step SGD.
 * @example
 * tailScore([0, 6, 7, 8], [9, 1, 2, 3], 8, null);
 * // returns 2
 */
export function tailScore(
  rounds: readonly number[],
  gradNormSq: readonly number[],
  T: number,
  divergedAt: number | null,
): number {
  if (divergedAt !== null) return Infinity;
  let s = 0;
  for (const t of tailRounds(T)) {
    const at = rounds.indexOf(t);
    if (at < 0)
      throw new RangeError(`tail score: round ${t} was not recorded (record stride must divide T/8=${T / 8})`);
    s += gradNormSq[at];
  }
  return s / 3;
}

/** Runs `spec` at step γ for T rounds, recording every `stride` rounds (stride must divide T/8). */
export function runMethod(
  spec: MethodSpec,
  gamma: number,
  compressor: Compressor,
  oracle: Oracle,
  T: number,
  k: Key,
  stride: number,
): Run {
  const alg = buildMethod(spec.id, { ...spec.params, gamma, compressor });
  const tr = trajectory(alg, oracle, T, k, { record: stride });
  const divergedAt = tr.diverged === undefined ? null : tr.diverged.round;
  return {
    rounds: tr.rounds,
    gradNormSq: tr.gradNormSq,
    bitsPerNode: tr.bitsPerNode,
    initBitsPerNode: tr.initBitsPerNode,
    divergedAt,
    score: tailScore(tr.rounds, tr.gradNormSq, T, divergedAt),
  };
}

/** The tail scores of repeated runs, stream by stream (what the paired comparisons and the tables read). */
export const runScores = (runs: readonly Run[]): number[] => runs.map((r) => r.score);

/** Index of the smallest finite score (first on ties, i.e. the smaller γ of a sorted grid); 0 if none is finite. */
export function argminFinite(scores: readonly number[]): number {
  let best = 0;
  let bestScore = Infinity;
  for (let j = 0; j < scores.length; j++) {
    if (Number.isFinite(scores[j]) && scores[j] < bestScore) {
      bestScore = scores[j];
      best = j;
    }
  }
  return best;
}

export interface Tuning {
  /** γ of each grid point. */
  readonly gammas: readonly number[];
  readonly scores: readonly number[];
  /** Index of the chosen grid point. */
  readonly best: number;
  readonly gamma: number;
}

/** Runs every grid γ once on the tuning key and keeps the one with the smallest tail score. */
export function tuneStepSize(
  spec: MethodSpec,
  gammas: readonly number[],
  compressor: Compressor,
  oracle: Oracle,
  T: number,
  tuningKey: Key,
): Tuning {
  const scores = gammas.map((gamma) => runMethod(spec, gamma, compressor, oracle, T, tuningKey, T / 8).score);
  const best = argminFinite(scores);
  return { gammas, scores, best, gamma: gammas[best] };
}

/** One arm of an experiment (a batch size, a number of nodes): its oracle, compressor and step-size grid. */
export interface Setting {
  readonly oracle: Oracle;
  readonly compressor: Compressor;
  /** The grid, sorted increasingly. */
  readonly gammas: readonly number[];
}

/** Per method (in the order given): its tuning and its evaluation runs at the chosen γ. */
export interface SettingResult {
  readonly tunings: readonly Tuning[];
  readonly runs: readonly (readonly Run[])[];
}

/**
 * For every setting and method: tune γ on the stream foldIn(root, 1), then run `repeats` evaluation streams
 * foldIn(foldIn(root, 2), s) at the chosen γ, recording every `stride` rounds. Every method and setting sees the
 * same streams.
 */
export function tuneAndEvaluate(
  settings: readonly Setting[],
  methods: readonly MethodSpec[],
  T: number,
  root: Key,
  repeats: number,
  stride: number,
): SettingResult[] {
  if (!(Number.isInteger(stride) && stride >= 1 && (T / 8) % stride === 0))
    throw new RangeError(`tuneAndEvaluate: the stride ${stride} must divide T/8 = ${T / 8}`);
  return settings.map(({ oracle, compressor, gammas }) => {
    const tunings = methods.map((spec) => tuneStepSize(spec, gammas, compressor, oracle, T, foldIn(root, 1)));
    const runs = methods.map((spec, j) =>
      Array.from({ length: repeats }, (_, s) =>
        runMethod(spec, tunings[j].gamma, compressor, oracle, T, foldIn(foldIn(root, 2), s), stride),
      ),
    );
    return { tunings, runs };
  });
}

/** The evaluation scores of method `id` (one of `methods`, in the order the setting's runs are) in one setting. */
export function methodScores(result: SettingResult, methods: readonly Pick<MethodSpec, 'id'>[], id: string): number[] {
  return runScores(result.runs[methods.findIndex((m) => m.id === id)]);
}

/**
 * The pointwise mean of the metric over repeated runs recorded at the same rounds, against rounds or against
 * cumulative bits per node. Points where some repeat had already diverged are left out (a mean over fewer runs
 * would not be the same quantity).
 */
export function meanCurve(runs: readonly Run[], x: 'rounds' | 'bits'): [number, number][] {
  if (runs.length === 0) return [];
  const out: [number, number][] = [];
  const first = runs[0];
  for (let p = 0; p < first.rounds.length; p++) {
    let s = 0;
    let ok = true;
    for (const r of runs) {
      if (r.rounds[p] !== first.rounds[p]) {
        ok = false;
        break;
      }
      s += r.gradNormSq[p];
    }
    if (!ok) break;
    out.push([x === 'rounds' ? first.rounds[p] : first.bitsPerNode[p], s / runs.length]);
  }
  return out;
}

/** Mean ± se of a set of scores, as 'm ± se' text for tables (∞ when some run diverged). */
export function scoreText(scores: readonly number[]): string {
  if (scores.some((s) => !Number.isFinite(s)))
    return `diverged in ${scores.filter((s) => !Number.isFinite(s)).length}/${scores.length}`;
  const { mean, se } = meanSe(scores);
  return `${fmt(mean)} ± ${fmt(se)}`;
}

/** ‖∇f(x^t)‖² against rounds or bits per node, log y, one line per method (mean over evaluation streams). */
export function convergenceFigure(
  name: string,
  title: string,
  x: 'rounds' | 'bits',
  lines: readonly { readonly label: string; readonly runs: readonly Run[] }[],
  caption: string,
): LineFigure {
  return {
    kind: 'line',
    name: `${x}-${name}`,
    title: `${title}: ‖∇f(x^t)‖² against ${x === 'rounds' ? 'rounds' : 'bits sent per node'}`,
    x: { label: x === 'rounds' ? 'round t' : 'bits sent per node (compressed rounds; the initial message excluded)' },
    y: { label: '‖∇f(x^t)‖²', log: true },
    series: lines.map((l) => ({ name: l.label, points: meanCurve(l.runs, x) })),
    caption,
  };
}

/** convergenceFigure against rounds, then against bits. */
export function convergenceFigures(
  name: string,
  title: string,
  lines: readonly { readonly label: string; readonly runs: readonly Run[] }[],
  caption: string,
): LineFigure[] {
  return (['rounds', 'bits'] as const).map((x) => convergenceFigure(name, title, x, lines, caption));
}

/**
 * The step-size tuning table of a sweep: one row per (setting, method), the tail score S on the tuning stream at
 * every grid multiple, the chosen one in brackets.
 */
export function tuningTable(
  axis: string,
  axisValues: readonly number[],
  multiples: readonly number[],
  methods: readonly Pick<MethodSpec, 'label'>[],
  results: readonly Pick<SettingResult, 'tunings'>[],
): TableSpec {
  return {
    title: 'Step-size tuning: tail score S on the tuning stream for each grid point (chosen value in brackets)',
    columns: [axis, 'method', ...multiples.map((m) => `γ_EF21·${m}`)],
    rows: results.flatMap((r, a) =>
      methods.map((spec, j) => [
        axisValues[a],
        spec.label,
        ...r.tunings[j].scores.map((v, g) => (g === r.tunings[j].best ? `[${fmt(v)}]` : fmt(v))),
      ]),
    ),
  };
}
