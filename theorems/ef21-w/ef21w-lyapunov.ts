/**
 * EF21-W decreases its own weighted Lyapunov function by (γ/2)‖∇f(x)‖² per step, from any state.
 *
 * Setting: as ef21-lyapunov (indefinite dense quadratics and logistic problems, L_i spread over two decades),
 *   every L_i > 0; weights w_i = L_i/Σ_j L_j; L_AM = (1/n)ΣL_i. Each f̃_i = f_i/(n w_i) is L_AM-smooth.
 * Algorithm: EF21-W (src/algorithms/ef21-w.ts) [Richtárik, Gasanov, Burlachenko 2024, Alg. 2]:
 *   x⁺ = x − γg, g = Σ_i w_i g_i;  g_i⁺ = g_i + C(∇f_i(x⁺)/(n w_i) − g_i).
 * Claim: for 0 < γ ≤ 1/(L + L_AM ξ(α)) and any state (x, g_i),
 *   E Φ^W(x⁺, g⁺) ≤ Φ^W(x, g) − (γ/2)‖∇f(x)‖²,  Φ^W = f − f_inf + (γ/(2θ))Σ_i w_i‖g_i − ∇f_i(x)/(n w_i)‖².
 * Kind: deterministic for top-k and scaled sign (one real step of the implementation); exact expectation over C
 *   for random compressors (expectation()).
 * Reference: Richtárik, Gasanov, Burlachenko (2024), "Error Feedback Reloaded", ICLR, Theorem 2 (EF21-W).
 *   docs/theory.md §4.2 Route 2: statement [M], inequality [D]; reported as the derived form of Theorem 2.
 *   Adversary (theorems/ef21/_lib/descent-space.ts): n ≤ 3 nodes of dense indefinite quadratics in d ≤ 3, L_i from
 *   the matrices (so w_i and L_AM move with them), any state, the worst compressor of the class or top-k through
 *   the real EF21-W step. The rule, θ and w_i come from theorems/ef21/_lib/constants.ts, not from src.
 * Teeth: the adversary's m* with its shrunk violation; random states at 4× and 8× the step size. The check is
 *   written for any weights (ef21wCheck): with uniform weights EF21-W is EF21 at the AM step, and the adversary's
 *   worst case at m = 1 fails (ef21w-lyapunov.spec.ts) where random states do not.
 */
import type { Compressor } from '../../src/compressors/types.ts';
import { foldIn, key, type Key } from '../../src/rng/key.ts';
import type { Sides } from '../../src/report/verdict.ts';
import { budgetSizes, theoremFile, type Budget, type Theorem, type TheoremMeta, type TheoremResult } from '../types.ts';
import { claimContext } from '../_lib/claim-context.ts';
import { adversaryNote } from '../_lib/power.ts';
import { ef21wWeights, theta as thetaOf } from '../ef21/_lib/constants.ts';
import { descentAdversary } from '../ef21/_lib/descent-adversary.ts';
import { descentSpace } from '../ef21/_lib/descent-space.ts';
import { ef21wSetting } from '../ef21/_lib/ef21-settings.ts';
import { contractiveAlpha } from '../ef21/_lib/ef21-step.ts';
import type { Instance, NodeState } from '../ef21/_lib/instances.ts';
import { descentSides } from '../ef21/_lib/lyapunov.ts';
import { randomTrialVerdicts } from '../ef21/_lib/random-trial-verdicts.ts';
import { stepTeeth } from '../ef21/_lib/step-teeth.ts';
import { trialRunner } from '../ef21/_lib/trial-runner.ts';
import { ef21wStepDistortions } from './_lib/ef21w-step.ts';
import { seededWTrial } from './_lib/seeded-w-trial.ts';
import type { Weights } from './_lib/weighted-target.ts';

