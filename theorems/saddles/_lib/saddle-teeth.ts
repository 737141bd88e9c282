/**
 * The teeth of compressed-sgd-iterations-vs-d that run methods (docs/saddles.md): started exactly at the saddle with
 * σ = 0 nothing moves, so no method reaches an ε-SOSP, while the claim's σ escapes from the same start; and K = 1 at
 * a large step is mean-square unstable where SGD at that step converges. Each teeth row comes with its 'holds'
 * control, so a teeth that fires because the setting is broken shows as a failed control.
 */
import { randKEfSgd } from '../../../src/algorithms/rand-k-ef-sgd.ts';
import { randKSgd } from '../../../src/algorithms/rand-k-sgd.ts';
import { gaussianOracle } from '../../../src/oracles/gaussian.ts';
import { foldIn, type Key } from '../../../src/rng/key.ts';
import { verdictOverTrials, type Verdict } from '../../../src/report/verdict.ts';
import type { Trial } from '../../types.ts';
import type { ClaimContext } from '../../_lib/claim-context.ts';
import { iterationsToSosp } from './iterations-to-sosp.ts';
import { kOf, SADDLE_SETTING, saddleInstance, saddleSweep, type SweepMethod } from './saddle-sweep.ts';

export const METHOD_LABEL: Readonly<Record<SweepMethod, string>> = {
  sgd: 'SGD',
  'rand-k': 'RandK (unbiased)',
  'rand-k-ef': 'RandK + EF',
};

/** The "reaches an ε-SOSP within the budget" sides of one run: T (budget + 1 when it never did) ≤ budget. */
export function reachedSides(iterations: number | null, budget: number): { lhs: number; rhs: number; scale: number } {
  const lhs = iterations === null ? budget + 1 : iterations;
  return { lhs, rhs: budget, scale: lhs + budget };
}

/** A step SGD takes in its stride but K too small cannot: d, K, η, seeds and the round budget. */
export interface SmallKTeeth {
  readonly d: number;
  readonly k: number;
  readonly eta: number;
  readonly seeds: number;
  readonly maxRounds: number;
}

/** K = t.k at η = t.eta (may-fail) and SGD at the same η (holds), on the same cells. */
export function smallKTeeth(root: Key, ctx: ClaimContext, t: SmallKTeeth): Verdict[] {
  const sweep = saddleSweep(root, [t.d], t.seeds, {
    methods: ['sgd', 'rand-k'],
    eta: t.eta,
    k: () => t.k,
    maxRounds: t.maxRounds,
  });
  const trials = (m: SweepMethod): Trial[] =>
    sweep.map((cell) => {
      const run = cell.runs[m];
      const it = run?.iterations ?? null;
      const k = m === 'sgd' ? cell.d : t.k;
      const instance = { d: cell.d, seed: cell.seed, k, eta: t.eta, diverged: run?.diverged ?? false };
      return { ...reachedSides(it, t.maxRounds), instance };
    });
  const claim = `T_hit ≤ ${t.maxRounds} (reaches an ε-SOSP within the budget)`;
  return [
    verdictOverTrials(
      { ...ctx, claim, check: `control for the K teeth: SGD at η = ${t.eta}, d = ${t.d}` },
      'deterministic',
      trials('sgd'),
    ),
    verdictOverTrials(
      {
        ...ctx,
        claim,
        check: `teeth: K = ${t.k} is too small for η = ${t.eta} (d = ${t.d}): RandK does not reach an ε-SOSP`,
        expectation: 'may-fail',
      },
      'deterministic',
      trials('rand-k'),
    ),
  ];
}

/** Started exactly at the saddle: d, seeds, and the rounds run without noise. */
export interface ExactSaddleTeeth {
  readonly d: number;
  readonly seeds: number;
  readonly rounds: number;
}

/**
 * Started exactly at the saddle: with σ = 0 the gradient is exactly 0, so every message is 0 and x^T = x⁰ (may-fail,
 * one per method); with the claim's σ the same start escapes (holds: the noise, not the start, does the escaping).
 */
export function exactSaddleTeeth(root: Key, ctx: ClaimContext, t: ExactSaddleTeeth): Verdict[] {
  const { epsilon, eta, sigma, maxRounds } = SADDLE_SETTING;
  const k = kOf(t.d);
  const verdicts: Verdict[] = [];
  for (const noise of [0, sigma]) {
    for (const m of ['rand-k', 'rand-k-ef'] as const) {
      const budget = noise === 0 ? t.rounds : maxRounds;
      const trials: Trial[] = [];
      for (let r = 0; r < t.seeds; r++) {
        const cell = foldIn(foldIn(root, t.d), r);
        const { problem } = saddleInstance(cell, t.d, 'strict-saddle', 0);
        const oracle = gaussianOracle(problem, noise);
        const alg = m === 'rand-k' ? randKSgd({ eta, k }) : randKEfSgd({ eta, k });
        const run = iterationsToSosp(alg, oracle, problem, epsilon, budget, foldIn(cell, 2));
        const instance = { d: t.d, seed: r, k, sigma: noise, reach: run.reach };
        trials.push({ ...reachedSides(run.iterations, budget), instance });
      }
      const claim = `T_hit ≤ ${budget} (reaches an ε-SOSP)`;
      const check =
        noise === 0
          ? `teeth: ${METHOD_LABEL[m]} started exactly at the saddle with σ = 0 never leaves it`
          : `control for the saddle teeth: ${METHOD_LABEL[m]} from exactly the saddle with σ = ${noise} escapes`;
      const expectation = noise === 0 ? 'may-fail' : 'holds';
      verdicts.push(verdictOverTrials({ ...ctx, claim, check, expectation }, 'deterministic', trials));
    }
  }
  return verdicts;
}
