/**
 * EF-SGD runs accounted for total error (docs/theory.md §8): the memories left after each message, the entries
 * every message transmitted (replayed from the run's own gradients and memories), and the hard threshold λ matched
 * by bisection to a budget of entries.
 */
import { ef14, type EF14State } from '../../../src/algorithms/ef14.ts';
import { replayGradients } from '../../../src/algorithms/ef14-virtual-iterate.ts';
import { trajectory } from '../../../src/algorithms/run.ts';
import { hardThreshold } from '../../../src/compressors/hard-threshold.ts';
import type { Compressor } from '../../../src/compressors/types.ts';
import { nnz, norm2sq } from '../../../src/linalg/vector.ts';
import type { Oracle } from '../../../src/oracles/types.ts';
import type { Key } from '../../../src/rng/key.ts';
import type { LineFigure } from '../../types.ts';

export interface Setup {
  readonly oracle: Oracle;
  readonly gamma: number;
}

/** What one EF-SGD run transmitted and kept. */
export interface RunAccount {
  /** Σ_t (1/n)Σ_i‖e_i^t‖² over the memories left after each message (states t = 0…T). */
  readonly totalError: number;
  /** Entries transmitted by all nodes over all T + 1 messages. */
  readonly totalEntries: number;
  /** (1/n)Σ_i‖e_i^t‖² per state t. */
  readonly errorPerRound: number[];
  /** Mean entries per node per message, per state t. */
  readonly entriesPerRound: number[];
  /** Coordinates where the replayed p − C(p) differs from the run's memory (0: the replay is the run). */
  readonly mismatches: number;
  readonly finalGradNormSq: number;
  readonly finalGap: number;
}

/**
 * Runs EF-SGD (ef14.ts) for T rounds and accounts for it. C must be deterministic: the messages c_i = C(p_i) are
 * recomputed from the replayed gradients and memories (p_i = ĝ_i(x^t) + e_i^{t−1}), since states keep only their mean.
 */
export function accountRun(s: Setup, C: Compressor, T: number, runKey: Key): RunAccount {
  if (!C.deterministic)
    throw new RangeError(`hard-threshold-total-error: ${C.name} is random; messages cannot be replayed`);
  // Metrics only at the end (record = T): the full-data f and ∇f each round would dominate the cost.
  const run = trajectory(ef14({ gamma: s.gamma, compressor: C }), s.oracle, T, runKey, {
    keepStates: true,
    record: Math.max(1, T),
  });
  const states: readonly EF14State[] = run.states ?? [];
  const grads = replayGradients(states, s.oracle, runKey);
  const n = s.oracle.problem.n;
  const errorPerRound: number[] = [];
  const entriesPerRound: number[] = [];
  let totalError = 0;
  let totalEntries = 0;
  let mismatches = 0;
  for (let t = 0; t < states.length; t++) {
    let err = 0;
    let entries = 0;
    for (let i = 0; i < n; i++) {
      const p = grads[t][i].slice();
      if (t > 0) for (let j = 0; j < p.length; j++) p[j] += states[t - 1].ei[i][j];
      const c = C.compress(p, runKey);
      entries += nnz(c);
      const e = states[t].ei[i];
      for (let j = 0; j < p.length; j++) if (p[j] - c[j] !== e[j]) mismatches++; // ef14.ts computes e = p − c with the same two roundings
      err += norm2sq(e) / n;
    }
    errorPerRound.push(err);
    entriesPerRound.push(entries / n);
    totalError += err;
    totalEntries += entries;
  }
  return {
    totalError,
    totalEntries,
    errorPerRound,
    entriesPerRound,
    mismatches,
    finalGradNormSq: run.gradNormSq[run.gradNormSq.length - 1],
    finalGap: run.f[run.f.length - 1] - s.oracle.problem.fInf,
  };
}

