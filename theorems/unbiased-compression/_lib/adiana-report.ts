/**
 * The report side of adiana-independent-vs-shared: the tuned rounds summarised over instances (geometric means),
 * their log–log exponent in n beside He, Huang, Yuan's unit-constant shape (1 + ω)/(1 + ω/√n) [S] (observed, not
 * judged), the rounds table with the bits saving against AGD and the closed form of docs/theory.md §6.2, the figure
 * and the notes (docs/theory.md §6.1–§6.3, §A1; docs/unbiased-compression.md).
 */
import { indexBits, VALUE_BITS } from '../../../src/compressors/bits.ts';
import { logLogFit, type SlopeFit } from '../../../src/stats/log-log-fit.ts';
import { asObserved, rateVerdict, type Verdict } from '../../../src/report/verdict.ts';
import type { LineFigure, TableSpec } from '../../types.ts';
import type { ClaimContext } from '../../_lib/claim-context.ts';
import type { AdianaLaw } from './adiana-law.ts';
import type { TunedSweep } from './adiana-rounds.ts';

/** The setting the table names: dimension, rand-k's k, ω, κ. */
export interface RoundsTableSetting {
  readonly d: number;
  readonly k: number;
  readonly omega: number;
  readonly kappa: number;
}

/** The sweep over instances: geometric means per n, and the exponent of T*_ind beside that of the shape. */
export interface RoundsSummary {
  readonly nodes: readonly number[];
  readonly instances: number;
  readonly meanRounds: number[];
  readonly meanEta: number[];
  /** null when the published-η rounds were not run. */
  readonly meanPublished: number[] | null;
  readonly agdMean: number;
  /** (1 + ω)/(1 + ω/√n). */
  readonly shape: number[];
  readonly fit: SlopeFit;
  readonly shapeFit: SlopeFit;
}

const geo = (xs: readonly number[]): number => Math.exp(xs.reduce((s, v) => s + Math.log(v), 0) / xs.length);

export function roundsSummary(sweep: TunedSweep, nodes: readonly number[], omega: number): RoundsSummary {
  const column = (rows: readonly (readonly number[])[], a: number): number => geo(rows.map((row) => row[a]));
  const meanRounds = nodes.map((_, a) => column(sweep.rounds, a));
  const shape = nodes.map((n) => (1 + omega) / (1 + omega / Math.sqrt(n)));
  return {
    nodes,
    instances: sweep.rounds.length,
    meanRounds,
    meanEta: nodes.map((_, a) => geo(sweep.params.map((row) => row[a].eta))),
    meanPublished: sweep.published.length === 0 ? null : nodes.map((_, a) => column(sweep.published, a)),
    agdMean: geo(sweep.agd),
    shape,
    fit: logLogFit(nodes, meanRounds),
    shapeFit: logLogFit(nodes, shape),
  };
}

/** The exponent of T*_ind in n against the shape's, observed: five grid points and constants not retrieved. */
export function exponentVerdict(ctx: ClaimContext, s: RoundsSummary): Verdict {
  return asObserved(
    rateVerdict(
      {
        ...ctx,
        check: 'exponent of the tuned rounds in n against He–Huang–Yuan’s shape (1 + ω/√n) with unit constants',
        claim: `slope of ln T*_ind vs ln n ∋ ${(-s.shapeFit.slope).toFixed(3)}`,
      },
      s.fit,
      -s.shapeFit.slope,
    ),
    `five grid points (3 dof) and rate constants that were not retrieved ([S]): the fit is shown, not judged; the η grid's 2^{1/4} steps alone move T* by up to ~9%`,
  );
}

