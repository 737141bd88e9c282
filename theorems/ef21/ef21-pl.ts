/**
 * EF21 under the PL condition contracts its Lyapunov function by (1 − γμ) per step, from any state.
 *
 * Setting: f = (1/n)Σf_i with ½‖∇f(x)‖² ≥ μ(f(x) − f*); here positive definite dense quadratics
 *   f_i = ½xᵀA_i x − b_iᵀx with heterogeneous L_i (μ = λ_min((1/n)ΣA_i), f* exact); C contractive with α.
 * Algorithm: EF21 (src/algorithms/ef21.ts): x⁺ = x − γg, g_i⁺ = g_i + C(∇f_i(x⁺) − g_i).
 * Claim: for 0 < γ ≤ min{1/(L + L̃·sqrt(2β/θ)), θ/(2μ)} and any state (x, g_i),
 *   E Ψ(x⁺, g⁺) ≤ (1 − γμ)Ψ(x, g),  Ψ = f − f* + (γ/θ)(1/n)Σ‖g_i − ∇f_i(x)‖²;
 *   hence Ψ_T ≤ (1 − γμ)^T Ψ_0 along trajectories.
 * Kind: deterministic for top-k and scaled sign (pathwise, one real step; and every prefix of trajectories);
 *   exact expectation over C for rand-k and the other random compressors (expectation()).
 * Reference: Richtárik, Sokolov, Fatkhullin (2021), NeurIPS, Theorem 2. docs/theory.md §3.3: statement [M], one-step
 *   inequality [D]; reported as the derived form of Theorem 2.
 *   Adversary (_lib/descent-space.ts): n ≤ 3 nodes of dense quadratics in d ≤ 3 with Ā shifted to λ_min(Ā) = μ > 0
 *   (each A_i may stay indefinite: Theorem 2 asks PL of f only), L_i, L, μ and f* from the matrices, any state, the
 *   worst compressor of the class or top-k; the ratio is Ψ⁺/((1 − γμ)Ψ). The rule and θ come from _lib/constants.ts.
 * Teeth: the adversary's m* with its shrunk violation; and random states at 4× and 8× the step size.
 */
import type { Compressor } from '../../src/compressors/types.ts';
import { foldIn, key, type Key } from '../../src/rng/key.ts';
import { verdictOverTrials, type Sides } from '../../src/report/verdict.ts';
import {
  budgetSizes,
  theoremFile,
  type Budget,
  type Theorem,
  type TheoremMeta,
  type TheoremResult,
  type Trial,
} from '../types.ts';
import { adversaryNote } from '../_lib/power.ts';
import { claimContext } from '../_lib/claim-context.ts';
import { seededTrials } from '../_lib/seeded-trials.ts';
import { theta as thetaOf } from './_lib/constants.ts';
import { descentAdversary } from './_lib/descent-adversary.ts';
import { descentSpace } from './_lib/descent-space.ts';
import { ef21PlSetting } from './_lib/ef21-settings.ts';
import { contractiveAlpha, ef21StepDistortions } from './_lib/ef21-step.ts';
import type { Instance, NodeState } from './_lib/instances.ts';
import { contractionSides, uniformWeights } from './_lib/lyapunov.ts';
import { psiExampleFigure, worstPsiPrefix } from './_lib/psi-trajectory.ts';
import { plConstants, seededPlTrial } from './_lib/seeded-pl-trial.ts';
import { trialJson, type Pool } from './_lib/seeded-trial.ts';
import { stepTeeth } from './_lib/step-teeth.ts';

export const meta: TheoremMeta = {
  id: 'ef21-pl',
  title: 'EF21 under PL: Ψ contracts by (1 − γμ) per step',
  group: 'ef21-family',
  paper: { authors: 'Richtárik, Sokolov, Fatkhullin', year: 2021 },
  theorem: 'Thm 2',
  provenance: 'D',
  kind: 'deterministic',
  statement:
    'For γ ≤ min{1/(L + L̃·sqrt(2β/θ)), θ/(2μ)} and any state: E Ψ(x⁺, g⁺) ≤ (1 − γμ)Ψ(x, g), Ψ = f − f* + (γ/θ)(1/n)Σ‖g_i − ∇f_i(x)‖²; pathwise for top-k, exact expectation for random C (docs/theory.md §3.3)',
  file: theoremFile(import.meta.url),
};

