/**
 * EF21-SGDM poster, Experiment 1 ("increasing batch size"), reproduced on real MNIST digits.
 *
 * Setting: multiclass logistic (softmax) regression with the nonconvex regulariser λΣ_yΣ_k [x_y]_k²/(1 + [x_y]_k²),
 *   λ = 0.1 (the EF21 experiments' value, docs/theory.md §3.8; the poster's λ was not retrieved), on a seeded sample of
 *   real MNIST digits (src/data/mnist.ts: c = 10 classes, l = 784 pixels, d = 7840) split evenly over n nodes after
 *   a seeded shuffle (src/data/partition.ts). Stochastic gradients: each node averages B rows drawn uniformly with
 *   replacement (src/oracles/minibatch.ts), B growing over the stated batch sizes.
 * Algorithm: EF14-SGD, EF21-SGD, EF21-SGDM (η = 0.1) and EF21-SGD2M (η = 0.1) from src/algorithms/registry.ts, all
 *   with top-k (k = 100 ⇒ α = k/d ≈ 1.3%), x⁰ = 0, initial message one minibatch (B_init = B). Step sizes tuned,
 *   as the paper did, over one grid shared by every method: γ_EF21·{multiples}, γ_EF21 = 1/(L + L̃ξ(α)) (EF21
 *   Thm 1; the B&W convention of tuning multiples of the EF21 step, docs/theory.md §3.8–3.9), picked by the tail score
 *   on a tuning stream, then rerun on disjoint evaluation streams (theorems/experiments/_lib/tuned-runs.ts).
 * Claim (poster, as measured): at small batch EF21-SGDM reaches a smaller ‖∇f‖² than EF21-SGD, and EF21-SGD
 *   improves as the batch grows. Checked as E[S(EF21-SGDM) − S(EF21-SGD)] ≤ 0 at the smallest B and
 *   E[S(EF21-SGD, B_max) − S(EF21-SGD, B_min)] ≤ 0, S = tail score (mean ‖∇f(x^t)‖² over t = 6T/8, 7T/8, T).
 * Kind: experiment. The two comparisons are paired over evaluation streams, refuted only if mean − t·se > 0, t the
 *   Student-t critical value of z = 6 on streams − 1 dof (theorems/_lib/paired-comparison.ts) — t is the smallest
 *   effect the test can detect, in standard errors. At the default budget (4 streams, t₃ ≈ 1038) that test cannot
 *   fail for any plausible effect, so the comparisons are reported as observed (judgedOrObserved),
 *   never as a pass; they are judged at the deep budget (32 streams, t₃₁ ≈ 8.3). Everything else is measured.
 * Reference: Fatkhullin, Tyurin, Richtárik (2023), "Momentum Provably Improves Error Feedback!", NeurIPS, poster
 *   Experiment 1; docs/theory.md §5.6 [P problem; n, k, λ, batches, η and the grid not retrieved ⇒ our settings, R].
 * Teeth: none (an experiment, not an inequality); the spec checks the run is complete and well-formed.
 */
import { loadMnist } from '../../src/data/mnist.ts';
import { partition } from '../../src/data/partition.ts';
import { softmaxRegression, type SoftmaxProblem } from '../../src/problems/softmax-regression.ts';
import { foldIn, key } from '../../src/rng/key.ts';
import { studentCritical } from '../../src/stats/student-critical.ts';
import {
  byBudget,
  theoremFile,
  type Budget,
  type TableSpec,
  type Theorem,
  type TheoremMeta,
  type TheoremResult,
  type Verdict,
} from '../types.ts';
import { claimContext } from '../_lib/claim-context.ts';
import { COMPARISON_COLUMNS, judgedOrObserved, MAX_JUDGED_T, pairedComparison } from '../_lib/paired-comparison.ts';
import {
  figures,
  finalTable,
  runIncreasingBatch,
  scores,
  settingsTable,
  type IncreasingBatchData,
  type IncreasingBatchSizes,
} from './_lib/increasing-batch-runs.ts';
import { tuningTable, type MethodSpec } from './_lib/tuned-runs.ts';

export const meta: TheoremMeta = {
  id: 'mnist-increasing-batch',
  title: 'Experiment 1: increasing batch size on MNIST (softmax regression, top-k)',
  group: 'experiments',
  paper: { authors: 'Fatkhullin, Tyurin, Richtárik', year: 2023 },
  theorem: 'Exp. 1',
  provenance: 'R',
  kind: 'experiment',
  statement:
    'With top-k and step sizes tuned per method, EF21-SGDM reaches a smaller ‖∇f‖² than EF21-SGD at small batch, and EF21-SGD improves as the batch grows (docs/theory.md §5.6)',
  file: theoremFile(import.meta.url),
  status: 'known-gap',
  gap: 'The paired comparisons have no power at the default budget: 4 evaluation streams give t₃ ≈ 1038 at z = 6, so only a difference above ~1000 standard errors could refute the claim. They are therefore reported as observed there (measured mean/se and streams won, never counted as a pass); the deep budget runs 32 streams (t₃₁ ≈ 8.3), where they are judged. 20 streams (t₁₉ ≈ 10.6) at default would cost about 3× the runs, more than the report can afford.',
};