/**
 * The hard threshold matched to a budget of entries: bisection on log λ between λ_lo (too many entries) and λ_hi
 * (within budget), keeping the feasible end, until the feasible end is within `slack` (relative; at least one
 * entry) of the budget, the bracket is below 10⁻⁶ relative, or `iterations` halvings are spent. The entry count
 * need not be monotone in λ along a run (the trajectory changes with λ), so this finds a crossing, not necessarily
 * the best feasible λ; the result is always within budget.
 * `around` (e.g. the λ matched on another stream of the same problem) narrows the first bracket to around/1.15…1.15·around
 * when its ends are on the right sides of the budget, which saves most of the halvings; otherwise the wide bracket
 * [10⁻⁸, 10³]·max|∇f_1(x⁰)| is used.
 */
/** Half-width factor of the warm bracket (λ matched on 5 streams of the default setting spread over ±1%). */
const AROUND = 1.15;

export function matchThreshold(
  s: Setup,
  budget: number,
  T: number,
  runKey: Key,
  iterations = 40,
  slack = 0.002,
  around?: number,
): { lambda: number; account: RunAccount; iterations: number } {
  const d = s.oracle.problem.dim;
  const g0 = s.oracle.problem.gradI(0, new Float64Array(d));
  let scale = 0;
  for (const v of g0) scale = Math.max(scale, Math.abs(v));
  const at = (lambda: number): RunAccount => accountRun(s, hardThreshold(d, lambda), T, runKey);
  let lo = 1e-8 * scale;
  let hi = 1e3 * scale;
  let best: RunAccount | undefined;
  if (around !== undefined) {
    const top = at(AROUND * around);
    if (top.totalEntries <= budget && at(around / AROUND).totalEntries > budget) {
      lo = around / AROUND;
      hi = AROUND * around;
      best = top;
    }
  }
  best ??= at(hi);
  if (best.totalEntries > budget)
    throw new RangeError(`hard-threshold-total-error: λ = ${hi} still exceeds the budget`);
  let used = 0;
  // λ to 1e-6 relative is far finer than the entry count resolves; close enough is slack·budget or one entry.
  for (; used < iterations && hi / lo > 1 + 1e-6; used++) {
    const mid = Math.sqrt(lo * hi);
    const acc = at(mid);
    if (acc.totalEntries <= budget) {
      hi = mid;
      best = acc;
      if (budget - acc.totalEntries <= Math.max(1, slack * budget)) break;
    } else {
      lo = mid;
    }
  }
  return { lambda: hi, account: best, iterations: used };
}

/** The first run's compression error and entries sent per round, top-k against the matched hard threshold. */
export function totalErrorFigures(
  first: { readonly top: RunAccount; readonly hard: RunAccount; readonly lambda: number },
  K: number,
  d: number,
): LineFigure[] {
  const deltaSq = d * first.lambda ** 2;
  const series = (ys: readonly number[]): [number, number][] => ys.map((y, t) => [t, y] as [number, number]);
  return [
    {
      kind: 'line',
      name: 'error-per-round',
      title: 'Compression error per round, (1/n)Σ_i‖e_i^t‖², first run',
      x: { label: 'round t' },
      y: { label: '(1/n)Σ_i‖e_i^t‖²', log: true },
      series: [
        { name: `top-k (k = ${K})`, points: series(first.top.errorPerRound) },
        { name: `hard threshold (λ = ${first.lambda.toPrecision(3)})`, points: series(first.hard.errorPerRound) },
        {
          name: 'Δ² = dλ², the hard threshold’s absolute bound',
          points: series(first.hard.errorPerRound.map(() => deltaSq)),
          reference: true,
        },
      ],
      caption:
        'The hard threshold spends its budget unevenly: many entries while the memories are large, few later, so its error never has top-k’s early peak; most of top-k’s excess total error comes from those first rounds, after which both settle near the same level. The hard threshold’s memories stay below Δ² = dλ² (the absolute contract ef-sgd-absolute-bound builds on), well below it.',
    },
    {
      kind: 'line',
      name: 'entries-per-round',
      title: 'Entries sent per node per round, first run',
      x: { label: 'round t' },
      y: { label: 'entries per node', log: true },
      series: [
        { name: `top-k (k = ${K})`, points: series(first.top.entriesPerRound) },
        { name: 'hard threshold', points: series(first.hard.entriesPerRound) },
      ],
      caption:
        'Top-k sends exactly k entries per round; the hard threshold’s count varies over the run (rounds with 0 entries are not drawn on the log scale).',
    },
  ];
}
