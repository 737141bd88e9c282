/**
 * The complexity table's "batch-free" column at batch 1 and a fixed sample budget: momentum removes EF21-SGD's
 * disadvantage; BEER and NEOLITHIC are measured beside it.
 *
 * Setting: binary logistic regression with the nonconvex regulariser λΣ_k x_k²/(1 + x_k²), λ = 0.1
 *   (src/problems/logistic-regression.ts), on a fixed seeded synthetic dataset of m = 200 rows in d = 10
 *   (src/data/synthetic.ts, key(7)) split by label over n = 4 nodes (src/data/partition.ts 'by-label'): two nodes
 *   see only one class, two only the other, so ∇f_i(x*) ≠ 0 (heterogeneous) and f is nonconvex. Stochastic
 *   gradients: each node averages B of its rows drawn uniformly with replacement (src/oracles/minibatch.ts). Top-1
 *   (α = 1/10). A budget of S samples per node: every method draws one minibatch per node per round, so batch B
 *   buys T = S/B rounds. x⁰ ~ N(0, I), drawn per stream. Bounded gradients hold here [D]: ‖∇f_ij(x)‖ ≤ ‖a_j‖ +
 *   λ·9√d/(8√3) (the logistic part is −y σ(·) a_j; |2t/(1 + t²)²| ≤ 9/(8√3)), so EF14-SGD's BG and NEOLITHIC's
 *   BGS assumptions both hold and every row of the table is inside its own assumptions.
 * Algorithm: the six rows of the table, each from its own factory (_lib/table-methods.ts): EF14-SGD
 *   (src/algorithms/ef14.ts), NEOLITHIC (neolithic.ts: R = ⌈1/α⌉ = 10 rounds of top-1, so R·K = d entries per
 *   message), EF21-SGD (ef21.ts with the stochastic oracle), BEER (beer.ts, complete graph, consensus step 0.1),
 *   EF21-SGDM and EF21-SGD2M (η = 0.1, not tuned). Each method's learning rate is tuned on one grid of powers of 2
 *   on tuning streams, then run on evaluation streams shared by all methods (_lib/fixed-budget-runs.ts).
 * Claim: with S samples per node at batch 1, each batch-free method of the table — EF21-SGDM, EF21-SGD2M, and
 *   EF14-SGD (BG holds) — reaches a smaller error than EF21-SGD: E[ln S(M) − ln S(EF21-SGD)] ≤ 0, S the mean of
 *   ‖∇f(x^t)‖² over the last quarter of the budget; and the gap closes as the batch grows at the same budget:
 *   with ρ_B = ln S(EF21-SGD) − ln S(EF21-SGDM) at batch B, E[ρ_{B_max} − ρ_1] ≤ 0. Errors are compared on a log
 *   scale (ratios): the per-stream errors are right-skewed and span decades across settings.
 * Kind: experiment. Paired comparisons over evaluation streams (theorems/_lib/paired-comparison.ts), refuted only
 *   if mean − t·se > 0 with t the Student-t critical value of z = 6 on streams − 1 dof (9.5 at the quick budget's
 *   24 streams, 7.4 at default's 48), and reported as observed below 22 streams.
 * Reference: Fatkhullin, Tyurin, Richtárik (2023), "Momentum Provably Improves Error Feedback!", NeurIPS, the
 *   complexity table (docs/theory.md §5.5 [P poster]) and Theorem 1's mechanism for EF21-SGD (§5.2 [M statement, R
 *   instance]); NEOLITHIC per Tyurin's implementation (§A3.1 [P code]; Huang, Chen, Yin, Yuan 2022, arXiv
 *   2206.03665), BEER per its authors' code (§A3.2 [P code]; Zhao, Li, Li, Richtárik, Chi 2022, arXiv
 *   2201.13320). The table states upper bounds; this reading of its batch column as an ordering on one instance,
 *   the instance, the budget and the tuning are this file's [R].
 * Teeth: (a) the reversed orderings (EF21-SGD ahead of each batch-free method; the gap growing with the batch) must
 *   be refuted at z = 6 — the data resolve the sign, not merely fail to contradict it; (b) σ = 0, the limit of a
 *   growing batch (exact gradients for the rounds of the largest batch, S/B_max, short enough that neither method
 *   reaches round-off): no noise for momentum to average, EF21-SGD is EF21, and "EF21-SGDM ahead of EF21-SGD" must
 *   fail.
 * Measured, not judged: BEER and NEOLITHIC against EF21-SGDM at batch 1. Their "not batch-free" in the table is the
 *   batch their analyses ask for, not a lower bound at batch 1, so no theory at hand predicts the sign here; and
 *   NEOLITHIC with top-k at R = ⌈d/K⌉ is lossless, hence distributed SGD at R·K ≥ d entries per round: its price is
 *   communication (the bits column), not samples.
 */
