/**
 * EF21-HB (heavy ball) decreases a Lyapunov function of the auxiliary sequence z in one step, from any state.
 *
 * Setting: as ef21-lyapunov (indefinite quadratics and logistic problems, heterogeneous L_i, arbitrary states), in
 *   d ≥ 2; C contractive with α < 1; η ∈ {0.1, 0.5, 0.9, 0.99}.
 * Algorithm: EF21-HB (src/algorithms/ef21-hb.ts): x⁺ = x − γv;  g_i⁺ = g_i + C(∇f_i(x⁺) − g_i);  v⁺ = ηv + g⁺.
 * Claim (derived form): with γ' = γ/(1 − η), m = v − g (the momentum carried beyond g), z = x − γ'm, and
 *   0 < γ ≤ (1 − η)²/(L + (1 − η)L̃ξ(α)), i.e. γ' ≤ 1/(L + L̃ξ(α) + ηL/(1 − η)), from any state (x, g_i, v):
 *   E Ψ⁺ ≤ Ψ − (γ'/2)‖∇f(z)‖²,  Ψ = f(z) − f_inf + a·G + c·‖m‖²,  G = (1/n)Σ‖g_i − ∇f_i(x)‖²,
 *   s = ηL/((1 − η)ξL̃), a = γ'(1 + s)/(2θ), c = [γ'³(1 + 1/s)L²/2 + aβL̃²γ²/η]/(1 − η).
 *   Proof [D]: m⁺ = ηv and z⁺ = z − γ'g, so (i) L1 at z: f(z⁺) ≤ f(z) − (γ'/2)‖∇f(z)‖² − (γ'/2)(1 − Lγ')‖g‖²
 *   + (γ'/2)‖g − ∇f(z)‖², with ‖g − ∇f(z)‖² ≤ (1 + s)G + (1 + 1/s)L²γ'²‖m‖² (Jensen, L-smoothness, z − x = −γ'm);
 *   (ii) E G⁺ ≤ (1 − θ)G + βL̃²γ²‖m + g‖² (EF21, x⁺ − x = −γ(m + g)); (iii) ‖m⁺‖² = η²‖m + g‖² and
 *   ‖m + g‖² ≤ ‖m‖²/η + ‖g‖²/(1 − η). a kills G, c kills ‖m‖², and ‖g‖²'s row is
 *   γ'²[(1 + s)ξ²L̃² + (1 + 1/s)η²L²/(1 − η)²] ≤ 1 − Lγ'; s minimises it to (ξL̃ + ηL/(1 − η))², and L2 gives the
 *   rule. Summed over t: T = O((L̃ξ(α) + L/(1 − η))δ₀/ε²) for ‖∇f(z^t)‖², the shape of the paper's [P] rate on x
 *   (the step from z to x, ‖x − z‖ = γ'‖m‖, is not shown).
 * Kind: deterministic: top-k / scaled sign through one real step of the implementation (z⁺ from its x⁺, v⁺, g⁺);
 *   random C in exact expectation (x⁺, v⁺ − g⁺ = ηv and z⁺ do not depend on C; only G⁺ does, linearly per node).
 * Reference: Fatkhullin, Sokolov, Gorbunov, Li, Richtárik (2021), "EF21 with Bells & Whistles", EF21-HB, Corollary
 *   (rate). docs/theory.md §3.7: update and rate [P], this inequality [D] — B&W's constants were not retrieved.
 *   The rule here is hb-constants.ts; `efcheck run` uses step-sizes.ts's copy, tied to it by theory-step-sizes.
 *   Adversary (_lib/hb-space.ts): n ≤ 3 quadratics in d ≤ 3, any state (x, g_i, v), η ∈ [0.05, 0.99] and α
 *   searched, the worst compressor of the class or top-k through the code.
 * Teeth: the adversary's m* (measured in (1, 1.011] on 30 seeds: the rule is tight); EF21's step 1/(L + L̃ξ(α)),
 *   which ignores η, and 4× the rule on random states. The Lyapunov weights a and c are guarded by the adversary
 *   alone: on the random states, 2× either weight still passes.
 */
import type { Compressor } from '../../src/compressors/types.ts';
import { ef21Hb } from '../../src/algorithms/ef21-hb.ts';
import { masterStep } from '../../src/algorithms/master-step.ts';
import { norm2 } from '../../src/linalg/norms.ts';
import { axpy, mean, norm2sq, sub, type ReadonlyVector, type Vector } from '../../src/linalg/vector.ts';
import { exactOracle } from '../../src/oracles/exact.ts';
import { key } from '../../src/rng/key.ts';
import { verdictOverTrials, type Sides, type Trial } from '../../src/report/verdict.ts';
import { theoremFile, type Budget, type Theorem, type TheoremMeta, type TheoremResult } from '../types.ts';
import { adversaryNote } from '../_lib/power.ts';
import { claimContext } from '../_lib/claim-context.ts';
import { contractiveAlpha } from './_lib/ef21-step.ts';
import { hbWeights } from './_lib/hb-constants.ts';
import { etaTable } from './_lib/hb-eta-table.ts';
import { ef21HbSetting, hbSpace } from './_lib/hb-space.ts';
import { ETAS, hbTrialJson, seededHbTrial, type HbState, type HbStep } from './_lib/hb-state.ts';
import type { Instance } from './_lib/instances.ts';
import {
  descentSides,
  distortion,
  expectedNextDistortion,
  gradientTarget,
  uniformWeights,
  type Distortion,
} from './_lib/lyapunov.ts';
import { oneStepRun, oneStepVerdicts } from './_lib/one-step-verdicts.ts';

