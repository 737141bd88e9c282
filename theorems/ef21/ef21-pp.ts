/**
 * EF21-PP (partial participation) decreases the EF21 Lyapunov function with α replaced by pα, in expectation.
 *
 * Setting: as ef21-lyapunov (indefinite quadratics and logistic problems, heterogeneous L_i, arbitrary states);
 *   each node joins a round independently with probability p ∈ {0.1, 0.25, 0.5, 0.9, 1}; C contractive with α.
 * Algorithm: EF21-PP (src/algorithms/ef21-pp.ts): x⁺ = x − γg; node i, if it joins, sends c_i = C(∇f_i(x⁺) − g_i)
 *   and g_i⁺ = g_i + c_i; otherwise g_i⁺ = g_i.
 * Claim (derived form): with α_p = pα, θ_p = 1 − sqrt(1 − pα), and 0 < γ ≤ 1/(L + L̃ξ(pα)), from any state,
 *   E Φ_p(x⁺, g⁺) ≤ Φ_p(x, g) − (γ/2)‖∇f(x)‖²,  Φ_p = f − f_inf + (γ/(2θ_p))(1/n)Σ‖g_i − ∇f_i(x)‖².
 * Kind: deterministic: the expectation over participation (and over C) is computed exactly by per-client linearity,
 *   E‖g_i⁺ − ∇f_i(x⁺)‖² = p·E‖C(u_i) − u_i‖² + (1 − p)‖u_i‖², u_i = ∇f_i(x⁺) − g_i (docs/theory.md §3.5); and that
 *   per-client formula is checked against realized steps of the implementation (an identity for top-k).
 * Reference: Fatkhullin, Sokolov, Gorbunov, Li, Richtárik (2021), "EF21 with Bells & Whistles", EF21-PP,
 *   Theorem (partial participation). docs/theory.md §3.5: update rule [P], inequality [D] — the derived form, not the
 *   paper's constants (B&W's θ_p, β_p for non-uniform p_i were not retrieved).
 *   Adversary (_lib/descent-space.ts, as in ef21-lyapunov, p chosen among the values above): L_i from the matrices,
 *   any state, the worst compressor of the class or top-k, the expectation over participation exact. The rule and
 *   θ_p come from _lib/constants.ts.
 * Teeth: the adversary's m* with its shrunk violation; EF21's step 1/(L + L̃ξ(α)) that ignores participation, and 4×
 *   the PP step, must break the inequality on random states.
 */
import type { Compressor } from '../../src/compressors/types.ts';
import { masterStep } from '../../src/algorithms/master-step.ts';
import { mean } from '../../src/linalg/vector.ts';
import { foldIn, key, type Key } from '../../src/rng/key.ts';
import { verdictOverTrials, type Sides } from '../../src/report/verdict.ts';
import { budgetSizes, theoremFile, type Budget, type Theorem, type TheoremMeta, type TheoremResult } from '../types.ts';
import { adversaryNote } from '../_lib/power.ts';
import { claimContext } from '../_lib/claim-context.ts';
import { seededTrials } from '../_lib/seeded-trials.ts';
import { theta as thetaOf } from './_lib/constants.ts';
import { descentAdversary } from './_lib/descent-adversary.ts';
import { descentSpace } from './_lib/descent-space.ts';
import { ef21PpSetting } from './_lib/ef21-settings.ts';
import { contractiveAlpha } from './_lib/ef21-step.ts';
import type { Instance, NodeState } from './_lib/instances.ts';
import { descentSides, distortion, expectedNextDistortion, gradientTarget, uniformWeights } from './_lib/lyapunov.ts';
import { participationTable } from './_lib/participation-table.ts';
import { randomTrialVerdicts } from './_lib/random-trial-verdicts.ts';
import { realizedStepSides } from './_lib/realized-pp-step.ts';
import { ppTrialJson, seededParticipationTrial, type PpStep, type PpTrial } from './_lib/seeded-pp-trial.ts';
import type { Family, Pool } from './_lib/seeded-trial.ts';
import { stepTeeth } from './_lib/step-teeth.ts';

export const meta: TheoremMeta = {
  id: 'ef21-pp',
  title: 'EF21-PP: Lyapunov descent with α replaced by pα, exact over participation',
  group: 'ef21-family',
  paper: { authors: 'Fatkhullin, Sokolov, Gorbunov, Li, Richtárik', year: 2021 },
  theorem: 'the EF21-PP theorem',
  provenance: 'D',
  kind: 'deterministic',
  statement:
    'With θ_p = 1 − sqrt(1 − pα) and γ ≤ 1/(L + L̃ξ(pα)), from any state: E Φ_p(x⁺, g⁺) ≤ Φ_p(x, g) − (γ/2)‖∇f(x)‖², Φ_p = f − f_inf + (γ/(2θ_p))(1/n)Σ‖g_i − ∇f_i(x)‖², expectation over participation and C computed exactly (docs/theory.md §3.5)',
  file: theoremFile(import.meta.url),
};