import { topK } from '../../src/compressors/top-k.ts';
import type { Dataset } from '../../src/data/dataset.ts';
import { partition } from '../../src/data/partition.ts';
import { syntheticDataset } from '../../src/data/synthetic.ts';
import { exactOracle } from '../../src/oracles/exact.ts';
import { minibatchOracle } from '../../src/oracles/minibatch.ts';
import { logisticRegression, type LogisticProblem } from '../../src/problems/logistic-regression.ts';
import { lTilde } from '../../src/problems/types.ts';
import { foldIn, key } from '../../src/rng/key.ts';
import { meanSe } from '../../src/stats/mean-se.ts';
import { studentCritical } from '../../src/stats/student-critical.ts';
import { asObserved } from '../../src/report/verdict.ts';
import {
  byBudget,
  theoremFile,
  type Budget,
  type LineFigure,
  type TableSpec,
  type Theorem,
  type TheoremMeta,
  type TheoremResult,
  type Verdict,
} from '../types.ts';
import { claimContext } from '../_lib/claim-context.ts';
import { fmt } from '../_lib/fmt.ts';
import { COMPARISON_COLUMNS, judgedOrObserved, pairedComparison } from '../_lib/paired-comparison.ts';
import { runArm, type ArmSizes, type MethodOnArm } from './_lib/fixed-budget-runs.ts';
import {
  HYPERPARAMETERS,
  TABLE_METHODS,
  tableMethod,
  type TableMethod,
  type TableMethodId,
} from './_lib/table-methods.ts';

export const meta: TheoremMeta = {
  id: 'batch-free-at-batch-one',
  title: 'The complexity table at batch 1 and a fixed sample budget: momentum removes EF21-SGD’s disadvantage',
  group: 'momentum-table',
  paper: { authors: 'Fatkhullin, Tyurin, Richtárik', year: 2023 },
  theorem: 'Complexity table (batch-free column)',
  provenance: 'R',
  kind: 'experiment',
  statement:
    'On a heterogeneous nonconvex logistic regression with top-1 and a fixed sample budget per node, each method’s learning rate tuned on one grid: at batch 1 EF21-SGDM, EF21-SGD2M and EF14-SGD (bounded gradients hold) each reach a smaller error than EF21-SGD, E[ln S(M) − ln S(EF21-SGD)] ≤ 0 paired over streams at z = 6 (S = mean ‖∇f(x^t)‖² over the last quarter of the budget); and the gap ln S(EF21-SGD) − ln S(EF21-SGDM) shrinks from batch 1 to the largest batch at the same budget. BEER and NEOLITHIC are measured, not judged (docs/theory.md §5.5, §A3.1, §A3.2; docs/momentum-table.md)',
  file: theoremFile(import.meta.url),
};

/** The instance (fixed, not drawn from the seed: the claim is about this problem). */
export const SETTING = { rows: 200, dim: 10, nodes: 4, lambda: 0.1, dataKey: 7, k: 1, startScale: 1 } as const;

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

/**
 * quick: the paired tests are judged from 22 streams (t ≤ 10); 24 give t₂₃ ≈ 9.5. 256 samples put batch 1 in the
 *   noise-limited regime where EF21-SGD's floor shows (128 were too few: EF21-SGD2M's double momentum had not mixed
 *   and its comparison lost its power on each of seeds 1–3); batch 16 then leaves 16 rounds. One tuning stream: near
 *   the optimum the grid's neighbouring rates differ by more than a stream's noise (tuning table). Measured on the
 *   loaded 2-core machine: about 1.6 s of CPU for the whole check.
 * default/deep: longer budgets, more streams, a wider grid and more batches (default: about 30 s of CPU).
 */
