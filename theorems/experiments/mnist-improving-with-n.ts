/**
 * EF21-SGDM poster, Experiment 2 ("improving with n"), with MNIST even-vs-odd standing in for real-sim.
 *
 * Setting: binary logistic regression with the nonconvex regulariser λΣ_k x_k²/(1 + x_k²), λ = 0.1 (docs/theory.md
 *   §3.8), on a seeded sample of real MNIST digits labelled even ↦ +1, odd ↦ −1 (d = 784). SUBSTITUTION: the paper
 *   used real-sim (d = 20958), which is not available offline; `efcheck run --problem logreg --data real-sim.libsvm …`
 *   (src/cli/run-command.ts) runs the original for users who have the file. The same digits are split evenly over
 *   n ∈ {1, 5, 10, 20} nodes after one seeded shuffle; the digit count is a multiple of every n, so all m_i are equal
 *   and f = (1/n)Σ_i f_i is the SAME function (the mean loss over all digits) for every n: only the number of nodes
 *   drawing independent noise changes. Each node draws B = 1 row per round (src/oracles/minibatch.ts).
 * Algorithm: EF14-SGD, EF21-SGD, EF21-SGDM (η = 0.1), EF21-SGD2M (η = 0.1), top-k with k = 8 (α = 8/784 ≈ 1%),
 *   x⁰ = 0; γ tuned per (method, n) over γ_EF21(n)·{multiples}, γ_EF21 = 1/(L + L̃ξ(α)), as in
 *   theorems/experiments/mnist-increasing-batch.ts.
 * Claim (poster, as measured): EF21-SGDM improves as n grows (its noise term ησ²/n, docs/theory.md §5.3), while
 *   EF21-SGD has no such term. Checked as E[S(EF21-SGDM, n_max) − S(EF21-SGDM, n=1)] ≤ 0, paired over evaluation
 *   streams.
 * Kind: experiment; the comparison is paired over streams and refuted only if mean − t·se > 0, t the Student-t
 *   critical value of z = 6 on streams − 1 dof (the smallest detectable effect, in standard errors). At the default
 *   budget (4 streams, t₃ ≈ 1038) it cannot fail for any plausible effect and is reported as observed
 *   (judgedOrObserved); it is judged at the deep budget (32 streams, t₃₁ ≈ 8.3). Everything else is measured.
 * Reference: Fatkhullin, Tyurin, Richtárik (2023), "Momentum Provably Improves Error Feedback!", NeurIPS, poster
 *   Experiment 2; docs/theory.md §5.6 [P problem class; dataset substituted, settings ours ⇒ R].
 * Teeth: none (an experiment); the spec checks the run is complete and well-formed and that f does not depend on n.
 */
import { loadMnist } from '../../src/data/mnist.ts';
import { partition } from '../../src/data/partition.ts';
import { logisticRegression, type LogisticProblem } from '../../src/problems/logistic-regression.ts';
import { foldIn, key } from '../../src/rng/key.ts';
import { byBudget, theoremFile, type Budget, type Theorem, type TheoremMeta, type TheoremResult } from '../types.ts';
import { claimContext } from '../_lib/claim-context.ts';
import { judgedOrObserved, pairedComparison } from '../_lib/paired-comparison.ts';
import {
  figures,
  finalTable,
  improvingWithNNotes,
  runImprovingWithN,
  settingsTable,
  type ImprovingWithNSizes,
} from './_lib/improving-with-n-runs.ts';
import { posterMethods } from './_lib/poster-methods.ts';
import { comparisonTable } from './_lib/stream-comparisons.ts';
import { methodScores, tuningTable } from './_lib/tuned-runs.ts';

export const meta: TheoremMeta = {
  id: 'mnist-improving-with-n',
  title: 'Experiment 2: improving with n (MNIST even vs odd in place of real-sim)',
  group: 'experiments',
  paper: { authors: 'Fatkhullin, Tyurin, Richtárik', year: 2023 },
  theorem: 'Exp. 2',
  provenance: 'R',
  kind: 'experiment',
  statement:
    'With top-k, B = 1 and step sizes tuned per method, EF21-SGDM reaches a smaller ‖∇f‖² as the number of nodes n grows; dataset substituted: MNIST even vs odd instead of real-sim (docs/theory.md §5.6)',
  file: theoremFile(import.meta.url),
  status: 'known-gap',
  gap: 'The paired comparisons have no power at the default budget: 4 evaluation streams give t₃ ≈ 1038 at z = 6, so only a difference above ~1000 standard errors could refute the claim. They are therefore reported as observed there (measured mean/se and streams won, never counted as a pass); the deep budget runs 32 streams (t₃₁ ≈ 8.3), where they are judged. 20 streams (t₁₉ ≈ 10.6) at default would cost about 3× the runs, more than the report can afford.',
};