const CLAIM = 'E Φ_p(x⁺, g⁺) ≤ Φ_p(x, g) − (γ/2)‖∇f(x)‖²';

export const PARTICIPATION: readonly number[] = [0.1, 0.25, 0.5, 0.9, 1];

/** Both sides of the claim at (γ, p): the next distortion in exact expectation over participation and C. */
export function ppSides(instance: Instance, C: Compressor, p: number, gamma: number, state: NodeState): Sides {
  const { problem } = instance;
  const theta = thetaOf(p * contractiveAlpha(C));
  const c = uniformWeights(problem.n);
  const target = gradientTarget(problem);
  const before = distortion(c, state.gi, target, state.x);
  const xNext = masterStep(state.x, gamma, mean(state.gi));
  const after = expectedNextDistortion(C, c, state.gi, target, xNext, p);
  return descentSides({ instance, gamma, coefficient: gamma / (2 * theta), x: state.x, before, xNext, after });
}

/** A seeded trial; γ = multiplier·(PP step 1/(L + L̃ξ(pα))), or multiplier·(EF21 step ignoring p) for 'ef21'. */
export function seededPpTrial(k: Key, family: Family, pool: Pool, m: number | 'fraction', rule?: PpStep): PpTrial {
  return seededParticipationTrial(k, PARTICIPATION, family, pool, m, rule);
}

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const { trials } = budgetSizes(budget);
  const root = key(seed);
  const ctx = { ...claimContext(meta, seed, budget), claim: CLAIM };
  const run = (stream: number, count: number, family: Family, pool: Pool, m: number | 'fraction', rule?: PpStep) =>
    seededTrials(root, stream, count, (k) => {
      const tr = seededPpTrial(k, family, pool, m, rule);
      return { ...ppSides(tr.instance, tr.compressor, tr.p, tr.gamma, tr.state), instance: ppTrialJson(tr) };
    });
  const realized = seededTrials(root, 6, trials, (k, t) => {
    const tr = seededPpTrial(k, 'quadratic', 'deterministic', 'fraction');
    return realizedStepSides(tr.instance, tr.compressor, tr.p, tr.gamma, tr.state, foldIn(foldIn(root, 7), t));
  });
  const ignoring = run(4, trials, 'quadratic', 'deterministic', 1, 'ef21');
  const adversary = descentAdversary(
    {
      ...ctx,
      check:
        'n, d ≤ 3 indefinite quadratics, any state, worst compressor of the class or top-k, exact over participation',
    },
    ef21PpSetting(PARTICIPATION),
    foldIn(root, 90),
    budget,
  );
  return {
    verdicts: [
      ...randomTrialVerdicts(ctx, run, trials, {
        deterministic: 'exact over participation',
        random: 'exact over participation and C',
      }),
      verdictOverTrials(
        {
          ...ctx,
          check: 'realized EF21-PP steps match the per-client formula (top-k / scaled sign)',
          claim: '(1/n)Σ‖g_i⁺ − ∇f_i(x⁺)‖² = (1/n)Σ[joined ? ‖C(u_i) − u_i‖² : ‖u_i‖²]',
        },
        'identity',
        realized,
      ),
      verdictOverTrials(
        { ...ctx, check: 'teeth: EF21’s step 1/(L + L̃ξ(α)), ignoring participation', expectation: 'may-fail' },
        'deterministic',
        ignoring,
      ),
      ...stepTeeth(ctx, 'γ_PP', [4], (m) => run(5, trials, 'quadratic', 'deterministic', m)),
      ...adversary.verdicts,
    ],
    power: [adversary.power],
    tables: [participationTable(PARTICIPATION, ignoring)],
    notes: [
      `Instances and states as in ef21-lyapunov; p uniform over {${PARTICIPATION.join(', ')}}. ${trials} quadratic and ${Math.ceil(trials / 4)} logistic trials; ${trials} realized steps of src/algorithms/ef21-pp.ts compared with the per-client formula.`,
      'No Monte Carlo: the participation coin enters the Lyapunov function linearly per client, so its expectation is a weighted sum of the two outcomes.',
      adversaryNote(adversary.power, 'γ_PP'),
    ],
  };
}

export const theorem: Theorem = { meta, check, adversary: { space: () => descentSpace(ef21PpSetting(PARTICIPATION)) } };