export const SIZES: Readonly<Record<Budget, IncreasingBatchSizes>> = {
  quick: {
    digits: 100,
    nodes: 2,
    k: 100,
    batches: [1, 8],
    rounds: 8,
    multiples: [16, 64],
    repeats: 2,
    curvePoints: 8,
    judge: false,
  },
  default: {
    digits: 1500,
    nodes: 5,
    k: 100,
    batches: [1, 8, 64],
    rounds: 640,
    multiples: [4, 16, 64, 256],
    repeats: 4,
    curvePoints: 16,
    judge: true,
  },
  deep: {
    digits: 10000,
    nodes: 10,
    k: 100,
    batches: [1, 8, 64, 512],
    rounds: 4000,
    multiples: [1, 4, 16, 64, 256],
    repeats: 32,
    curvePoints: 40,
    judge: true,
  },
};

export const LAMBDA = 0.1;
export const ETA = 0.1;

export const METHODS: readonly MethodSpec[] = [
  { id: 'ef14', label: 'EF14-SGD', params: {} },
  { id: 'ef21-sgd', label: 'EF21-SGD', params: {} },
  { id: 'ef21-sgdm', label: `EF21-SGDM (η=${ETA})`, params: { eta: ETA } },
  { id: 'ef21-sgd2m', label: `EF21-SGD2M (η=${ETA})`, params: { eta: ETA } },
];

/** The problem of a seed: `digits` seeded MNIST digits, shuffled evenly over `nodes` nodes. */
export function buildProblem(seed: number, sizes: Pick<IncreasingBatchSizes, 'digits' | 'nodes'>): SoftmaxProblem {
  const data = loadMnist({ count: sizes.digits, seed, labels: 'digit' });
  return softmaxRegression(partition(data, sizes.nodes, { mode: 'shuffled', key: foldIn(key(seed), 0) }), {
    lambda: LAMBDA,
  });
}

/** The two paired comparisons the poster's claim rests on (smallest against largest batch). */
export function comparisons(
  d: IncreasingBatchData,
  seed: number,
  budget: Budget,
): { verdicts: Verdict[]; table: TableSpec } {
  const sgd = METHODS.findIndex((m) => m.id === 'ef21-sgd');
  const sgdm = METHODS.findIndex((m) => m.id === 'ef21-sgdm');
  const bMin = d.sizes.batches[0];
  const bMax = d.sizes.batches[d.sizes.batches.length - 1];
  const first = d.results[0];
  const last = d.results[d.results.length - 1];
  const ctx = claimContext(meta, seed, budget);
  const items = [
    pairedComparison(
      ctx,
      `EF21-SGDM vs EF21-SGD at B = ${bMin}`,
      `E[S(EF21-SGDM) − S(EF21-SGD)] ≤ 0 at B = ${bMin}`,
      scores(first.runs[sgdm]),
      scores(first.runs[sgd]),
    ),
    pairedComparison(
      ctx,
      `EF21-SGD at B = ${bMax} vs B = ${bMin}`,
      `E[S(EF21-SGD, B=${bMax}) − S(EF21-SGD, B=${bMin})] ≤ 0`,
      scores(last.runs[sgd]),
      scores(first.runs[sgd]),
    ),
  ];
  return {
    verdicts: items.map((it) => it.verdict),
    table: {
      title: 'Paired comparisons over evaluation streams (a − b of tail scores; negative favours the claim)',
      columns: COMPARISON_COLUMNS,
      rows: items.map((it) => it.row),
    },
  };
}

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const sizes = byBudget(budget, SIZES);
  const d = runIncreasingBatch(seed, sizes, buildProblem(seed, sizes), METHODS);
  const cmp = comparisons(d, seed, budget);
  return {
    verdicts: sizes.judge ? cmp.verdicts.map(judgedOrObserved) : [],
    tables: [
      settingsTable(d, seed, LAMBDA, ETA),
      finalTable(d, METHODS),
      cmp.table,
      tuningTable('B', d.sizes.batches, d.sizes.multiples, METHODS, d.results),
    ],
    figures: figures(d, METHODS),
    notes: [
      "Reproduces the poster's Experiment 1 on real MNIST digits. The poster's n, k, λ, batch sizes, η and tuning grid were not retrieved (docs/theory.md §5.6): the values in the settings table are ours, chosen to run in minutes on 2 cores, so the numbers are not the paper's.",
      `Each method's γ is picked from the same grid (multiples of the EF21 step) by its tail score on a tuning stream, then rerun on ${sizes.repeats} disjoint evaluation streams; every method sees the same streams (common random numbers).`,
      `The two comparisons are paired over streams and refuted only if mean − t·se > 0 (t: the Student-t critical value of z = 6 for the stream count, the smallest effect the test can detect, in standard errors). With ${sizes.repeats} streams t = ${studentCritical(Math.max(1, sizes.repeats - 1), 6).toPrecision(4)}: ${studentCritical(Math.max(1, sizes.repeats - 1), 6) > MAX_JUDGED_T ? 'too large to refute any plausible effect, so they are reported as observed (never counted as a pass)' : '"pass" means the data do not refute the poster\'s claim at that level, not that they prove it'}; the measured mean difference, mean/se and streams won are in the comparison table. All other numbers are measured, not judged.`,
      ...(sizes.judge
        ? []
        : [
            `At the ${budget} budget the runs are too short (T = ${sizes.rounds}) for a fair comparison: the comparison table is shown but not judged.`,
          ]),
      'The bits axis counts compressed uplink bits per node (64-bit values + ⌈log₂ d⌉-bit indices); every method sends one top-k message per round, so it is the rounds axis rescaled.',
    ],
  };
}

export const theorem: Theorem = { meta, check };