export const SIZES: Readonly<Record<Budget, ImprovingWithNSizes>> = {
  quick: {
    digits: 100,
    nodes: [1, 5, 10, 20],
    k: 8,
    batch: 1,
    rounds: 8,
    multiples: [4, 16],
    repeats: 2,
    curvePoints: 8,
    judge: false,
  },
  default: {
    digits: 4000,
    nodes: [1, 5, 10, 20],
    k: 8,
    batch: 1,
    rounds: 1600,
    multiples: [1, 4, 16, 64],
    repeats: 4,
    curvePoints: 16,
    judge: true,
  },
  deep: {
    digits: 10000,
    nodes: [1, 5, 10, 20, 50],
    k: 8,
    batch: 1,
    rounds: 8000,
    multiples: [0.25, 1, 4, 16, 64],
    repeats: 32,
    curvePoints: 40,
    judge: true,
  },
};

export const LAMBDA = 0.1;
export const ETA = 0.1;

export const METHODS = posterMethods(ETA);

/** One problem per n over the same seeded digits and the same shuffle (so f is the same function for every n). */
export function buildProblems(seed: number, sizes: Pick<ImprovingWithNSizes, 'digits' | 'nodes'>): LogisticProblem[] {
  for (const n of sizes.nodes) {
    if (sizes.digits % n !== 0)
      throw new RangeError(
        `mnist-improving-with-n: need the digit count to be a multiple of every n, got ${sizes.digits} digits and n=${n}`,
      );
  }
  const data = loadMnist({ count: sizes.digits, seed, labels: 'even-odd' });
  return sizes.nodes.map((n) =>
    logisticRegression(partition(data, n, { mode: 'shuffled', key: foldIn(key(seed), 0) }), { lambda: LAMBDA }),
  );
}

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const sizes = byBudget(budget, SIZES);
  const d = runImprovingWithN(seed, sizes, buildProblems(seed, sizes), METHODS);
  const [nMin, nMax] = [sizes.nodes[0], sizes.nodes[sizes.nodes.length - 1]];
  const S = (a: number, id: string): number[] => methodScores(d.results[a], METHODS, id);
  const last = d.results.length - 1;
  const ctx = claimContext(meta, seed, budget);
  // The poster's claim: EF21-SGDM gains from n. Measured beside it: EF21-SGD against n; both methods at n_max.
  const judged = pairedComparison(
    ctx,
    `EF21-SGDM at n = ${nMax} vs n = ${nMin}`,
    `E[S(EF21-SGDM, n=${nMax}) − S(EF21-SGDM, n=${nMin})] ≤ 0`,
    S(last, 'ef21-sgdm'),
    S(0, 'ef21-sgdm'),
  );
  const shown = [
    pairedComparison(ctx, `EF21-SGD at n = ${nMax} vs n = ${nMin}`, '', S(last, 'ef21-sgd'), S(0, 'ef21-sgd')),
    pairedComparison(ctx, `EF21-SGDM vs EF21-SGD at n = ${nMax}`, '', S(last, 'ef21-sgdm'), S(last, 'ef21-sgd')),
  ];
  return {
    verdicts: sizes.judge ? [judgedOrObserved(judged.verdict)] : [],
    tables: [
      settingsTable(d, seed, LAMBDA, ETA),
      finalTable(d, METHODS),
      comparisonTable(
        'Paired comparisons over evaluation streams (a − b of tail scores; negative: a is smaller)',
        [judged, ...shown],
        "Only the first row is judged (the poster's claim); the others are measured.",
      ),
      tuningTable('n', d.sizes.nodes, d.sizes.multiples, METHODS, d.results),
    ],
    figures: figures(d, METHODS),
    notes: improvingWithNNotes(sizes, budget),
  };
}

export const theorem: Theorem = { meta, check };
