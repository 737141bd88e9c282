/**
 * Vanilla EF21 with the arithmetic-mean step size 1/(L + L_AM ξ(α)) decreases a weighted Lyapunov function.
 *
 * Setting: as ef21-lyapunov, with every L_i > 0; L_AM = (1/n)ΣL_i ≤ L̃ = L_QM. Indefinite dense quadratics and
 *   logistic problems with L_i spread over two decades, so γ_AM is up to √n times γ_QM.
 * Algorithm: EF21 unchanged (src/algorithms/ef21.ts); only the step size and the analysis differ.
 * Claim: for 0 < γ ≤ 1/(L + L_AM ξ(α)) and any state (x, g_i),
 *   E Φ^AM(x⁺, g⁺) ≤ Φ^AM(x, g) − (γ/2)‖∇f(x)‖²,
 *   Φ^AM = f − f_inf + (γ/(2θ))·(1/n)Σ_i (L_AM/L_i)‖g_i − ∇f_i(x)‖²   (= Σ_i 1/(n² w_i)‖·‖², w_i = L_i/ΣL_j).
 * Kind: deterministic for top-k and scaled sign (one real step, pathwise); exact expectation for random C.
 * Reference: Richtárik, Gasanov, Burlachenko (2024), "Error Feedback Reloaded: From Quadratic to Arithmetic Mean
 *   of Smoothness Constants", ICLR, Theorem 3 (improved analysis of EF21). docs/theory.md §4.2 Route 3: structure [S],
 *   form [M], inequality [D]; reported as the derived form of Theorem 3.
 *   Adversary (_lib/descent-space.ts, as in ef21-lyapunov): L_i from the matrices, any state, the worst compressor
 *   of the class or top-k, at γ_AM; the rule and the weights come from _lib/constants.ts.
 * Teeth: the adversary's m* on Φ^AM; 4× and 8× the AM step on random states; and the unweighted Φ of Theorem 1 at
 *   the AM step, a 'may-fail' companion: random states of the quadratic family find no violation of it, the
 *   adversary does — on a shrunk instance of two nodes in one dimension, one of them nearly flat (L_2 → 0, where
 *   L_AM/L̃ → 1/√2), by about 2.6% of the summands' size. The weights are what pay for the larger step.
 */
import type { Problem } from '../../src/problems/types.ts';
import { foldIn, key, type Key } from '../../src/rng/key.ts';
import { adversaryNote } from '../_lib/power.ts';
import { claimContext } from '../_lib/claim-context.ts';
import { budgetSizes, theoremFile, type Budget, type Theorem, type TheoremMeta, type TheoremResult } from '../types.ts';
import { ef21LyapunovSides } from './ef21-lyapunov.ts';
import { amLyapunovWeights } from './_lib/constants.ts';
import { descentAdversary } from './_lib/descent-adversary.ts';
import { descentSpace } from './_lib/descent-space.ts';
import { ef21AmSetting } from './_lib/ef21-settings.ts';
import { randomTrialVerdicts, type TrialRunner } from './_lib/random-trial-verdicts.ts';
import { seededTrial } from './_lib/seeded-trial.ts';
import { stepTeeth } from './_lib/step-teeth.ts';
import { trialRunner } from './_lib/trial-runner.ts';
import { unweightedAtAmStep, weightsTable } from './_lib/weights-matter.ts';

export const meta: TheoremMeta = {
  id: 'ef21-am',
  title: 'EF21 with the arithmetic-mean step size and the weighted Lyapunov function',
  group: 'ef21-family',
  paper: { authors: 'Richtárik, Gasanov, Burlachenko', year: 2024 },
  theorem: 'Thm 3',
  provenance: 'D',
  kind: 'deterministic',
  statement:
    'For γ ≤ 1/(L + L_AM ξ(α)) and any state: E Φ^AM(x⁺, g⁺) ≤ Φ^AM(x, g) − (γ/2)‖∇f(x)‖², Φ^AM = f − f_inf + (γ/(2θ))(1/n)Σ(L_AM/L_i)‖g_i − ∇f_i(x)‖²; pathwise for top-k, exact expectation for random C (docs/theory.md §4.2)',
  file: theoremFile(import.meta.url),
};

const CLAIM = 'E Φ^AM(x⁺, g⁺) ≤ Φ^AM(x, g) − (γ/2)‖∇f(x)‖²';

/** c_i = (1/n)·L_AM/L_i = 1/(n² w_i) [Richtárik, Gasanov, Burlachenko 2024, Thm 3]; a RangeError if some L_i ≤ 0. */
export function amWeights(problem: Pick<Problem, 'Li'>): number[] {
  for (const l of problem.Li) if (!(l > 0)) throw new RangeError(`ef21-am: needs every L_i > 0, got L_i=${l}`);
  return amLyapunovWeights(problem.Li);
}

/** Seeded trials at γ = m·γ_AM, with ef21-lyapunov's sides and Φ^AM's weights (the table: Theorem 1's c_i = 1/n). */
function amTrials(root: Key, weighted = true): TrialRunner {
  return trialRunner(
    root,
    (k, family, pool, m) => seededTrial(k, family, pool, m, 'am'),
    (tr) => {
      const w = weighted ? amWeights(tr.instance.problem) : undefined;
      return ef21LyapunovSides(tr.instance, tr.compressor, tr.gamma, tr.state, w);
    },
  );
}

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const { trials: count } = budgetSizes(budget);
  const root = key(seed);
  const ctx = { ...claimContext(meta, seed, budget), claim: CLAIM };
  const run = amTrials(root);
  const adversary = descentAdversary(
    { ...ctx, check: 'Φ^AM, n, d ≤ 3 indefinite quadratics, any state, worst compressor of the class or top-k' },
    ef21AmSetting,
    foldIn(root, 90),
    budget,
  );
  // The unweighted Φ at exactly γ_AM, the adversary at m = 1; and the same random states judged with both Φ.
  const unweighted = unweightedAtAmStep(ctx, foldIn(root, 91), budget);
  const atEdge = (weighted: boolean) => amTrials(root, weighted)(7, count, 'quadratic', 'deterministic', 1);
  return {
    verdicts: [
      ...randomTrialVerdicts(ctx, run, count),
      ...stepTeeth(ctx, 'γ_AM', [4, 8], (m, i) => run(4 + i, count, 'quadratic', 'deterministic', m)),
      ...adversary.verdicts,
      unweighted.teeth,
    ],
    power: [adversary.power],
    tables: [weightsTable(atEdge(true), atEdge(false), adversary.power.worstRatio, unweighted)],
    notes: [
      `Same instance families and states as ef21-lyapunov (${count} quadratic, ${Math.ceil(count / 4)} logistic trials), with γ_max = 1/(L + L_AM ξ(α)) from _lib/constants.ts.`,
      adversaryNote(adversary.power, 'γ_AM'),
    ],
  };
}

export const theorem: Theorem = { meta, check, adversary: { space: () => descentSpace(ef21AmSetting) } };