export const SIZES: Readonly<Record<Budget, TableSizes>> = {
  quick: { samples: 256, batches: [1, 16], gridExponents: [-6, 0], tuningStreams: 1, evaluationStreams: 24 },
  default: { samples: 2048, batches: [1, 4, 16], gridExponents: [-8, 0], tuningStreams: 2, evaluationStreams: 48 },
  deep: { samples: 8192, batches: [1, 4, 16, 64], gridExponents: [-10, 0], tuningStreams: 4, evaluationStreams: 96 },
};

/** The batch-free rows judged against EF21-SGD. */
export const BATCH_FREE: readonly TableMethodId[] = ['ef21-sgdm', 'ef21-sgd2m', 'ef14-sgd'];
/** The rows the table marks "not batch-free" that are measured only. */
export const MEASURED_ONLY: readonly TableMethodId[] = ['beer', 'neolithic'];

/** The dataset of the setting. */
export function settingData(): Dataset {
  return syntheticDataset({ m: SETTING.rows, dim: SETTING.dim, key: key(SETTING.dataKey) });
}

/** The problem of the setting: the dataset split by label over the nodes. */
export function settingProblem(data: Dataset = settingData()): LogisticProblem {
  return logisticRegression(partition(data, SETTING.nodes, { mode: 'by-label' }), { lambda: SETTING.lambda });
}

/**
 * The BG constant [D]: ‖∇f_ij(x)‖ ≤ ‖a_j‖ + ‖∇r(x)‖ ≤ max_j ‖a_j‖ + λ·9√d/(8√3), since the logistic part of ∇f_ij
 * is −y σ(−y a_jᵀx) a_j with σ ∈ (0, 1), and each ∇_k r = 2λx_k/(1 + x_k²)² has |·| ≤ 2λ·max_t t/(1 + t²)² =
 * 2λ·(1/√3)/(4/3)² = λ·9/(8√3), attained at t = 1/√3.
 */
export function boundedGradientConstant(data: Dataset, lambda: number): number {
  let maxNorm = 0;
  for (let r = 0; r < data.m; r++) {
    let s = 0;
    for (let e = data.rowPtr[r]; e < data.rowPtr[r + 1]; e++) s += data.values[e] ** 2;
    maxNorm = Math.max(maxNorm, Math.sqrt(s));
  }
  return maxNorm + (lambda * 9 * Math.sqrt(data.dim)) / (8 * Math.sqrt(3));
}

/** 2^lo, …, 2^hi. */
export function powerGrid([lo, hi]: readonly [number, number]): number[] {
  return Array.from({ length: hi - lo + 1 }, (_, i) => 2 ** (lo + i));
}

const lnScores = (r: MethodOnArm): number[] => r.scores.map((s) => Math.log(s));

/** The row of `id` on an arm run over TABLE_METHODS. */
function rowOf(arm: readonly MethodOnArm[], id: TableMethodId): MethodOnArm {
  return arm[TABLE_METHODS.findIndex((m) => m.id === id)];
}

/** The smallest tuning error of the given rows on an arm. */
function bestOf(arm: readonly MethodOnArm[], ids: readonly TableMethodId[]): number {
  return Math.min(...ids.map((id) => Math.min(...rowOf(arm, id).tuning.scores)));
}

/** mean ± se over streams of ln S(id) − ln S(EF21-SGDM) on an arm. */
function ratioText(arm: readonly MethodOnArm[], id: TableMethodId): string {
  const ref = lnScores(rowOf(arm, 'ef21-sgdm'));
  const r = meanSe(lnScores(rowOf(arm, id)).map((v, s) => v - ref[s]));
  return `${fmt(r.mean)} ± ${fmt(r.se)}`;
}

