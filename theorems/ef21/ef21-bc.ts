/**
 * EF21-BC (bidirectional compression) decreases a two-error Lyapunov function in one step, from any state.
 *
 * Setting: as ef21-lyapunov (indefinite quadratics and logistic problems, heterogeneous L_i, arbitrary states), in
 *   d ≥ 2; workers compress with C_w (contractive, α_w < 1), the master with C_M (α_M < 1).
 * Algorithm: EF21-BC (src/algorithms/ef21-bc.ts): x⁺ = x − γg;  g̃_i⁺ = g̃_i + C_w(∇f_i(x⁺) − g̃_i);
 *   g̃⁺ = (1/n)Σg̃_i⁺;  g⁺ = g + C_M(g̃⁺ − g), the broadcast every worker adds to its copy of g.
 * Claim (derived form): with κ = 1 + sqrt(1 − α_w), ξ_w = ξ(α_w), ξ_M = ξ(α_M), S = ξ_w + κξ_M(1 + ξ_w) and
 *   0 < γ ≤ 1/(L + L̃S), from any state (x, g̃_i, g):  E Φ⁺ ≤ Φ − (γ/2)‖∇f(x)‖²,  Φ = f − f_inf + a·G_w + b·P,
 *   G_w = (1/n)Σ‖g̃_i − ∇f_i(x)‖², P = ‖g − g̃‖², a = γS(1 + κξ_M)/(2θ_wξ_w), b = γS/(2θ_Mκξ_M(1 + ξ_w)).
 *   Proof [D], R = ‖x⁺ − x‖², u_i = ∇f_i(x⁺) − g̃_i: (i) L1 and ‖g − ∇f‖² ≤ (1 + t)P + (1 + 1/t)G_w;
 *   (ii) E G_w⁺ ≤ (1 − θ_w)G_w + β_wL̃²R (EF21); (iii) E P⁺ ≤ (1 − α_M)E‖(g̃ − g) + (1/n)Σc_i‖²
 *   ≤ (1 − θ_M)P + β_Mκ²(1/n)Σ‖u_i‖² (Young, Jensen, ‖C_w(u)‖ ≤ κ‖u‖), ‖u_i‖² ≤ (1 + r)G_i + (1 + 1/r)L_i²R.
 *   b kills P, a kills G_w, and R's row is 1/γ − L ≥ γL̃²S² at r = 1/ξ_w, t = ξ_w/(κξ_M(1 + ξ_w)); L2 gives the
 *   rule. S ≈ 8/(α_wα_M) for small α: the shape of the paper's O(L̃δ₀/(α_wα_Mε²)) [P].
 * Kind: deterministic: C_w top-k / scaled sign, one real step of the implementation; C_M the same (pathwise) or
 *   random with exact expectation (x⁺ and g̃_i⁺ do not depend on C_M, and P⁺ = ‖C_M(w) − w‖², w = g̃⁺ − g).
 *   Random C_w is not checked here: P⁺ is not linear in the workers' joint draw; the adversary's C_w covers the class.
 * Reference: Fatkhullin, Sokolov, Gorbunov, Li, Richtárik (2021), "EF21 with Bells & Whistles", EF21-BC, Corollary
 *   (rate). docs/theory.md §3.6: update and rate [P], this inequality [D] — B&W's constants were not retrieved.
 *   The rule here is bc-constants.ts; `efcheck run` uses step-sizes.ts's copy, tied to it by theory-step-sizes.
 *   Adversary (_lib/bc-space.ts): n ≤ 3 quadratics in d ≤ 3, any state, adversarial C_w (direction and radius per
 *   node, climbed: the master sees Σc_i) and C_M with α_w, α_M searched, or top-k on both links through the code.
 * Teeth: the adversary's m* (measured in (1, 1.011] on 30 seeds: the rule is tight); EF21's step 1/(L + L̃ξ_w)
 *   (the rule at α_M = 1, ignoring the downlink) and 4× the rule on random states. Also: workers that add only the
 *   broadcast to their g hold the master's g bit for bit. The Lyapunov weights a and b are guarded by the adversary
 *   alone: on the random states, 2× either weight still passes.
 */
import type { Compressor } from '../../src/compressors/types.ts';
import { ef21Bc } from '../../src/algorithms/ef21-bc.ts';
import { exactOracle } from '../../src/oracles/exact.ts';
import { foldIn, key } from '../../src/rng/key.ts';
import { verdictOverTrials, type Sides, type Trial } from '../../src/report/verdict.ts';
import { theoremFile, type Budget, type Theorem, type TheoremMeta, type TheoremResult } from '../types.ts';
import { adversaryNote } from '../_lib/power.ts';
import { claimContext } from '../_lib/claim-context.ts';
import { bcWeights } from './_lib/bc-constants.ts';
import { broadcastCheck } from './_lib/bc-replay.ts';
import { bcSpace, ef21BcSetting } from './_lib/bc-space.ts';
import { bcStateOf, bcTrialJson, masterError, seededBcTrial, type BcState, type BcStep } from './_lib/bc-state.ts';
import { contractiveAlpha } from './_lib/ef21-step.ts';
import type { Instance } from './_lib/instances.ts';
import { descentSides, distortion, gradientTarget, uniformWeights, type Distortion } from './_lib/lyapunov.ts';
import { oneStepRun, oneStepVerdicts } from './_lib/one-step-verdicts.ts';