export const meta: TheoremMeta = {
  id: 'ef21-hb',
  title: 'EF21-HB: one-step descent of a Lyapunov function on the heavy-ball auxiliary sequence, from any state',
  group: 'ef21-family',
  paper: { authors: 'Fatkhullin, Sokolov, Gorbunov, Li, Richtárik', year: 2021 },
  theorem: 'the EF21-HB corollary',
  provenance: 'D',
  kind: 'deterministic',
  statement:
    'With γ ≤ (1 − η)²/(L + (1 − η)L̃ξ(α)), γ′ = γ/(1 − η) and z = x − γ′(v − g), from any state: E Ψ⁺ ≤ Ψ − (γ′/2)‖∇f(z)‖², Ψ = f(z) − f_inf + a(1/n)Σ‖g_i − ∇f_i(x)‖² + c‖v − g‖² with a, c from the derived proof; pathwise for top-k, exact over random C (docs/theory.md §3.7)',
  file: theoremFile(import.meta.url),
};

const CLAIM = 'E Ψ(x⁺, g⁺, v⁺) ≤ Ψ(x, g, v) − (γ′/2)‖∇f(z)‖²';

/** Both sides at (γ, η): one real step for deterministic C, the exact expectation over C otherwise. */
export function hbSides(instance: Instance, C: Compressor, gamma: number, eta: number, state: HbState): Sides {
  const { problem } = instance;
  const { effectiveStep, worker, momentum } = hbWeights(problem, gamma, contractiveAlpha(C), eta);
  const c = uniformWeights(problem.n);
  const target = gradientTarget(problem);
  const g = mean(state.gi);
  const m = sub(state.v, g);
  // z = x − γ'm: the auxiliary sequence, from the state alone.
  const auxiliary = (x: ReadonlyVector, carried: ReadonlyVector): Vector => axpy(-effectiveStep, carried, x);
  let xNext: Vector;
  let mNext: Vector;
  let gNext: ReadonlyVector;
  let after: Distortion;
  if (C.deterministic) {
    const s = { t: 0, x: state.x, gi: state.gi, g, v: state.v, bitsPerNode: 0, initBitsPerNode: 0 };
    const next = ef21Hb({ gamma, eta, compressor: C }).step(s, exactOracle(problem), key(0));
    [xNext, mNext, gNext] = [next.x, sub(next.v, next.g), next.g];
    after = distortion(c, next.gi, target, next.x);
  } else {
    xNext = masterStep(state.x, gamma, state.v);
    mNext = Float64Array.from(state.v, (vj) => eta * vj);
    gNext = g;
    after = expectedNextDistortion(C, c, state.gi, target, xNext);
  }
  const before = distortion(c, state.gi, target, state.x);
  // Ψ's error part a·G + c‖m‖², with the sizes of its summands (m = v − g).
  const lyapunov = (G: Distortion, carried: ReadonlyVector, v: ReadonlyVector, gv: ReadonlyVector): Distortion => ({
    value: worker * G.value + momentum * norm2sq(carried),
    scale: worker * G.scale + momentum * (norm2(v) + norm2(gv)) ** 2,
  });
  const vNext = Float64Array.from(mNext, (mj, j) => mj + gNext[j]);
  return descentSides({
    ...{ instance, gamma: effectiveStep, coefficient: 1 },
    ...{ x: auxiliary(state.x, m), before: lyapunov(before, m, state.v, g) },
    ...{ xNext: auxiliary(xNext, mNext), after: lyapunov(after, mNext, vNext, gNext) },
  });
}

export async function check(seed: number, budget: Budget): Promise<TheoremResult> {
  const root = key(seed);
  const ctx = { ...claimContext(meta, seed, budget), claim: CLAIM };
  const run = oneStepRun<HbStep>(root, (k, family, pool, m, rule): Trial => {
    const tr = seededHbTrial(k, family, pool, m, rule);
    return { ...hbSides(tr.instance, tr.compressor, tr.gamma, tr.eta, tr.state), instance: hbTrialJson(tr) };
  });
  const { trials, quarter, held, fourTimes, adversary } = oneStepVerdicts(ctx, root, budget, run, {
    deterministic: 'top-k / scaled sign, pathwise',
    random: 'indefinite quadratics, random C, exact expectation',
    rule: 'γ_HB',
    adversary: 'n, d ≤ 3 indefinite quadratics, any state, η and α searched, worst C of the class or top-k',
    space: hbSpace(ef21HbSetting),
  });
  const ignoring = run(4, trials, 'quadratic', 'deterministic', 1, 'ignore-eta');
  return {
    verdicts: [
      ...held,
      verdictOverTrials(
        { ...ctx, check: 'teeth: EF21’s step 1/(L + L̃ξ(α)), ignoring η', expectation: 'may-fail' },
        'deterministic',
        ignoring,
      ),
      fourTimes,
      ...adversary.verdicts,
    ],
    power: [adversary.power],
    tables: [etaTable(ETAS, ignoring)],
    notes: [
      `Instances as in ef21-lyapunov with d ≥ 2; η uniform over {${ETAS.join(', ')}}; v = g, within 1% of g, or random. ${trials} quadratic and ${quarter} logistic trials per pool; random C (rand-k, Bernoulli, scaled rand-k and natural, natural∘top-k) in exact expectation.`,
      adversaryNote(adversary.power, 'γ_HB'),
    ],
  };
}

export const theorem: Theorem = { meta, check, adversary: { space: () => hbSpace(ef21HbSetting) } };
