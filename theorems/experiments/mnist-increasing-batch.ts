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
 *   fail for any plausible effect, so the comparisons are reported as observed (judgedOrObserved), never as a pass;
 *   they are judged at the deep budget (32 streams, t₃₁ ≈ 8.3). Everything else is measured.
 * Reference: Fatkhullin, Tyurin, Richtárik (2023), "Momentum Provably Improves Error Feedback!", NeurIPS, poster
 *   Experiment 1; docs/theory.md §5.6 [P problem; n, k, λ, batches, η and the grid not retrieved ⇒ our settings, R].
 * Teeth: none (an experiment, not an inequality); the spec checks the run is complete and well-formed.
 */
import { loadMnist } from '../../src/data/mnist.ts';
import { partition } from '../../src/data/partition.ts';
import { softmaxRegression, type SoftmaxProblem } from '../../src/problems/softmax-regression.ts';
import { foldIn, key } from '../../src/rng/key.ts';
import { byBudget, theoremFile, type Budget, type Theorem, type TheoremMeta, type TheoremResult } from '../types.ts';
import { claimContext } from '../_lib/claim-context.ts';
import { judgedOrObserved, pairedComparison } from '../_lib/paired-comparison.ts';
import {
  figures,
  finalTable,
  increasingBatchNotes,
  runIncreasingBatch,
  settingsTable,
  type IncreasingBatchSizes,
} from './_lib/increasing-batch-runs.ts';
import { posterMethods } from './_lib/poster-methods.ts';
import { comparisonTable } from './_lib/stream-comparisons.ts';
import { methodScores, tuningTable } from './_lib/tuned-runs.ts';

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

export const METHODS = posterMethods(ETA);

/** The problem of a seed: `digits` seeded MNIST digits, shuffled evenly over `nodes` nodes. */
export function buildProblem(seed: number, sizes: Pick<IncreasingBatchSizes, 'digits' | 'nodes'>): SoftmaxProblem {
  const data = loadMnist({ count: sizes.digits, seed, labels: 'digit' });
  return softmaxRegression(partition(data, sizes.nodes, { mode: 'shuffled', key: foldIn(key(seed), 0) }), {
    lambda: LAMBDA,
  });
}

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const sizes = byBudget(budget, SIZES);
  const d = runIncreasingBatch(seed, sizes, buildProblem(seed, sizes), METHODS);
  const ctx = claimContext(meta, seed, budget);
  const [bMin, bMax] = [sizes.batches[0], sizes.batches[sizes.batches.length - 1]];
  const S = (b: number, id: string): number[] => methodScores(d.results[b], METHODS, id);
  // The poster's claim, paired over evaluation streams: momentum wins at small batch; EF21-SGD gains from batch.
  const comparisons = [
    pairedComparison(
      ctx,
      `EF21-SGDM vs EF21-SGD at B = ${bMin}`,
      `E[S(EF21-SGDM) − S(EF21-SGD)] ≤ 0 at B = ${bMin}`,
      S(0, 'ef21-sgdm'),
      S(0, 'ef21-sgd'),
    ),
    pairedComparison(
      ctx,
      `EF21-SGD at B = ${bMax} vs B = ${bMin}`,
      `E[S(EF21-SGD, B=${bMax}) − S(EF21-SGD, B=${bMin})] ≤ 0`,
      S(d.results.length - 1, 'ef21-sgd'),
      S(0, 'ef21-sgd'),
    ),
  ];
  return {
    verdicts: sizes.judge ? comparisons.map((c) => judgedOrObserved(c.verdict)) : [],
    tables: [
      settingsTable(d, seed, LAMBDA, ETA),
      finalTable(d, METHODS),
      comparisonTable(
        'Paired comparisons over evaluation streams (a − b of tail scores; negative favours the claim)',
        comparisons,
      ),
      tuningTable('B', d.sizes.batches, d.sizes.multiples, METHODS, d.results),
    ],
    figures: figures(d, METHODS),
    notes: increasingBatchNotes(sizes, budget),
  };
}

export const theorem: Theorem = { meta, check };