const CLAIM = 'E Ψ(x⁺, g⁺) ≤ (1 − γμ)Ψ(x, g)';

/**
 * Both sides at γ (which may exceed the theory's step, for the teeth): lhs = Ψ(x⁺, g⁺), rhs = (1 − γμ)Ψ(x, g);
 * deterministic C by one step of src/algorithms/ef21.ts, random C in exact expectation.
 */
export function plSides(
  instance: Instance,
  C: Compressor,
  gamma: number,
  state: NodeState,
  stepKey: Key = key(0),
): Sides {
  const { problem } = instance;
  const { mu, fStar } = plConstants(instance);
  const theta = thetaOf(contractiveAlpha(C));
  const { before, xNext, after } = ef21StepDistortions(problem, C, gamma, state, uniformWeights(problem.n), stepKey);
  return contractionSides({
    instance,
    gamma,
    coefficient: gamma / theta,
    x: state.x,
    before,
    xNext,
    after,
    fStar,
    factor: 1 - gamma * mu,
  });
}

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const { trials, rounds } = budgetSizes(budget);
  const root = key(seed);
  const ctx = { ...claimContext(meta, seed, budget), claim: CLAIM };
  const oneStep = (stream: number, pool: Pool, m: number | 'fraction'): Trial[] =>
    seededTrials(root, stream, trials, (k) => {
      const tr = seededPlTrial(k, pool, m);
      return { ...plSides(tr.instance, tr.compressor, tr.gamma, tr.state), instance: trialJson(tr) };
    });
  // Trajectories: Ψ_t ≤ (1 − γμ)^t Ψ_0 for every t ≤ T, each run judged at its tightest prefix.
  const runs = Math.ceil(trials / 20);
  const T = Math.min(rounds, 500);
  const along = seededTrials(root, 3, runs, (k) =>
    worstPsiPrefix(seededPlTrial(k, 'deterministic', 1), T, foldIn(root, 4)),
  );
  const adversary = descentAdversary(
    { ...ctx, check: 'n, d ≤ 3 quadratics with Ā ≻ 0, any state, worst compressor of the class or top-k' },
    ef21PlSetting,
    foldIn(root, 90),
    budget,
  );
  return {
    verdicts: [
      verdictOverTrials(
        { ...ctx, check: 'positive definite quadratics, top-k / scaled sign, pathwise' },
        'deterministic',
        oneStep(1, 'deterministic', 'fraction'),
      ),
      verdictOverTrials(
        { ...ctx, check: 'positive definite quadratics, random C, exact expectation' },
        'deterministic',
        oneStep(2, 'random', 'fraction'),
      ),
      verdictOverTrials(
        { ...ctx, check: `${runs} trajectories of ${T} rounds: Ψ_t ≤ (1 − γμ)^t Ψ_0`, claim: 'Ψ_t ≤ (1 − γμ)^t Ψ_0' },
        'deterministic',
        along.flat(),
      ),
      ...stepTeeth(ctx, 'γ_theory', [4, 8], (m, i) => oneStep(5 + i, 'deterministic', m)),
      ...adversary.verdicts,
    ],
    power: [adversary.power],
    // The picture: Ψ_t against (1 − γμ)^t Ψ_0 on one instance, top-1, from a random state.
    figures: [psiExampleFigure(root, rounds)],
    notes: [
      `${trials} one-step trials per pool: positive definite dense quadratics A_i = s_i(ZᵀZ/d + I/10), s_i log-uniform in [0.1, 10], n ≤ 5, d ≤ 8; states random, near ∇f_i(x), or g_i = ∇f_i(x); γ/γ_theory uniform in (0, 1] with a third at exactly 1.`,
      'f* and μ come from the eigen-decomposition of (1/n)ΣA_i (src/problems/dense-quadratic.ts); the tolerance adds |f*| to the summand scale.',
      adversaryNote(adversary.power, "the theory's step", 'Worst Ψ⁺/((1 − γμ)Ψ)'),
    ],
  };
}

export const theorem: Theorem = { meta, check, adversary: { space: () => descentSpace(ef21PlSetting) } };