export const meta: TheoremMeta = {
  id: 'ef21w-lyapunov',
  title: 'EF21-W: one-step descent of its weighted Lyapunov function',
  group: 'ef21-w',
  paper: { authors: 'Richtárik, Gasanov, Burlachenko', year: 2024 },
  theorem: 'Thm 2',
  provenance: 'D',
  kind: 'deterministic',
  statement:
    'For γ ≤ 1/(L + L_AM ξ(α)) and any state: E Φ^W(x⁺, g⁺) ≤ Φ^W(x, g) − (γ/2)‖∇f(x)‖², Φ^W = f − f_inf + (γ/(2θ))Σ w_i‖g_i − ∇f_i(x)/(n w_i)‖², w_i = L_i/ΣL_j; pathwise for top-k, exact expectation for random C (docs/theory.md §4.2)',
  file: theoremFile(import.meta.url),
};

const CLAIM = 'E Φ^W(x⁺, g⁺) ≤ Φ^W(x, g) − (γ/2)‖∇f(x)‖²';

/**
 * Both sides: lhs = f(x⁺) + (γ/(2θ))Σw_i‖g_i⁺ − h_i(x⁺)‖², rhs = f(x) + (γ/(2θ))Σw_i‖g_i − h_i(x)‖² − (γ/2)‖∇f(x)‖²,
 * h_i = ∇f_i/(n w_i) (_lib/weighted-target.ts); deterministic C by one step of src/algorithms/ef21-w.ts (handed the
 * weights), random C in exact expectation (_lib/ef21w-step.ts).
 */
export function ef21wSides(
  instance: Instance,
  C: Compressor,
  gamma: number,
  state: NodeState,
  stepKey: Key = key(0),
  weights: Weights = ef21wWeights,
): Sides {
  const theta = thetaOf(contractiveAlpha(C));
  const wi = weights(instance.problem.Li);
  const { before, xNext, after } = ef21wStepDistortions(instance.problem, C, gamma, state, wi, stepKey);
  return descentSides({ instance, gamma, coefficient: gamma / (2 * theta), x: state.x, before, xNext, after });
}

/** The claim's check for given weights; `check` is it at w_i = L_i/ΣL_j (a spec hands it uniform ones). */
export function ef21wCheck(weights: Weights): (seed: number, budget: Budget) => Promise<TheoremResult> {
  return async (seed, budget) => checkWith(weights, seed, budget);
}

function checkWith(weights: Weights, seed: number, budget: Budget): TheoremResult {
  const { trials } = budgetSizes(budget);
  const root = key(seed);
  const ctx = { ...claimContext(meta, seed, budget), claim: CLAIM };
  const run = trialRunner(
    root,
    (k, family, pool, m) => seededWTrial(k, family, pool, m, weights),
    (tr) => ef21wSides(tr.instance, tr.compressor, tr.gamma, tr.state, key(0), weights),
  );
  const adversary = descentAdversary(
    { ...ctx, check: 'n, d ≤ 3 indefinite quadratics, any state, worst compressor of the class or top-k' },
    ef21wSetting(weights),
    foldIn(root, 90),
    budget,
  );
  return {
    power: [adversary.power],
    verdicts: [
      ...randomTrialVerdicts(ctx, run, trials),
      ...stepTeeth(ctx, 'γ_AM', [4, 8], (m, i) => run(4 + i, trials, 'quadratic', 'deterministic', m)),
      ...adversary.verdicts,
    ],
    notes: [
      `Instances and states as in ef21-lyapunov, with g_i drawn around the EF21-W targets ∇f_i(x)/(n w_i). ${trials} quadratic and ${Math.ceil(trials / 4)} logistic trials; γ_max = 1/(L + L_AM ξ(α)).`,
      adversaryNote(adversary.power, 'γ_AM'),
    ],
  };
}

export const check = ef21wCheck(ef21wWeights);

export const theorem: Theorem = { meta, check, adversary: { space: () => descentSpace(ef21wSetting()) } };