/** `saving[a]` is the closed form saving(ω) of §6.2 at nodes[a]. */
export function roundsTable(s: RoundsSummary, c: RoundsTableSetting, saving: readonly number[]): TableSpec {
  const { meanRounds, fit, shapeFit } = s;
  const bitsAdiana = 2 * c.k * (VALUE_BITS + indexBits(c.d));
  const bitsAgd = c.d * VALUE_BITS;
  const plural = s.instances > 1 ? 's' : '';
  return {
    title: `Exact rounds to E[f(y) − f*] ≤ 10⁻⁶(f(x⁰) − f*) (geometric means over ${s.instances} instance${plural}), d = ${c.d}, ω = ${c.omega}, κ = ${c.kappa}`,
    columns: [
      'n',
      'T*_ind (tuned η)',
      'tuned η·L',
      'T*_shared = T*(1)',
      'saving T*_shared/T*_ind',
      '(1 + ω)/(1 + ω/√n)',
      'T at the published η (independent)',
      'bits saving vs AGD (measured)',
      'saving(ω) closed form §6.2',
    ],
    rows: s.nodes.map((n, a) => [
      n,
      meanRounds[a],
      s.meanEta[a],
      meanRounds[0],
      meanRounds[0] / meanRounds[a],
      s.shape[a],
      s.meanPublished === null ? 'not run at quick' : s.meanPublished[a],
      (s.agdMean * bitsAgd) / (meanRounds[a] * bitsAdiana),
      saving[a],
    ]),
    caption: `AGD needs ${s.agdMean.toFixed(0)} rounds of ${bitsAgd} bits per node; ADIANA sends two rand-1 messages of ${bitsAdiana / 2} bits each per round. The closed form counts one message of d/(1 + ω) values per round and unit constants, so the measured column (which also pays ADIANA's constants against AGD's) is an observation, not a check. Fitted exponent of T*_ind in n: ${fit.slope.toFixed(3)} (95% [${fit.slopeLo.toFixed(3)}, ${fit.slopeHi.toFixed(3)}]); of (1 + ω/√n) on the same grid: ${(-shapeFit.slope).toFixed(3)}.`,
  };
}

export function roundsFigure(s: RoundsSummary): LineFigure {
  const { nodes, meanRounds } = s;
  return {
    kind: 'line',
    name: 'tuned-rounds-vs-n',
    title: 'ADIANA: exact tuned rounds to ε against the number of nodes',
    x: { label: 'n (nodes)', log: true },
    y: { label: 'rounds to ε (tuned η)', log: true },
    series: [
      { name: 'independent rand-1', points: nodes.map((n, a) => [n, meanRounds[a]] as [number, number]) },
      { name: 'shared rand-1 (= one node)', points: nodes.map((n) => [n, meanRounds[0]] as [number, number]) },
      {
        name: 'T*(1)·(1 + ω/√n)/(1 + ω)',
        points: nodes.map((n, a) => [n, meanRounds[0] / s.shape[a]] as [number, number]),
        reference: true,
      },
    ],
    caption:
      'Independent compressors: the stability edge of η grows with n and the rounds fall; shared randomness is the one-node method for every n.',
  };
}

export function roundsNotes(law: AdianaLaw): string[] {
  return [
    `T* is exact: ADIANA's master variables (y, z, w, h̄) and the nodes' mean shift second moment evolve by a closed linear recursion on these common-curvature quadratics (theorems/unbiased-compression/_lib/adiana-moments.ts), checked here against adiana.ts by Monte Carlo (exact ${law.exactGap.toPrecision(6)}, simulated ${law.stats.mean.toPrecision(6)} ± ${law.stats.se.toPrecision(2)}).`,
    'Tuning: η over the grid 2^{−j/4}/L, θ1 = min{1/4, sqrt(ημ/p)}, γ = η/(2(θ1 + ημ)), β = 1 − γμ as in the published rule; α = 1/(1 + ω), θ2 = 1/2 and p from the rule. The best η sits just below the stability edge, which grows about linearly in n with independent compressors and stays at the one-node edge with shared randomness.',
    'At the published η (the default budget shows it) the rounds also fall with n, because that η is itself ∝ n — but there shared randomness falls just as fast: the published step is far below the edge, so the compression variance never limits it. Only near the edge does independence decide the rounds.',
    `With n = 10, ω = 9 the derived DIANA step beats ADIANA at the published parameters up to κ ≈ 500 (docs/theory.md §A1.5, §A1.6); this claim compares randomness modes, not methods.`,
  ];
}