function scoreText(scores: readonly number[]): string {
  const s = meanSe(scores);
  return `${fmt(s.mean)} ± ${fmt(s.se)}`;
}

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const sizes = byBudget(budget, SIZES);
  const data = settingData();
  const problem = settingProblem(data);
  const compressor = topK(SETTING.dim, SETTING.k);
  const grid = powerGrid(sizes.gridExponents);
  const armSizes: ArmSizes = {
    grid,
    tuningStreams: sizes.tuningStreams,
    evaluationStreams: sizes.evaluationStreams,
    startScale: SETTING.startScale,
  };
  const root = key(seed);
  const ctx = claimContext(meta, seed, budget);
  const sgd = tableMethod('ef21-sgd');
  const sgdm = tableMethod('ef21-sgdm');

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
  const first = arms[0];
  const last = arms[arms.length - 1];
  const bMax = sizes.batches[sizes.batches.length - 1];
  // σ = 0, the limit of a growing batch: exact gradients for the rounds of the largest batch, only the two rows of
  // the teeth. Those rounds are few enough that neither method reaches round-off (at S rounds of the default budget
  // EF21 reached 1e-32 and the comparison would be between two rounding floors).
  const exactRounds = sizes.samples / bMax;
  const exact = runArm(
    [sgd, sgdm],
    compressor,
    { oracle: exactOracle(problem), rounds: exactRounds },
    armSizes,
    foldIn(root, 2),
  );

  const ln1 = (id: TableMethodId): number[] => lnScores(rowOf(first, id));
  const gap = (arm: readonly MethodOnArm[]): number[] => {
    const ref = lnScores(rowOf(arm, 'ef21-sgdm'));
    return lnScores(rowOf(arm, 'ef21-sgd')).map((v, s) => v - ref[s]);
  };
  const label = (id: TableMethodId): string => tableMethod(id).label;

  const judged = [
    ...BATCH_FREE.flatMap((id) => [
      pairedComparison(
        ctx,
        `${label(id)} vs EF21-SGD at batch 1`,
        `E[ln S(${label(id)}) − ln S(EF21-SGD)] ≤ 0 at B = 1`,
        ln1(id),
        ln1('ef21-sgd'),
      ),
      pairedComparison(
        { ...ctx, expectation: 'may-fail' },
        `teeth: reversed, EF21-SGD ahead of ${label(id)} at batch 1`,
        `E[ln S(EF21-SGD) − ln S(${label(id)})] ≤ 0 at B = 1`,
        ln1('ef21-sgd'),
        ln1(id),
      ),
    ]),
    pairedComparison(
      ctx,
      `the gap closes from batch 1 to batch ${bMax}`,
      `E[ρ_${bMax} − ρ_1] ≤ 0, ρ_B = ln S(EF21-SGD) − ln S(EF21-SGDM) at B`,
      gap(last),
      gap(first),
    ),
    pairedComparison(
      { ...ctx, expectation: 'may-fail' },
      `teeth: reversed, the gap grows from batch 1 to batch ${bMax}`,
      `E[ρ_1 − ρ_${bMax}] ≤ 0`,
      gap(first),
      gap(last),
    ),
    pairedComparison(
      { ...ctx, expectation: 'may-fail' },
      `teeth: σ = 0 (exact gradients, ${exactRounds} rounds), EF21-SGDM ahead of EF21-SGD`,
      'E[ln S(EF21-SGDM) − ln S(EF21-SGD)] ≤ 0 at σ = 0',
      lnScores(exact[1]),
      lnScores(exact[0]),
    ),
  ];
  const measured = MEASURED_ONLY.map((id) =>
    pairedComparison(
      ctx,
      `EF21-SGDM vs ${label(id)} at batch 1 (measured)`,
      `E[ln S(EF21-SGDM) − ln S(${label(id)})] ≤ 0 at B = 1`,
      ln1('ef21-sgdm'),
      ln1(id),
    ),
  );
  const observedBecause = (id: TableMethodId): string =>
    id === 'neolithic'
      ? 'the table’s “not batch-free” for NEOLITHIC is the batch its analysis asks for, not a lower bound at batch 1; with top-k and R = ⌈d/K⌉ rounds its compressor is lossless, so at batch 1 it is distributed SGD (src/algorithms/neolithic.test.ts) and no theory predicts it behind EF21-SGDM per sample — its cost is R·K ≥ d entries per round (bits column)'
      : 'the table’s “not batch-free” for BEER is the batch its analysis asks for, not a lower bound at batch 1; its average iterate moves by the mean stochastic gradient exactly (x̄⁺ = x̄ − ηv̄, v̄ = mean_i ĝ_i(x_i), docs/theory.md §A3.2), so compression enters only through the agents’ disagreement and no theory at hand predicts the sign here';
  const verdicts: Verdict[] = [
    ...judged.map((c) => judgedOrObserved(c.verdict)),
    ...measured.map((c, i) => asObserved(c.verdict, observedBecause(MEASURED_ONLY[i]))),
  ];

  const t = studentCritical(Math.max(1, sizes.evaluationStreams - 1), 6);
  const tables: TableSpec[] = [
    {
      title: `The §5.5 table beside what this run measured (S = ${sizes.samples} samples per node; error S = mean ‖∇f(x^t)‖² over the last quarter, mean ± se over ${sizes.evaluationStreams} streams)`,
      columns: [
        'method',
        'batch-free (table)',
        'extra assumption (table)',
        'sample complexity (table)',
        ...sizes.batches.flatMap((B) => [`error at B = ${B}`, `ln ratio to EF21-SGDM at B = ${B}`]),
        'learning rate at B = 1',
        'uplink bits per node over the budget at B = 1',
      ],
      rows: TABLE_METHODS.map((m, j) => [
        m.label,
        m.batchFree ? 'yes' : 'no',
        m.assumption === 'none' ? 'none' : `${m.assumption} (holds here)`,
        m.samples,
        ...arms.flatMap((arm) => [scoreText(arm[j].scores), m.id === 'ef21-sgdm' ? '0' : ratioText(arm, m.id)]),
        fmt(first[j].tuning.rate),
        first[j].bitsPerNode,
      ]),
      caption: `ln ratio: mean over streams of ln S(method) − ln S(EF21-SGDM), paired; e^{ratio} is the factor by which the method's error exceeds EF21-SGDM's. NEOLITHIC sends R = ⌈1/α⌉ = ${Math.ceil(SETTING.dim / SETTING.k)} top-${SETTING.k} pieces per round (R·K = ${Math.ceil(SETTING.dim / SETTING.k) * SETTING.k} ≥ d entries), BEER two top-${SETTING.k} messages per agent, the others one.`,
    },
    {
      title: `Paired comparisons over ${sizes.evaluationStreams} evaluation streams (a − b of ln errors; a claim E[a − b] ≤ 0 is refuted only if mean − t·se > 0, t = ${fmt(t)})`,
      columns: COMPARISON_COLUMNS,
      rows: [...judged, ...measured].map((c) => c.row),
    },
    {
      title: `Tuning at batch 1: mean error per learning rate over ${sizes.tuningStreams} tuning stream${sizes.tuningStreams === 1 ? '' : 's'} (the chosen rate in brackets)`,
      columns: ['method', ...grid.map((g) => `${fmt(g)}`)],
      rows: [
        ...TABLE_METHODS.map((m, j) => [
          m.label,
          ...first[j].tuning.scores.map((s, i) => (i === first[j].tuning.best ? `[${fmt(s)}]` : fmt(s))),
        ]),
        ...[sgd, sgdm].map((m, j) => [
          `${m.label}, σ = 0 (${exactRounds} rounds)`,
          ...exact[j].tuning.scores.map((s, i) => (i === exact[j].tuning.best ? `[${fmt(s)}]` : fmt(s))),
        ]),
      ],
      caption: `EF21-SGD’s best grid error is ${fmt(bestOf(first, ['ef21-sgd']) / bestOf(first, BATCH_FREE))}× the best of the batch-free rows’: no rate on the grid brings it down, as a floor from compressed noise would predict (docs/theory.md §5.2).`,
    },
    {
      title: 'Settings',
      columns: ['setting', 'value'],
      rows: [
        [
          'problem',
          `logistic regression + λΣx²/(1+x²), λ = ${SETTING.lambda}; synthetic data, m = ${SETTING.rows} rows, d = ${SETTING.dim} (key(${SETTING.dataKey})), split by label over n = ${SETTING.nodes} nodes (heterogeneous)`,
        ],
        ['smoothness', `L = ${fmt(problem.L)}, L̃ = ${fmt(lTilde(problem))} (src/problems/logistic-regression.ts)`],
        [
          'bounded gradients [D]',
          `‖∇f_ij(x)‖ ≤ ${fmt(boundedGradientConstant(data, SETTING.lambda))} = max‖a_j‖ + 9λ√d/(8√3): BG (EF14-SGD) and BGS (NEOLITHIC) hold`,
        ],
        ['compressor', `top-${SETTING.k}, α = ${SETTING.k}/${SETTING.dim}`],
        [
          'budget',
          `S = ${sizes.samples} samples per node; batch B ∈ {${sizes.batches.join(', ')}} (rows per node per round, with replacement) buys T = S/B rounds`,
        ],
        [
          'fixed hyperparameters',
          `EF21-SGDM/SGD2M η = ${HYPERPARAMETERS.momentum} (not tuned); BEER consensus γ = ${HYPERPARAMETERS.beerConsensus}, W = (1/n)11ᵀ; NEOLITHIC R = ⌈1/α⌉ rounds, identity server compressor`,
        ],
        [
          'tuning',
          `learning rate (γ; BEER's η) from {${grid.map(fmt).join(', ')}}, the smallest mean error on ${sizes.tuningStreams} tuning stream(s) foldIn(foldIn(foldIn(key(seed), 1), B), 1), separately per batch`,
        ],
        [
          'evaluation',
          `${sizes.evaluationStreams} streams foldIn(foldIn(foldIn(key(seed), 1), B), 2), shared by all methods; x⁰ ~ N(0, I) per stream; σ = 0 arm: key foldIn(key(seed), 2), exact gradients, ${exactRounds} rounds (those of batch ${bMax})`,
        ],
      ],
    },
  ];

  const methodSeries = (m: TableMethod, j: number): LineFigure['series'][number] => ({
    name: m.label,
    points: sizes.batches.map((B, b) => [B, meanSe(arms[b][j].scores).mean] as const),
  });
  const figures: LineFigure[] = [
    {
      kind: 'line',
      name: 'error-vs-batch',
      title: `Error reached with ${sizes.samples} samples per node against the batch (top-1, heterogeneous logistic regression)`,
      x: { label: 'batch B (rows per node per round; T = S/B rounds)', log: true },
      y: { label: 'E‖∇f(x^t)‖², last quarter', log: true },
      series: TABLE_METHODS.map(methodSeries),
      caption: `Each method at its learning rate tuned per batch, mean over ${sizes.evaluationStreams} evaluation streams; the same S samples per node at every batch.`,
    },
    {
      kind: 'line',
      name: 'tuning-batch-one',
      title: 'Tuning at batch 1: error against the learning rate',
      x: { label: 'learning rate (γ; BEER: η)', log: true },
      y: { label: 'E‖∇f(x^t)‖², last quarter (tuning streams)', log: true },
      series: TABLE_METHODS.map((m, j) => ({
        name: m.label,
        points: grid.map((g, i) => [g, first[j].tuning.scores[i]] as const),
      })),
      caption: `Mean error over ${sizes.tuningStreams} tuning stream(s) at each grid rate; each method runs its evaluation streams at the minimum of its curve.`,
    },
  ];

  return {
    verdicts,
    tables,
    figures,
    notes: [
      `What is judged: at batch 1, each of ${BATCH_FREE.map(label).join(', ')} against EF21-SGD, and the gap ρ = ln S(EF21-SGD) − ln S(EF21-SGDM) from batch 1 to batch ${bMax}, each paired over ${sizes.evaluationStreams} streams (t = ${fmt(t)} at z = 6). Each has a reversed companion that must be refuted, so a pass means the data resolve the sign, and a σ = 0 companion where the ordering must fail.`,
      `What is not: BEER and NEOLITHIC against EF21-SGDM (observed, with the reason in each verdict). The table’s “no” for them is the batch their analyses need, not a lower bound at batch 1. Measured at batch 1, ln S − ln S(EF21-SGDM): BEER ${ratioText(first, 'beer')}, NEOLITHIC ${ratioText(first, 'neolithic')}, against EF21-SGD’s ${ratioText(first, 'ef21-sgd')}.`,
      ...(sizes.samples / bMax < 10 / HYPERPARAMETERS.momentum
        ? [
            `At this budget batch ${bMax} leaves T = ${sizes.samples / bMax} rounds, fewer than 10/η: the momentum rows have barely forgotten their start there, which shrinks ρ from their side too; the default budget leaves ${SIZES.default.samples / SIZES.default.batches[SIZES.default.batches.length - 1]} rounds at its largest batch.`,
          ]
        : []),
      `Errors are compared on a log scale (the paired differences of ln S), so a claim reads “smaller by a factor”; the raw means ± se are in the first table. Each method's learning rate is tuned per batch on streams disjoint from the evaluation streams.`,
      'Sample accounting: every method draws one minibatch of B rows per node per round; the EF21 family and BEER also draw one at x⁰ for their initial estimators, NEOLITHIC none (its memories start at 0).',
    ],
  };
}

export const theorem: Theorem = { meta, check };
