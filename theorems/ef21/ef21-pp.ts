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
import { ef21Pp, type EF21PpState } from '../../src/algorithms/ef21-pp.ts';
import { masterStep } from '../../src/algorithms/master-step.ts';
import { mean } from '../../src/linalg/vector.ts';
import { exactOracle } from '../../src/oracles/exact.ts';
import { foldIn, key, split, type Key } from '../../src/rng/key.ts';
import { integerBelow } from '../../src/rng/sample.ts';
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
import { ef21Gamma, ef21PpGamma, theta as thetaOf } from './_lib/constants.ts';
import { descentAdversary } from './_lib/descent-adversary.ts';
import { descentSpace } from './_lib/descent-space.ts';
import { ef21PpSetting } from './_lib/ef21-settings.ts';
import { contractiveAlpha } from './_lib/ef21-step.ts';
import { seededState, seededStateKind, type Instance, type NodeState } from './_lib/instances.ts';
import {
  descentSides,
  distortion,
  expectedErrorSq,
  expectedNextDistortion,
  gradientTarget,
  uniformWeights,
} from './_lib/lyapunov.ts';
import { participationTable } from './_lib/participation-table.ts';
import { seededCompressor, seededInstance, stepMultiplier, type Family, type Pool } from './_lib/seeded-trial.ts';

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

/**
 * One realized step of src/algorithms/ef21-pp.ts with a deterministic C, against the per-client formula for the
 * participation it drew: (1/n)Σ‖g_i⁺ − ∇f_i(x⁺)‖² = (1/n)Σ_i [joined_i ? ‖C(u_i) − u_i‖² : ‖u_i‖²].
 */
export function realizedStepSides(
  instance: Instance,
  C: Compressor,
  p: number,
  gamma: number,
  state: NodeState,
  k: Key,
): Sides & { readonly joined: number } {
  const { problem } = instance;
  const s: EF21PpState = {
    t: 0,
    x: state.x,
    gi: state.gi,
    g: mean(state.gi),
    participated: state.gi.map(() => true),
    bitsPerNode: 0,
    initBitsPerNode: 0,
  };
  const next = ef21Pp({ gamma, compressor: C, p }).step(s, exactOracle(problem), k);
  const c = uniformWeights(problem.n);
  const realized = distortion(c, next.gi, gradientTarget(problem), next.x);
  let formula = 0;
  for (let i = 0; i < problem.n; i++) {
    const h = problem.gradI(i, next.x);
    const u = new Float64Array(h.length);
    for (let j = 0; j < h.length; j++) u[j] = h[j] - state.gi[i][j];
    let uu = 0;
    for (let j = 0; j < u.length; j++) uu += u[j] * u[j];
    formula += c[i] * (next.participated[i] ? expectedErrorSq(C, u) : uu);
  }
  return { lhs: realized.value, rhs: formula, scale: realized.scale, joined: next.participated.filter(Boolean).length };
}

export type PpStep = 'pp' | 'ef21';

/** A seeded trial; γ = multiplier·(PP step 1/(L + L̃ξ(pα))), or multiplier·(EF21 step ignoring p) for 'ef21'. */
export function seededPpTrial(
  k: Key,
  family: Family,
  pool: Pool,
  multiplier: number | 'fraction',
  rule: PpStep = 'pp',
): { instance: Instance; compressor: Compressor; p: number; gamma: number; state: NodeState } {
  const [kInst, kC, kP, kState, kKind, kFrac] = split(k, 6);
  const instance = seededInstance(kInst, family);
  const compressor = seededCompressor(kC, pool, instance.problem.dim);
  const p = PARTICIPATION[integerBelow(kP, PARTICIPATION.length)];
  const alpha = contractiveAlpha(compressor);
  const base = rule === 'pp' ? ef21PpGamma(instance.problem, alpha, p) : ef21Gamma(instance.problem, alpha);
  return {
    instance,
    compressor,
    p,
    gamma: stepMultiplier(kFrac, multiplier) * base,
    state: seededState(kState, instance.problem, seededStateKind(kKind)),
  };
}

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const { trials } = budgetSizes(budget);
  const root = key(seed);
  const ctx = { ...claimContext(meta, seed, budget), claim: CLAIM };
  const run = (
    stream: number,
    count: number,
    family: Family,
    pool: Pool,
    m: number | 'fraction',
    rule: PpStep = 'pp',
  ): Trial[] =>
    seededTrials(root, stream, count, (k) => {
      const tr = seededPpTrial(k, family, pool, m, rule);
      const instance = {
        problem: tr.instance.json,
        compressor: tr.compressor.name,
        p: tr.p,
        gamma: tr.gamma,
        x: Array.from(tr.state.x),
        gi: tr.state.gi.map((g) => Array.from(g)),
      };
      return { ...ppSides(tr.instance, tr.compressor, tr.p, tr.gamma, tr.state), instance };
    });
  const realized: Trial[] = seededTrials(root, 6, trials, (k, t) => {
    const tr = seededPpTrial(k, 'quadratic', 'deterministic', 'fraction');
    return realizedStepSides(tr.instance, tr.compressor, tr.p, tr.gamma, tr.state, foldIn(foldIn(root, 7), t));
  });
  const quarter = Math.ceil(trials / 4);
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
      verdictOverTrials(
        { ...ctx, check: 'indefinite quadratics, top-k / scaled sign, exact over participation' },
        'deterministic',
        run(1, trials, 'quadratic', 'deterministic', 'fraction'),
      ),
      verdictOverTrials(
        { ...ctx, check: 'logistic + nonconvex regulariser, top-k / scaled sign, exact over participation' },
        'deterministic',
        run(2, quarter, 'logistic', 'deterministic', 'fraction'),
      ),
      verdictOverTrials(
        { ...ctx, check: 'indefinite quadratics, random C, exact over participation and C' },
        'deterministic',
        run(3, trials, 'quadratic', 'random', 'fraction'),
      ),
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
      verdictOverTrials(
        { ...ctx, check: 'teeth: γ = 4·γ_PP', expectation: 'may-fail' },
        'deterministic',
        run(5, trials, 'quadratic', 'deterministic', 4),
      ),
      ...adversary.verdicts,
    ],
    power: [adversary.power],
    tables: [participationTable(PARTICIPATION, ignoring)],
    notes: [
      `Instances and states as in ef21-lyapunov; p uniform over {${PARTICIPATION.join(', ')}}. ${trials} quadratic and ${quarter} logistic trials; ${trials} realized steps of src/algorithms/ef21-pp.ts compared with the per-client formula.`,
      'No Monte Carlo: the participation coin enters the Lyapunov function linearly per client, so its expectation is a weighted sum of the two outcomes.',
      adversaryNote(adversary.power, 'γ_PP'),
    ],
  };
}

export const theorem: Theorem = { meta, check, adversary: { space: () => descentSpace(ef21PpSetting(PARTICIPATION)) } };