export const meta: TheoremMeta = {
  id: 'ef21-bc',
  title: 'EF21-BC: one-step descent of a workers’ + master’s error Lyapunov function, from any state',
  group: 'ef21-family',
  paper: { authors: 'Fatkhullin, Sokolov, Gorbunov, Li, Richtárik', year: 2021 },
  theorem: 'the EF21-BC corollary',
  provenance: 'D',
  kind: 'deterministic',
  statement:
    'With κ = 1 + sqrt(1 − α_w), S = ξ(α_w) + κξ(α_M)(1 + ξ(α_w)) and γ ≤ 1/(L + L̃S), from any state: E Φ⁺ ≤ Φ − (γ/2)‖∇f(x)‖², Φ = f − f_inf + a(1/n)Σ‖g̃_i − ∇f_i(x)‖² + b‖g − g̃‖² with a, b from the derived proof; pathwise for top-k, exact over a random C_M (docs/theory.md §3.6)',
  file: theoremFile(import.meta.url),
};

const CLAIM = 'E Φ(x⁺, g̃⁺, g⁺) ≤ Φ(x, g̃, g) − (γ/2)‖∇f(x)‖²';

/** Both sides at γ: one real step (C_w deterministic); P⁺ realized for deterministic C_M, exact for random C_M. */
export function bcSides(instance: Instance, Cw: Compressor, CM: Compressor, gamma: number, state: BcState): Sides {
  const { problem } = instance;
  if (!Cw.deterministic) throw new RangeError(`bcSides: C_w must be deterministic, got ${Cw.name}`);
  const { worker: a, master: b } = bcWeights(gamma, contractiveAlpha(Cw), contractiveAlpha(CM));
  const c = uniformWeights(problem.n);
  const target = gradientTarget(problem);
  const next = ef21Bc({ gamma, compressor: Cw, masterCompressor: CM }).step(
    bcStateOf(state),
    exactOracle(problem),
    key(0),
  );
  const pNext = CM.deterministic ? masterError(next.g, next.gi) : masterError(state.g, next.gi, CM);
  // Φ's error part a·G_w + b·P, with the sizes of its summands.
  const weighted = (gw: Distortion, p: Distortion): Distortion => ({
    value: a * gw.value + b * p.value,
    scale: a * gw.scale + b * p.scale,
  });
  return descentSides({
    ...{ instance, gamma, coefficient: 1, x: state.x, xNext: next.x },
    before: weighted(distortion(c, state.gi, target, state.x), masterError(state.g, state.gi)),
    after: weighted(distortion(c, next.gi, target, next.x), pNext),
  });
}

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const root = key(seed);
  const ctx = { ...claimContext(meta, seed, budget), claim: CLAIM };
  const run = oneStepRun<BcStep>(root, (k, family, pool, m, rule): Trial => {
    const tr = seededBcTrial(k, family, pool, m, rule);
    return { ...bcSides(tr.instance, tr.Cw, tr.CM, tr.gamma, tr.state), instance: bcTrialJson(tr) };
  });
  const { trials, quarter, held, fourTimes, adversary } = oneStepVerdicts(ctx, root, budget, run, {
    deterministic: 'top-k / scaled sign on both links',
    random: 'indefinite quadratics, random C_M, exact over C_M',
    rule: 'γ_BC',
    adversary: 'n, d ≤ 3 indefinite quadratics, any state, adversarial C_w and C_M or top-k on both',
    space: bcSpace(ef21BcSetting),
  });
  const bookkeeping = broadcastCheck(ctx, foldIn(root, 6), Math.ceil(trials / 10));
  const ignoring = 'teeth: EF21’s step 1/(L + L̃ξ(α_w)), ignoring the master’s compression';
  return {
    verdicts: [
      ...held,
      bookkeeping.verdict,
      verdictOverTrials(
        { ...ctx, check: ignoring, expectation: 'may-fail' },
        'deterministic',
        run(4, trials, 'quadratic', 'deterministic', 1, 'ignore-master'),
      ),
      fourTimes,
      ...adversary.verdicts,
    ],
    power: [adversary.power],
    notes: [
      `Instances as in ef21-lyapunov with d ≥ 2; C_w and C_M among top-k (k < d) and scaled sign, C_M also random (rand-k, Bernoulli, scaled rand-k and natural, natural∘top-k) with E‖C_M(w) − w‖² exact. The broadcast g is mean(g̃_i), within 1% of it, or random. ${trials} quadratic and ${quarter} logistic trials per pool.`,
      bookkeeping.note,
      adversaryNote(adversary.power, 'γ_BC'),
    ],
  };
}

export const theorem: Theorem = { meta, check, adversary: { space: () => bcSpace(ef21BcSetting) } };
